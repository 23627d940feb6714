"""Builds the rma package for `pip install .` (pyproject.toml): CMake configures librma with only the
Python module, builds the target _rma, and the module lands next to bindings/python/rma's sources.

Environment:
  RMA_CMAKE_BUILD_DIR   a CMake build tree to build in (and keep), e.g. an existing build/ whose
                        module is up to date; default: a fresh tree under build-setuptools/.
  RMA_CMAKE_ARGS        more -D options for the configure step, separated by spaces.
  CMAKE_BUILD_PARALLEL_LEVEL   how many compiler jobs (CMake's own variable).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def librma_version() -> str:
    match = re.search(r"project\(rma VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
    if match is None:
        raise RuntimeError("no project(rma VERSION ...) in CMakeLists.txt")
    return match.group(1)


class CMakeExtension(Extension):
    """The extension rma._rma, built by CMake instead of by setuptools."""

    def __init__(self) -> None:
        super().__init__("rma._rma", sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = Path(os.environ.get("RMA_CMAKE_BUILD_DIR") or ROOT / "build-setuptools" / "cmake")
        if not (build_dir / "CMakeCache.txt").exists():
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                            f"-DPython_EXECUTABLE={sys.executable}", "-DRMA_BUILD_PYTHON=ON",
                            "-DRMA_BUILD_TESTS=OFF", "-DRMA_BUILD_BENCHMARKS=OFF", "-DRMA_BUILD_EXAMPLES=OFF",
                            "-DRMA_BUILD_TOOLS=OFF", "-DRMA_PHP_TESTS=OFF", "-DRMA_INSTALL=OFF",
                            *os.environ.get("RMA_CMAKE_ARGS", "").split()], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_rma"], check=True)
        built = next((build_dir / "python" / "rma").glob("_rma*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=librma_version(),
    packages=["rma"],
    package_dir={"rma": "bindings/python/rma"},
    package_data={"rma": ["py.typed", "_rma.pyi"]},
    ext_modules=[CMakeExtension()],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": "build-setuptools"}, "egg_info": {"egg_base": "build-setuptools"}},
    zip_safe=False,
)
