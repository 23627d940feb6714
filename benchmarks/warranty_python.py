"""The Python half of benchmarks/warranty: the sales import and warranty checks by serial through
`import rma`.

Usage: warranty_python.py DB CSV UNITS CHECKS
  DB holds the customers and products already; CSV is the sales documents file of the C++ half.
  Prints "python_import_rows_per_s N" (engine.import_run on the file's text, the read excluded),
  "python_first_pass_checks_per_s N" (each serial's facts read from the store once, as the C++
  half's first pass) and "python_checks_per_s N" (the same checks again on the warm engine, as the
  C++ half's checks_per_s).
"""
import datetime
import random
import sys
import time

import rma


def main() -> None:
    path, csv_path, units, checks = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(csv_path, encoding="utf-8") as f:
        csv = f.read()
    rng = random.Random(42)
    serials = ["SN%d" % (10000000 + rng.randrange(units)) for _ in range(checks)]
    today = datetime.date(2026, 6, 1)
    with rma.Engine(path) as engine:
        start = time.perf_counter()
        report = engine.import_run("operator:bench", "sales_documents", "csv", csv)
        import_s = time.perf_counter() - start
        if not report["committed"] or report["errors"]:
            raise SystemExit("the import failed: %r" % report["errors"][:1])
        print("python_import_rows_per_s %.0f" % (units / import_s))
        start = time.perf_counter()
        for serial in serials:
            engine.check_warranty("operator:bench", serial, on=today)
        print("python_first_pass_checks_per_s %.0f" % (checks / (time.perf_counter() - start)))
        start = time.perf_counter()
        for serial in serials:
            engine.check_warranty("operator:bench", serial, on=today)
        elapsed = time.perf_counter() - start
    print("python_checks_per_s %.0f" % (checks / elapsed))


if __name__ == "__main__":
    main()
