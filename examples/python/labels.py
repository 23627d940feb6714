"""Return labels from Python: a customer opens a return for two products and prints its label as
PDF for an office printer (A4, cut along the dashed line) and as PNG for a phone; the warehouse
prints the same label as ZPL on a Zebra thermal printer. Every barcode carries the RMA number with
its check character. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/labels.py [output folder]
"""

import os
import sys
import tempfile

import rma

STAFF = "operator:anna"

OPTIONS = {
    "labels": {
        "return_name": "Calypso Returns Warehouse",
        "return_address": {"line1": "Via dell'Industria 12", "postal_code": "20121", "city": "Milano",
                           "country": "IT"},
    }
}


def main() -> None:
    out_dir = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="rma-labels-")
    with rma.Engine(":memory:", OPTIONS) as engine:
        engine.upsert_customer(STAFF, {
            "id": "C1", "name": "Sklep Kowalski Sp. z o.o.", "language": "pl",
            "addresses": [{"kind": "shipping", "line1": "ul. Świętokrzyska 5", "postal_code": "00-001",
                           "city": "Warszawa", "country": "PL"}]})
        customer = "customer:C1"
        case = engine.create_case(customer, {
            "kind": "return", "channel": "b2c", "customer_id": "C1",
            "lines": [{"sku": "PHONE-1", "quantity": 1, "reason_code": "defective"},
                      {"sku": "CABLE-2", "quantity": 5, "reason_code": "wrong_order"}]})

        # The customer prints its own label; staff print any case's.
        pdf = engine.render_label(customer, case["id"], "pdf", page="a4")
        png, info = engine.render_label_info(customer, case["id"], "png")
        svg = engine.render_label(STAFF, case["id"], "svg", symbology="datamatrix")
        zpl = engine.render_label(STAFF, case["id"], "zpl", line_no=2)
        for name, content in (("label-a4.pdf", pdf), ("label.png", png), ("label.svg", svg), ("line-2.zpl", zpl)):
            with open(os.path.join(out_dir, name), "wb") as f:
                f.write(content)
        assert info["payload"] == case["number"], info
        assert zpl.startswith(b"^XA") and (case["number"] + "/2").encode() in zpl

        # A supplier may not print a customer's label.
        try:
            engine.render_label("supplier:S1", case["id"], "pdf")
        except rma.PermissionDenied:
            pass
    print(f"labels of {case['number']} written to {out_dir}")
    print("labels example done")


if __name__ == "__main__":
    main()
