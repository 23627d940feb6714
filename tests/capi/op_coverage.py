#!/usr/bin/env python3
"""Every op of the op table (src/api/ops.def, printed by rma_ops) has its C function (declared in
rma.h and listed in exported_symbols.txt), a docs/json.md entry and, with --python, a method of
rma.Engine; every rma_* function in exported_symbols.txt is in rma.h. Fails naming what is missing.

usage: op_coverage.py RMA_OPS EXPORTED_SYMBOLS RMA_H JSON_MD [--python PACKAGE_DIR]
"""
import re
import subprocess
import sys


def main(argv):
    python_dir = None
    if "--python" in argv:
        i = argv.index("--python")
        python_dir = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    rma_ops, symbols_path, header_path, docs_path = argv[1:5]

    rows = [line.split("\t") for line in subprocess.run(
        [rma_ops], check=True, capture_output=True, text=True).stdout.splitlines()]
    with open(symbols_path) as f:
        symbols = {line.strip() for line in f if line.strip()}
    with open(header_path) as f:
        header = f.read()
    with open(docs_path) as f:
        docs = f.read().splitlines()
    engine = None
    if python_dir is not None:
        sys.path.insert(0, python_dir)
        import rma  # noqa: E402  (the package built from this tree)
        engine = rma.Engine

    declared = set(re.findall(r"RMA_API\s+[^;(]*?\b(rma_[a-z0-9_]+)\s*\(", header))
    missing = []
    for name, c_function, python_method, _access, _batch in rows:
        if c_function not in declared:
            missing.append(f"{name}: C function {c_function} is not declared in rma.h")
        if c_function not in symbols:
            missing.append(f"{name}: C function {c_function} is not in exported_symbols.txt")
        if engine is not None and not callable(getattr(engine, python_method, None)):
            missing.append(f"{name}: rma.Engine has no method {python_method}")
        token = re.compile(r"(^|[\s,`(])" + re.escape(name) + r"($|[\s,`)])", re.IGNORECASE)
        entry = any((line.startswith("#") and token.search(line[line.index(" "):])) or
                    line.startswith(f"| `{name}` |") for line in docs)
        if not entry:
            missing.append(f"{name}: no docs/json.md heading or table row names it")
    for symbol in sorted(symbols - declared):
        missing.append(f"exported symbol {symbol} is not declared in rma.h")

    for line in missing:
        print(line)
    if missing:
        print(f"{len(missing)} missing")
        return 1
    print(f"{len(rows)} ops: each has its C function, docs entry" +
          (" and Python method" if engine is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
