"""The Python half of benchmarks/sla: business-time arithmetic through `import rma` on the office
calendar of the C++ half (Mon-Fri 08-12 + 13-17, Rome time, Italian holidays with Easter Monday),
stored in the SLA configuration as "office".

Usage: calendar_python.py COUNT
  COUNT random whole-minute starts in 2026-2028 with targets of 1 hour to 30 business days, as the
  C++ half draws them. Prints "python_calendar_add_per_s N" (Calendar.add on the stored calendar,
  taken once with engine.calendar) and "python_engine_calendar_add_per_s N" (engine.calendar_add
  by name: a JSON command each, on a quarter of the samples).
"""
import datetime
import random
import sys
import time

import rma

HOUR = 3600
DAY = 8 * HOUR
TARGETS = [HOUR, 4 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 10 * DAY, 20 * DAY, 30 * DAY]
SPLIT = ["08:00-12:00", "13:00-17:00"]
OFFICE = {
    "time_zone": "CET-1CEST,M3.5.0,M10.5.0/3",
    "week": {day: SPLIT for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
    "holidays": [{"annual": "01-01"}, {"annual": "01-06"}, {"easter": 1, "name": "Easter Monday"},
                 {"annual": "04-25"}, {"annual": "05-01"}, {"annual": "06-02"}, {"annual": "08-15"},
                 {"annual": "11-01"}, {"annual": "12-08"}, {"annual": "12-25"}, {"annual": "12-26"}],
}


def rate(add, samples):
    start = time.perf_counter()
    for at, seconds in samples:
        add(at, seconds)
    return len(samples) / (time.perf_counter() - start)


def main() -> None:
    count = int(sys.argv[1])
    rng = random.Random(20261123)
    first = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    minutes = int((datetime.datetime(2028, 12, 31, tzinfo=datetime.timezone.utc) - first).total_seconds() // 60)
    samples = [(first + datetime.timedelta(minutes=rng.randrange(minutes)), rng.choice(TARGETS))
               for _ in range(count)]
    op = "operator:bench"
    with rma.Engine() as engine:
        config = engine.sla_config(op)
        config["calendars"]["office"] = OFFICE
        engine.configure_sla("system:bench", config)
        office = engine.calendar(op, "office")
        by_name = lambda at, seconds: engine.calendar_add(op, "office", at, seconds)  # noqa: E731
        for at, seconds in samples[:1000]:
            if office.add(at, seconds) != by_name(at, seconds):
                raise SystemExit("Calendar.add and engine.calendar_add disagree at %s + %d s" % (at, seconds))
        print("python_calendar_add_per_s %.0f" % rate(office.add, samples))
        print("python_engine_calendar_add_per_s %.0f" % rate(by_name, samples[:count // 4]))


if __name__ == "__main__":
    main()
