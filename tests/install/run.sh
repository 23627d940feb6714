#!/usr/bin/env bash
# The installed-package test: installs a librma build tree into a temporary prefix, then builds
# and runs a host project against it: find_package(rma) with rma::core (C++) and with rma::c (C);
# checks librma.so's SONAME against RMA_ABI_VERSION and, when the build split it, that the
# library is stripped and its debug information installed by build ID; then installs only the C
# component into a second prefix and builds a C host there with find_package(rma COMPONENTS c)
# while every C++ dependency of librma is hidden from CMake, and with `pkg-config --cflags --libs
# rma`; and, when PYTHON is set and the Python package was installed, imports it from the prefix.
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
for file in include/rma/rma.hpp include/rma/rma.h include/rma/rma_ffi.h; do
  [[ -f "$prefix/$file" ]] || { echo "missing $prefix/$file" >&2; false; }
done

if [[ -e "$build_dir/tools/rmactl/rmactl" ]]; then
  echo "-- rmactl and its man page"
  [[ -f "$prefix/share/man/man1/rmactl.1" ]] || { echo "missing $prefix/share/man/man1/rmactl.1" >&2; false; }
  "$prefix/bin/rmactl" --version
fi

echo "-- find_package(rma): host_cpp (rma::core) and host_c (rma::c)"
"$cmake" -S "$host_dir" -B "$work/host-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/host-configure.log"
"$cmake" --build "$work/host-build"
"$work/host-build/host_cpp" "$work/host-cpp.db"
"$work/host-build/host_c" "$work/host-c.db"

echo "-- librma.so: SONAME and debug information"
abi=$(sed -n 's/^#define RMA_ABI_VERSION \([0-9]*\)$/\1/p' "$prefix/include/rma/rma.h")
library=$(find "$prefix" -name "librma.so.$abi.*" -type f -print -quit)
[[ -n "$abi" && -n "$library" ]] || { echo "no librma.so.$abi.* for RMA_ABI_VERSION '$abi'" >&2; false; }
soname=$(readelf -d "$library" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[[ "$soname" == "librma.so.$abi" ]] || { echo "SONAME '$soname', expected librma.so.$abi" >&2; false; }
echo "$(basename "$library"): SONAME $soname, $(stat -c %s "$library") bytes"
if readelf -S "$library" | grep -q '\.gnu_debuglink'; then
  if readelf -S "$library" | grep -q '\.debug_info'; then
    echo "$library has a debuglink but was not stripped" >&2; false
  fi
  build_id=$(readelf -n "$library" | sed -n 's/.*Build ID: \([0-9a-f]*\)/\1/p')
  debug_file="$prefix/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug"
  [[ -n "$build_id" && -f "$debug_file" ]] || { echo "no debug information at $debug_file" >&2; false; }
  readelf -S "$debug_file" | grep -q '\.debug_info' || { echo "$debug_file holds no .debug_info" >&2; false; }
  echo "debug information: lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug, $(stat -c %s "$debug_file") bytes"
fi

c_prefix=$work/c-prefix
echo "-- install only the C component into $c_prefix"
"$cmake" --install "$build_dir" --prefix "$c_prefix" --component c >"$work/install-c.log"
for file in include/rma/rma.hpp include/rma/engine.hpp; do
  [[ ! -e "$c_prefix/$file" ]] || { echo "the C component installed $file" >&2; false; }
done
[[ -z "$(find "$c_prefix" -name 'librma_core*' -print -quit)" ]] || { echo "the C component installed librma_core" >&2; false; }

echo "-- find_package(rma COMPONENTS c) with librma's C++ dependencies hidden"
hidden=()
for package in Boost SQLiteCpp SQLite3 fmt nlohmann_json Threads doctest pybind11; do
  hidden+=("-DCMAKE_DISABLE_FIND_PACKAGE_$package=ON")
done
"$cmake" -S "$(dirname "$0")/c_host" -B "$work/c-host-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$c_prefix" "${hidden[@]}" >"$work/c-host-configure.log"
"$cmake" --build "$work/c-host-build"
"$work/c-host-build/host_c" "$work/c-host-c.db"

echo "-- pkg-config: host_c built by hand against the C component alone"
pc_file=$(find "$c_prefix" -name rma.pc -print -quit)
[[ -n "$pc_file" ]] || { echo "rma.pc was not installed" >&2; false; }
export PKG_CONFIG_LIBDIR=$(dirname "$pc_file")
unset PKG_CONFIG_PATH
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
