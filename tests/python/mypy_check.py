"""mypy --strict on the rma package and a typed example passes; on a request with a misspelled key
it fails, naming the key. Either check failing fails the test.

usage: python3 mypy_check.py CACHE_DIR PACKAGE_DIR EXAMPLE... -- MUST_FAIL_FILE
"""

import subprocess
import sys


def mypy(cache: str, *paths: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, *paths],
                          capture_output=True, text=True)


def main() -> None:
    cache = sys.argv[1]
    split = sys.argv.index("--")
    clean, must_fail = sys.argv[2:split], sys.argv[split + 1:]
    passed = mypy(cache, *clean)
    if passed.returncode != 0:
        raise SystemExit("mypy --strict found problems:\n" + passed.stdout + passed.stderr)
    for path in must_fail:
        refused = mypy(cache, path)
        if refused.returncode == 0 or '"quantty"' not in refused.stdout:
            raise SystemExit(f"mypy --strict should refuse {path} naming \"quantty\":\n" + refused.stdout + refused.stderr)
    print("mypy --strict: the package and", len(clean) - 1, "example(s) pass; the misspelled key is refused")


if __name__ == "__main__":
    main()
