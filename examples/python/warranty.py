"""The ERP feed and a warranty verdict from Python: import a small sales file with a progress
callback, add a host eligibility rule, open a return from a serial number alone and check its line.
Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/warranty.py
"""

import datetime as dt
import os
import tempfile

import rma

ERP = "system:erp"
OPERATOR = "operator:anna"

# The ERP's sales file, as JSON Lines (docs/import.md): one document per line.
SALES = """\
{"id": "INV-2026-0412", "date": "2026-03-02", "delivery_date": "2026-03-04", "customer_id": "C-100", \
"channel": "b2c", "lines": [{"sku": "TV-55", "quantity": 1, "unit_price": 49900, "vat_rate_bp": 2200, \
"serials": ["SN-7731"], "dispatch_document": "DDT-88", "packers": ["marco"]}]}
"""


def serial_photo(line: dict) -> tuple:
    """A host rule: the customer must send a photo of the serial plate. It must not call the engine."""
    if line["case"]["attachments"]:
        return "pass", "serial_photo", "photo received"
    return "manual_review", "serial_photo_missing", "ask the customer for a photo of the serial plate"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sales.jsonl")
        with open(path, "w", encoding="utf-8") as file:
            file.write(SALES)

        with rma.Engine(os.path.join(folder, "returns.db")) as engine:
            engine.upsert_customer(ERP, {"id": "C-100", "name": "Maria Rossi"})
            engine.upsert_product(ERP, {"sku": "TV-55", "name": "Television 55", "serialized": True})

            report = engine.import_file(ERP, "sales_documents", path, progress_every=1,
                                        progress=lambda done, total: print(f"imported {done} of {total} rows"))
            print("report:", report)

            engine.add_eligibility_validator("serial_photo", serial_photo)

            # The serial is enough: librma fills in customer, product, price and sales document.
            case = engine.create_case(OPERATOR, {
                "kind": "return", "channel": "b2c",
                "lines": [{"serial": "SN-7731", "quantity": 1, "reason_code": "defective"}]})
            line = case["lines"][0]
            print(f"case {case['number']} for {case['customer_id']}: {line['sku']} bought {line['purchase_date']}"
                  f" on {line['sales_document']['document']} at {line['unit_price'] / 100:.2f} {line['currency']}")

            # Stores the warranty verdict and the eligibility with the line, and in the history.
            case = engine.check_case_line(OPERATOR, case["id"], 1, version=case["version"])
            verdict = case["lines"][0]["warranty"]
            print(f"covered: {verdict['covered']} ({verdict['coverage']}) until {verdict['expires']},"
                  f" policy {verdict['evidence']['policy']!r}")
            # The legal periods the verdict decided, with the rule and the dates used: delivered
            # 2026-03-04 with no jurisdiction, the directive's year ends Thursday 2027-03-04.
            print(f"defects presumed present at delivery until {verdict['presumption_until']}")
            for period in verdict["evidence"]["periods"]:
                print(f"  {period['text']}")
            for result in case["lines"][0]["eligibility"]["results"]:
                print(f"  {result['validator']}: {result['outcome']} - {result['reason']['message']}")

            assert isinstance(verdict["expires"], dt.date)
            assert verdict["presumption_until"] == dt.date(2027, 3, 4)
            assert engine.unit_history(OPERATOR, "SN-7731")[-1]["type"] == "warranty.checked"
    print("warranty example done")


if __name__ == "__main__":
    main()
