"""The Python half of benchmarks/warranty: warranty checks by serial through `import rma`.

Usage: warranty_python.py DB UNITS CHECKS  (prints "python_checks_per_s N")
"""
import datetime
import random
import sys
import time

import rma


def main() -> None:
    path, units, checks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(42)
    serials = ["SN%d" % (10000000 + rng.randrange(units)) for _ in range(checks)]
    today = datetime.date(2026, 6, 1)
    with rma.Engine(path) as engine:
        for serial in serials[:1000]:
            engine.check_warranty("operator:bench", serial, on=today)
        start = time.perf_counter()
        for serial in serials:
            engine.check_warranty("operator:bench", serial, on=today)
        elapsed = time.perf_counter() - start
    print("python_checks_per_s %.0f" % (checks / elapsed))


if __name__ == "__main__":
    main()
