#!/bin/sh
# check_exported_symbols.sh NM LIBRARY EXPECTED_LIST
# librma.so must export exactly the rma_* functions listed in capi/exported_symbols.txt, and no
# other symbol at all (a leaked C++ or Boost symbol would become part of the ABI by accident).
set -eu
nm_tool=$1
library=$2
expected=$3

actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
# "address type name[@version]": keep the name, without a version suffix.
"$nm_tool" -D --defined-only "$library" | awk '{ print $NF }' | sed 's/@.*//' | LC_ALL=C sort -u > "$actual"

status=0
others=$(grep -v '^rma_' "$actual" || true)
if [ -n "$others" ]; then
  echo "librma exports symbols outside the C ABI:"
  echo "$others"
  status=1
fi
if ! LC_ALL=C sort -u "$expected" | diff -u - "$actual"; then
  echo "exported rma_* symbols differ from $expected (- listed only, + exported only)"
  status=1
fi
[ "$status" -eq 0 ] && echo "librma exports exactly the $(wc -l < "$actual") listed symbols"
exit "$status"
