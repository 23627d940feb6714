"""Built-in public holidays from Python: a year's holidays of a country and of a German state, an
SLA calendar naming Poland's holidays with one removed and one added, and business time counted
across Christmas. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/holidays.py
"""

import datetime as dt

import rma

OPERATOR = "operator:anna"
UTC = dt.timezone.utc

with rma.Engine(":memory:") as engine:
    print("Bavaria, 2026:")
    for h in engine.public_holidays(OPERATOR, "DE", 2026, subdivision="BY"):
        print(f"  {h['date']}  {h['name']}")

    print("United Kingdom (England and Wales), Christmas 2027 falls on a Saturday:")
    for h in engine.public_holidays(OPERATOR, "GB", 2027):
        if h["date"].month == 12:
            print(f"  {h['date']}  {h['name']}{' (substitute day)' if h['substitute'] else ''}")

    # Warsaw office: Polish public holidays, and closed for stock-taking on 30 December.
    warsaw = {
        "time_zone": "CET-1CEST,M3.5.0,M10.5.0/3",
        "week": {day: ["09:00-17:00"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
        "holidays": {"country": "PL", "add": [{"date": "2026-12-30", "name": "stock-taking"}]},
    }
    start = dt.datetime(2026, 12, 23, 15, 0, tzinfo=UTC)  # Wednesday 16:00 in Warsaw
    due = engine.calendar_add(OPERATOR, warsaw, start, 24 * 3600)
    print(f"24 business hours from {start:%a %d %b %H:%M} UTC: {due:%a %d %b %H:%M} UTC")
    # One hour on Wednesday; 24-26 December are holidays (24 December since 2025); eight hours on
    # Monday 28th and on Tuesday 29th; 30 December is closed; the last seven on Thursday 31st.
    assert due == dt.datetime(2026, 12, 31, 15, 0, tzinfo=UTC), due

    regions = engine.public_holiday_regions(OPERATOR)
    print(f"{len({r['country'] for r in regions})} countries, {sum(1 for r in regions if r['subdivision'])} subdivisions")
    print("holidays example done")
