"""Labels and amounts for people in their language: a Polish customer reads its case in Polish
without asking, an Italian operator asks for Italian, an Austrian shop overrides one German word,
and amounts, counts and dates are written as each language writes them. Run with the package on
PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/languages.py
"""

import rma

OPERATOR = "operator:anna"
ADMIN = "system:setup"

with rma.Engine(":memory:") as engine:
    engine.upsert_customer(OPERATOR, {"id": "C-PL", "name": "Jan Kowalski", "language": "pl"})
    case = engine.create_case(OPERATOR, {"customer_id": "C-PL", "kind": "return", "channel": "b2c",
                                         "lines": [{"sku": "PHONE-1", "reason_code": "defective"}]})

    # The customer's stored language is the default; `lang` asks for another.
    mine = engine.case_transitions("customer:C-PL", case["id"])
    print("customer (pl):", ", ".join(t["label"] for t in mine))
    print("status (pl):", engine.get_case("customer:C-PL", case["id"], lang="pl")["status_label"])
    buttons = engine.case_transitions(OPERATOR, case["id"], lang="it")
    print("operator (it):", ", ".join(t["label"] for t in buttons))

    # An Austrian shop says "Retoure"; everything else falls back de-AT -> de -> en.
    engine.configure_languages(ADMIN, {"languages": {"de-AT": {"kind.return": "Retoure"}}})
    print("de-AT:", engine.format_texts(OPERATOR, [{"message": "kind.return"}, {"message": "kind.repair"}],
                                        lang="de-AT"))

    for lang, currency in (("it", "EUR"), ("pl", "PLN"), ("ro", "RON"), ("de", "EUR"), ("en", "EUR")):
        texts = engine.format_texts(OPERATOR, [
            {"money": f"1234.56 {currency}"},
            {"message": "count.products", "arguments": {"count": 5}},
            {"date": "2026-03-01", "style": "long"},
            {"time": "2026-03-31T23:30:00Z", "time_zone": "Europe/Warsaw", "date_style": "short"},
            {"list": ["A", "B", "C"]},
        ], lang=lang)
        print(f"{lang}: " + " | ".join(texts))

    check = engine.check_languages(OPERATOR)
    print(f"catalogs: {', '.join(check['languages'])}; {check['keys']} keys; complete: {check['complete']}")
print("languages example done")
