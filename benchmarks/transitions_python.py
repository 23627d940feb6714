"""The Python half of benchmarks/transitions: the same walk through `import rma`.

Usage: transitions_python.py DB FIRST_ID LAST_ID PER_CASE
  DB holds the workflow and the cases FIRST_ID..LAST_ID, all in state "a". Each case runs
  go, back, go, back ... (PER_CASE transitions), one engine.transition_case each.
  Prints "python_transitions_per_s N".
"""
import sys
import time

import rma


def main() -> None:
    path, first, last, per_case = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    op = "operator:bench"
    with rma.Engine(path) as engine:
        start = time.perf_counter()
        for case_id in range(first, last + 1):
            for k in range(per_case):
                engine.transition_case(op, case_id, "go" if k % 2 == 0 else "back")
        elapsed = time.perf_counter() - start
        if engine.get_case(op, last)["status"] != "a":
            raise SystemExit("the walk did not end in 'a'")
    print("python_transitions_per_s %.0f" % ((last - first + 1) * per_case / elapsed))


if __name__ == "__main__":
    main()
