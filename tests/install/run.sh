#!/usr/bin/env bash
# The installed-package test: installs a librma build tree into a temporary prefix, then builds
# and runs a host project against it three ways: find_package(rma) with rma::core (C++),
# find_package(rma) with rma::c (C), and `pkg-config --cflags --libs rma` (C, no CMake); and,
# when PYTHON is set and the Python package was installed, imports it from the prefix.
#
#   tests/install/run.sh BUILD_DIR HOST_PROJECT_DIR
#
# CMAKE, CMAKE_GENERATOR, CC, CXX and PYTHON come from the environment when set (CTest sets them to the
# build's own). The temporary directory is removed on success and kept for a look on failure.
set -euo pipefail

build_dir=$1
host_dir=$2
cmake=${CMAKE:-cmake}
cc=${CC:-cc}

work=$(mktemp -d "${TMPDIR:-/tmp}/rma-install-test.XXXXXX")
trap 'echo "installed-package test failed; files kept in $work" >&2' ERR
prefix=$work/prefix

echo "-- install $build_dir into $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log"
for file in include/rma/rma.hpp include/rma/rma.h; do
  [[ -f "$prefix/$file" ]] || { echo "missing $prefix/$file" >&2; false; }
done

echo "-- find_package(rma): host_cpp (rma::core) and host_c (rma::c)"
"$cmake" -S "$host_dir" -B "$work/host-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/host-configure.log"
"$cmake" --build "$work/host-build"
"$work/host-build/host_cpp" "$work/host-cpp.db"
"$work/host-build/host_c" "$work/host-c.db"

echo "-- pkg-config: host_c built by hand"
pc_file=$(find "$prefix" -name rma.pc -print -quit)
[[ -n "$pc_file" ]] || { echo "rma.pc was not installed" >&2; false; }
export PKG_CONFIG_PATH=$(dirname "$pc_file")
flags=$(pkg-config --cflags --libs rma)
libdir=$(pkg-config --variable=libdir rma)
echo "pkg-config --cflags --libs rma: $flags"
# shellcheck disable=SC2086  # the flags are meant to split into words
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror "$host_dir/host.c" $flags \
  -Wl,-rpath,"$libdir" -o "$work/host_c_pkgconfig"
"$work/host_c_pkgconfig" "$work/host-pkgconfig.db"

python_init=$(find "$prefix" -path '*/rma/__init__.py' -print -quit)
if [[ -n "${PYTHON:-}" && -n "$python_init" ]]; then
  echo "-- Python: import rma from the installed package"
  PYTHONPATH=$(dirname "$(dirname "$python_init")") "$PYTHON" -c '
import sys, rma
with rma.Engine(sys.argv[1]) as engine:
    engine.upsert_customer("operator:host", {"id": "H-3", "name": "Python Host"})
    case = engine.create_case("operator:host", {"customer_id": "H-3", "lines": [{"sku": "HOST-SKU"}]})
    print("python: librma", rma.version(), "opened", case["number"], "from", rma.__file__)
' "$work/host-python.db"
fi

trap - ERR
rm -rf "$work"
echo "-- installed package works"
