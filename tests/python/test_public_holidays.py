"""Built-in public holidays (data/holidays.json) compared with an independent source: Debian's
python3-holidays (0.10.1 in Debian 12), for every country and subdivision both know, every year
2000-2040. A date one side has and the other lacks must be listed under the country's
"differences" with its legal source and the reason; the test fails on any unlisted one, and on a
listed one that no longer happens (so the list stays true)."""

import datetime as dt
import json
import pathlib

import pytest

import rma

holidays = pytest.importorskip("holidays")

ADMIN = "admin:root"
ANYONE = "operator:anna"
YEARS = range(2000, 2041)
DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "holidays.json"
REFERENCE = "python3-holidays 0.10.1"

# python3-holidays' class (and its keyword) for each of our regions; None: it has no such list.
_GB_NATIONS = {"": "England", "ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "NorthernIreland"}


def _theirs(country: str, subdivision: str, years):
    if country == "GB":
        return getattr(holidays, _GB_NATIONS[subdivision])(years=years)
    cls = getattr(holidays, "FRA" if country == "FR" else country, None)
    if cls is None:
        return None
    kwargs = {"years": years}
    if country in ("SE", "NO"):
        kwargs["include_sundays"] = False  # they list every Sunday by default
    if subdivision:
        if subdivision not in getattr(cls, "PROVINCES", []):
            return None
        kwargs["prov"] = subdivision
    return cls(**kwargs)


@pytest.fixture(scope="module")
def engine():
    with rma.Engine(":memory:") as e:
        e.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        yield e


def _ours(engine, country, subdivision, year):
    return {h["date"]: h["name"] for h in engine.public_holidays(ANYONE, country, year, subdivision)}


def _explained(entries, side, date, our_name, their_name):
    for i, d in entries:
        if d["side"] != side:
            continue
        if date.year < d.get("from", 0) or date.year > d.get("until", 9999):
            continue
        if date.isoformat() in d.get("dates", []) or (side == "ours" and d.get("rule") == our_name) or (
                side == "theirs" and d.get("their_name") == their_name):
            return i
    return None


def test_every_disagreement_with_python_holidays_is_explained(engine):
    document = json.loads(DATA.read_text(encoding="utf-8"))
    unexplained = []
    used = set()
    compared = []
    for region in engine.public_holiday_regions(ANYONE):
        country, subdivision = region["country"], region["subdivision"]
        theirs = _theirs(country, subdivision, list(YEARS))
        if theirs is None:
            continue
        compared.append(f"{country}-{subdivision}" if subdivision else country)
        entries = [((country, i), d) for i, d in enumerate(document["countries"][country]["differences"])
                   if d.get("subdivision", subdivision) == subdivision and d["reference"] == REFERENCE]
        for year in YEARS:
            ours = _ours(engine, country, subdivision, year)
            their_days = {d: n for d, n in theirs.items() if d.year == year}
            for date in sorted(set(ours) ^ set(their_days)):
                side = "ours" if date in ours else "theirs"
                hit = _explained(entries, side, date, ours.get(date), their_days.get(date))
                if hit is None:
                    unexplained.append(f"{compared[-1]} {date} {side}: {ours.get(date) or their_days.get(date)}")
                else:
                    used.add(hit)
    assert "DE-BY" in compared and "GB-SCT" in compared and "US" in compared
    assert not unexplained, "disagreements not listed in data/holidays.json:\n" + "\n".join(unexplained)
    stale = [f"{c}.differences[{i}]" for c, country in document["countries"].items()
             for i, d in enumerate(country["differences"]) if d["reference"] == REFERENCE and (c, i) not in used]
    assert not stale, "differences that no longer happen: " + ", ".join(stale)


def test_a_year_of_holidays_with_names_and_substitutes(engine):
    uk = engine.public_holidays(ANYONE, "GB", 2021)
    assert {"date": dt.date(2021, 12, 28), "name": "Boxing Day", "substitute": True} in uk
    poland = {h["date"] for h in engine.public_holidays(ANYONE, "PL", 2025)}
    assert dt.date(2025, 12, 24) in poland
    assert dt.date(2024, 12, 24) not in {h["date"] for h in engine.public_holidays(ANYONE, "PL", 2024)}
    regions = engine.public_holiday_regions(ANYONE)
    assert {"country": "DE", "subdivision": "BY", "name": "Bavaria"} in regions
    assert len({r["country"] for r in regions}) == 31


def test_unknown_codes_name_the_field(engine):
    with pytest.raises(rma.ValidationError) as e:
        engine.public_holidays(ANYONE, "XX", 2026)
    assert e.value.field == "country" and e.value.code == rma.Status.UNKNOWN_VALUE
    with pytest.raises(rma.ValidationError) as e:
        engine.public_holidays(ANYONE, "DE", 2026, "ZZ")
    assert e.value.field == "subdivision"


def test_a_calendar_names_a_country_and_removes_a_day(engine):
    week = {d: ["09:00-17:00"] for d in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    wednesday = dt.datetime(2026, 12, 23, 16, 0, tzinfo=dt.timezone.utc)  # 1 h before closing
    poland = {"time_zone": "UTC", "week": week, "holidays": {"country": "PL"}}
    # 24, 25 December are holidays (Thursday, Friday): the next hour is on Monday 28th.
    assert engine.calendar_add(ANYONE, poland, wednesday, 7200) == dt.datetime(2026, 12, 28, 10, 0, tzinfo=dt.timezone.utc)
    open_eve = dict(poland, holidays={"country": "PL", "remove": ["2026-12-24"]})
    assert engine.calendar_add(ANYONE, open_eve, wednesday, 7200) == dt.datetime(2026, 12, 24, 10, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(rma.ValidationError) as e:
        engine.calendar_add(ANYONE, dict(poland, holidays={"country": "XX"}), wednesday, 60)
    assert e.value.field == "calendar.holidays.country"


def test_a_newer_document_is_loaded_at_run_time(engine):
    built_in = json.loads(DATA.read_text(encoding="utf-8"))
    newer = json.loads(DATA.read_text(encoding="utf-8"))
    newer["version"] = "test-newer"
    newer["countries"]["PL"]["holidays"].append(
        {"name": "Test day", "date": "2031-03-03", "source": "test"})
    with pytest.raises(rma.PermissionDenied):
        engine.load_public_holidays(ANYONE, newer)
    try:
        assert engine.load_public_holidays(ADMIN, newer) == "test-newer"
        assert dt.date(2031, 3, 3) in {h["date"] for h in engine.public_holidays(ANYONE, "PL", 2031)}
        bad = dict(newer, countries={"PL": {"name": "Poland", "holidays": [{"name": "x", "annual": "13-01", "source": "s"}]}})
        with pytest.raises(rma.ValidationError) as e:
            engine.load_public_holidays(ADMIN, bad)
        assert e.value.field == "countries.PL.holidays[0].annual"
        assert dt.date(2031, 3, 3) in {h["date"] for h in engine.public_holidays(ANYONE, "PL", 2031)}
    finally:
        engine.load_public_holidays(ADMIN, built_in)
    assert dt.date(2031, 3, 3) not in {h["date"] for h in engine.public_holidays(ANYONE, "PL", 2031)}


def test_an_sla_calendar_stores_its_built_in_holidays(engine):
    week = {d: ["09:00-17:00"] for d in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    holidays_named = {"country": "DE", "subdivision": "BY", "remove": ["Epiphany"],
                      "add": [{"date": dt.date(2026, 12, 31), "name": "stock-taking"}]}
    sla = {"calendars": {"munich": {"time_zone": "UTC", "week": week, "holidays": holidays_named}},
           "policies": [{"name": "standard", "targets": {"first_response": {"hours": 4}, "resolution": {"hours": 40}}}]}
    stored = engine.configure_sla(ADMIN, sla)
    assert stored["calendars"]["munich"]["holidays"] == {
        "country": "DE", "subdivision": "BY", "remove": ["Epiphany"],
        "add": [{"date": dt.date(2026, 12, 31), "name": "stock-taking"}]}
    # 6 January is open (Epiphany removed); 31 December is closed (added), 1 January a holiday.
    jan_5 = dt.datetime(2026, 1, 5, 16, 0, tzinfo=dt.timezone.utc)
    assert engine.calendar_add(ANYONE, "munich", jan_5, 7200) == dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.timezone.utc)
    dec_30 = dt.datetime(2026, 12, 30, 16, 0, tzinfo=dt.timezone.utc)
    assert engine.calendar_add(ANYONE, "munich", dec_30, 7200) == dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.timezone.utc)
