"""Formatting for a reader (docs/languages.md) compared with an independent side: CLDR as Debian's
python3-babel (2.10.3, CLDR 41) carries it, against librma's ICU (72 in Debian 12, CLDR 42). For
each of the five built-in languages (and de-AT, which has its own CLDR data): plural categories,
money in several currencies, dates in three styles, times in a zone, lists.

Where the two CLDR versions differ, the difference is listed below with the reason, and the test
fails on an unlisted one and on a listed one that no longer happens (so the list stays true):
- CLDR 42 moved Romanian numbers ending in 01 (101, 201, 1001) from "other" to "few": one says
  "101 produse", not "101 de produse" (CLDR ticket 15400); Babel's CLDR 41 still has "other".
- Babel 2.10 does not apply CLDR's currency spacing (a no-break space between a currency symbol
  that ends in a letter and the digits: "PLN\u00a012.08" in English); ICU does, so Babel's texts
  get it added before they are compared.
- CLDR 42 puts a narrow no-break space (U+202F) before "AM"/"PM" where CLDR 41 has a plain
  space, so times are compared with U+202F read as a space."""

import datetime as dt
import decimal
import re
import zoneinfo

import pytest

import rma

babel = pytest.importorskip("babel")
from babel import Locale  # noqa: E402
from babel.dates import format_date, format_time  # noqa: E402
from babel.lists import format_list  # noqa: E402
from babel.numbers import format_currency  # noqa: E402

ANYONE = "operator:anna"
ADMIN = "admin:root"
LANGUAGES = ["en", "it", "pl", "ro", "de", "de-AT"]
NUMBERS = [str(n) for n in list(range(0, 130)) + [200, 201, 202, 205, 1000, 1001, 1002, 1005, 1000000]] + [
    "0.5", "1.5", "2.25", "11.1", "0.1", "21.3"]
AMOUNTS = ["0.00", "0.05", "1.00", "12.08", "-12.08", "999.99", "1234.56", "12345.67", "1234567.89"]
CURRENCIES = ["EUR", "PLN", "RON", "USD", "CHF", "GBP", "JPY"]
DATES = [dt.date(2026, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 12, 31), dt.date(1999, 7, 9)]
TIMES = ["2026-03-31T23:30:00Z", "2026-01-15T06:05:00Z", "2026-07-01T12:00:00Z"]


# (language, number) -> the category ICU's CLDR 42 gives where Babel's CLDR 41 gives another.
PLURAL_DIFFERENCES = {("ro", "101"): "few", ("ro", "201"): "few", ("ro", "1001"): "few"}


# CLDR's currencySpacing (beforeCurrency/afterCurrency insertBetween), which Babel 2.10 leaves out.
_LETTER_SYMBOL_THEN_DIGIT = re.compile(r"^(-?)([^\W\d_]+)(\d)")


def _with_currency_spacing(text: str) -> str:
    return _LETTER_SYMBOL_THEN_DIGIT.sub("\\1\\2\u00a0\\3", text)


def _space(text: str) -> str:
    return text.replace("\u202f", " ")


def _babel_locale(tag: str) -> str:
    return tag.replace("-", "_")


def _format(engine: rma.Engine, lang: str, values):
    return engine.format_texts(ANYONE, values, lang=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_categories_match_cldr(engine, lang):
    ours = _format(engine, lang, [{"plural": n} for n in NUMBERS])
    locale = Locale.parse(_babel_locale(lang))
    theirs = [locale.plural_form(decimal.Decimal(n)) for n in NUMBERS]
    for i, n in enumerate(NUMBERS):
        listed = PLURAL_DIFFERENCES.get((lang, n))
        if listed is not None:
            assert theirs[i] != listed, f"{lang} {n}: Babel now agrees; remove it from PLURAL_DIFFERENCES"
            theirs[i] = listed
    assert list(zip(NUMBERS, ours)) == list(zip(NUMBERS, theirs))


def test_polish_and_romanian_have_more_than_two_forms(engine):
    products = [{"message": "count.products", "arguments": {"count": n}} for n in (1, 2, 5, 22, 25)]
    assert _format(engine, "pl", products) == ["1 produkt", "2 produkty", "5 produktów", "22 produkty", "25 produktów"]
    assert _format(engine, "ro", products[:3] + [{"message": "count.products", "arguments": {"count": 20}}]) == [
        "1 produs", "2 produse", "5 produse", "20 de produse"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_money_matches_cldr(engine, lang):
    values = [{"money": f"{a} {c}"} for c in CURRENCIES for a in AMOUNTS if not (c == "JPY" and "." in a)]
    values += [{"money": f"{a} JPY"} for a in ("0", "5", "1234", "-1234567")]
    ours = _format(engine, lang, values)
    theirs = []
    for v in values:
        amount, currency = v["money"].split(" ")
        theirs.append(format_currency(decimal.Decimal(amount), currency, locale=_babel_locale(lang)))
    spaced = [_with_currency_spacing(t) for t in theirs]
    if lang == "en":
        assert spaced != theirs, "Babel applies currency spacing now: compare its texts as they are"
    assert list(zip(values, ours)) == list(zip(values, spaced))


def test_money_as_the_issue_writes_it(engine):
    nbsp = "\u00a0"
    assert _format(engine, "it", [{"money": "12.08 EUR"}]) == [f"12,08{nbsp}€"]
    assert _format(engine, "pl", [{"money": "1234.56 PLN"}]) == [f"1{nbsp}234,56{nbsp}zł"]
    assert _format(engine, "ro", [{"money": "1234.56 RON"}]) == [f"1.234,56{nbsp}RON"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_match_cldr(engine, lang):
    values = [{"date": d.isoformat(), "style": s} for d in DATES for s in ("short", "medium", "long", "full")]
    ours = _format(engine, lang, values)
    theirs = [format_date(dt.date.fromisoformat(v["date"]), v["style"], locale=_babel_locale(lang)) for v in values]
    assert list(zip(values, ours)) == list(zip(values, theirs))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("zone", ["Europe/Warsaw", "Europe/Rome", "Europe/Bucharest", "America/New_York", "UTC"])
def test_times_in_the_readers_zone_match_cldr(engine, lang, zone):
    values = [{"time": t, "time_zone": zone, "date_style": "none", "time_style": s} for t in TIMES
              for s in ("short", "medium")]
    ours = _format(engine, lang, values)
    theirs = []
    for v in values:
        local = dt.datetime.fromisoformat(v["time"].replace("Z", "+00:00")).astimezone(zoneinfo.ZoneInfo(zone))
        theirs.append(format_time(local.replace(tzinfo=None).time(), v["time_style"], locale=_babel_locale(lang)))
    assert [_space(t) for t in ours] == [_space(t) for t in theirs]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_match_cldr(engine, lang):
    lists = [["a"], ["a", "b"], ["a", "b", "c"], ["jeden", "dwa", "trzy", "cztery"]]
    ours = _format(engine, lang, [{"list": items} for items in lists])
    assert ours == [format_list(items, locale=_babel_locale(lang)) for items in lists]


def test_the_five_catalogs_are_complete(engine):
    check = engine.check_languages(ANYONE)
    assert check["complete"] is True
    assert check["languages"] == ["de", "en", "it", "pl", "ro"]
    assert check["missing"] == {}


def test_labels_in_the_readers_language_and_fallback(engine, case):
    assert engine.get_case(ANYONE, case["id"], lang="it")["status_label"] == "Richiesto"
    labels = {t["name"]: t["label"] for t in engine.case_transitions(ANYONE, case["id"], lang="pl")}
    assert labels["authorize"] == "Zatwierdź"
    engine.configure_languages(ADMIN, {"languages": {"de-AT": {"workflow.consumer_return.state.requested": "Beantragt"}}})
    assert engine.get_case(ANYONE, case["id"], lang="de-AT")["status_label"] == "Beantragt"
    assert engine.get_case(ANYONE, case["id"], lang="de-CH")["status_label"] == "Angefragt"
    assert engine.get_case(ANYONE, case["id"], lang="fr")["status_label"] == "Requested"
    assert engine.languages_config(ANYONE) == {
        "languages": {"de-AT": {"workflow.consumer_return.state.requested": "Beantragt"}}}


@pytest.mark.parametrize("document, field", [
    ({"languages": {"german": {}}}, "languages.german"),
    ({"languages": {"de": {"kind.return": 1}}}, "languages.de.kind.return"),
    ({"languages": {"de": {"kind.return": "{oops"}}}, "languages.de.kind.return"),
    ({"languages": {"de": {"kind.return": "x" * 5000}}}, "languages.de.kind.return"),
    ({"languages": {"de": {"Kind": "x"}}}, "languages.de.Kind"),
    ({"langs": {}}, "langs"),
])
def test_a_bad_catalog_names_the_field_and_stores_nothing(engine, document, field):
    before = engine.languages_config(ANYONE)
    with pytest.raises(rma.ValidationError) as raised:
        engine.configure_languages(ADMIN, document)
    assert raised.value.field == field
    assert engine.languages_config(ANYONE) == before


def test_invalid_utf8_and_unknown_tags_are_refused(engine, case):
    with pytest.raises(rma.ValidationError) as raised:
        engine.call(ADMIN, "language.configure", b'{"languages": {"de": {"kind.return": "\xc3\x28"}}}')
    assert raised.value.field == "languages.de.kind.return"
    with pytest.raises(rma.ValidationError) as raised:
        engine.get_case(ANYONE, case["id"], lang="de_AT")
    assert raised.value.field == "lang"
