"""`pip install .` from the source tree (pyproject.toml, setup.py) into a fresh directory, then
`import rma` from there alone: the package, its extension and its type information are installed.
The CMake build tree of this test run is reused (RMA_CMAKE_BUILD_DIR), so the library is not built
twice; pip runs with --no-build-isolation (the Debian setuptools) and no network.

usage: python3 pip_install_check.py SOURCE_DIR CMAKE_BUILD_DIR WORK_DIR
"""

import os
import shutil
import subprocess
import sys


def main() -> None:
    source, cmake_build, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    target = os.path.join(work, "site")
    shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ, RMA_CMAKE_BUILD_DIR=cmake_build, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                    "--no-cache-dir", "--target", target, source], check=True, env=env)
    probe = ("import rma, os; "
             "assert os.path.dirname(rma.__file__) == os.path.join(os.environ['TARGET'], 'rma'), rma.__file__; "
             "assert os.path.exists(os.path.join(os.path.dirname(rma.__file__), 'py.typed')); "
             "e = rma.Engine(); c = e.calendar('operator:a', 'office'); e.close(); print('rma', rma.version())")
    env = dict(os.environ, PYTHONPATH=target, TARGET=target)
    out = subprocess.run([sys.executable, "-c", probe], check=True, env=env, capture_output=True, text=True,
                         cwd=work)
    print("pip install . ->", target, ":", out.stdout.strip())


if __name__ == "__main__":
    main()
