"""Reports from Python: a shop's returns over a quarter, counted by product category and month,
handling times, the return rate of what was sold, and the same reports as CSV, XLSX and an SVG
chart drawn from the CSV. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/reports.py [output folder]

docs/reports.md shows its output; docs/images/return-rate-by-sku.svg is the chart it draws.
"""

import csv
import datetime as dt
import json
import os
import sys
import tempfile

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
UTC = dt.timezone.utc

PRODUCTS = [  # sku, name, brand, category, supplier
    ("KET-1", "Kettle 1.7 l", "Hotto", "kitchen", "S-KIT"),
    ("TOA-2", "Toaster 2 slots", "Hotto", "kitchen", "S-KIT"),
    ("EAR-3", "Earbuds", "Sonora", "audio", "S-AUD"),
    ("SPK-4", "Speaker", "Sonora", "audio", "S-AUD"),
]
# Units sold in January, February and March, per SKU.
SOLD = {"KET-1": (40, 30, 30), "TOA-2": (25, 25, 20), "EAR-3": (60, 50, 50), "SPK-4": (10, 12, 8)}
# Units that come back, per SKU and sale month, with their reason.
RETURNED = {"KET-1": ((2, "leaks"), (1, "leaks"), (0, "")), "TOA-2": ((1, "changed_mind"), (0, ""), (1, "defective")),
            "EAR-3": ((6, "defective"), (5, "defective"), (3, "changed_mind")), "SPK-4": ((0, ""), (1, "damaged"), (0, ""))}


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def print_table(title, report):
    names = [c["name"] for c in report["columns"]]
    print(f"\n{title}")
    print(" | ".join(names))
    for row in report["rows"]:
        print(" | ".join("" if row[n] is None else str(row[n]) for n in names))


def svg_bars(path, rows, label, value, title):
    """A bar chart as SVG, from rows of a CSV: what a reader sees at a glance."""
    width, bar, gap, top, height = 520, 60, 40, 40, 220
    peak = max(float(r[value]) for r in rows) or 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 70}" '
             'font-family="sans-serif" font-size="12">',
             f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>',
             f'<line x1="30" y1="{top + height}" x2="{width - 10}" y2="{top + height}" stroke="#333"/>']
    for i, row in enumerate(rows):
        v = float(row[value])
        h = height * v / peak
        x = 50 + i * (bar + gap)
        parts.append(f'<rect x="{x}" y="{top + height - h:.1f}" width="{bar}" height="{h:.1f}" fill="#4472c4"/>')
        parts.append(f'<text x="{x + bar / 2}" y="{top + height - h - 5:.1f}" text-anchor="middle">{v:g} %</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{top + height + 18}" text-anchor="middle">{row[label]}</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def seed(engine):
    engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
    for supplier in ("S-KIT", "S-AUD"):
        engine.upsert_supplier(ADMIN, {"id": supplier, "name": supplier})
    for sku, name, brand, category, supplier in PRODUCTS:
        engine.upsert_product(ADMIN, {"sku": sku, "name": name, "brand": brand, "category": category,
                                      "supplier_id": supplier})
    engine.upsert_customer(ADMIN, {"id": "C-1", "name": "Shop customers"})
    lines = []
    for month in range(3):
        document = {"id": f"INV-2026-{month + 1:02d}", "date": f"2026-{month + 1:02d}-15", "customer_id": "C-1",
                    "channel": "b2c", "currency": "EUR", "lines": []}
        for n, (sku, *_rest) in enumerate(PRODUCTS):
            document["lines"].append({"line_no": n + 1, "sku": sku, "quantity": SOLD[sku][month],
                                      "unit_price": 2990, "vat_rate_bp": 2200})
        lines.append(document)
    engine.import_run(ADMIN, "sales_documents", "jsonl", "\n".join(json.dumps(d) for d in lines))


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="rma-reports-")
    os.makedirs(out, exist_ok=True)
    clock = Clock(dt.datetime(2026, 1, 20, 9, 0, tzinfo=UTC))
    with rma.Engine(options={"time_zone": "Europe/Rome"}, clock=clock) as engine:
        seed(engine)
        # The returns: each opened a few days after its sale; some are rejected and closed.
        opened = 0
        for sale_month in range(3):
            for n, (sku, *_rest) in enumerate(PRODUCTS):
                units, reason = RETURNED[sku][sale_month]
                for unit in range(units):
                    clock.now = dt.datetime(2026, sale_month + 1, 20, 9, 0, tzinfo=UTC) + dt.timedelta(days=unit)
                    case = engine.create_case(OPERATOR, {
                        "kind": "return", "channel": "b2c", "customer_id": "C-1",
                        "lines": [{"sku": sku, "quantity": 1, "reason_code": reason,
                                   "sales_document": {"document": f"INV-2026-{sale_month + 1:02d}", "line": n + 1}}]})
                    opened += 1
                    # The desk answers the next morning; every other return is rejected and closed.
                    clock.now += dt.timedelta(hours=24)
                    engine.add_note(OPERATOR, case["id"], "We have your request.", channel="external")
                    if opened % 2 == 0:
                        engine.update_case(OPERATOR, case["id"], {"resolution": "reject"})
                        engine.transition_case(OPERATOR, case["id"], "reject_request")
                        clock.now += dt.timedelta(hours=48)
                        engine.transition_case(OPERATOR, case["id"], "close")

        by_category = engine.run_report(OPERATOR, ["cases", "units_requested"], ["product_category", "period"],
                                        period="month")
        print_table("Returns by product category and month (Europe/Rome)", by_category)
        times = engine.run_report(OPERATOR, ["cases", "first_response_time.median", "handling_time.closing.median",
                                             "handling_time.closing.median.business"], ["reason_code"])
        print_table("Cases, first response and time to closing (seconds) by reason", times)
        rate = engine.run_report(OPERATOR, ["sold_units", "returned_units", "return_rate"], ["sku"],
                                 subject="return_rate", sort="return_rate", descending=True)
        print_table("Return rate by SKU (sold January to March)", rate)

        csv_path = os.path.join(out, "return-rate-by-sku.csv")
        xlsx_path = os.path.join(out, "return-rate-by-sku.xlsx")
        request = dict(subject="return_rate", sort="return_rate", descending=True)
        engine.export_report(OPERATOR, csv_path, "csv", ["return_rate", "sold_units", "returned_units"], ["sku"],
                             **request)
        result = engine.export_report(OPERATOR, xlsx_path, "xlsx", ["return_rate", "sold_units", "returned_units"],
                                      ["sku"], sheet="Return rate", title="Return rate by SKU", **request)
        with open(csv_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        svg_path = os.path.join(out, "return-rate-by-sku.svg")
        svg_bars(svg_path, rows, "sku", "return_rate", "Return rate by SKU, sold January to March 2026")
        print(f"\nwrote {csv_path}, {xlsx_path} ({result['bytes']} bytes) and {svg_path}")
        assert rate["rows"][0]["sku"] == "EAR-3"

        # Quality alerts (docs/reports.md): April's returns against the three months before, as a
        # dry run that records nothing.
        scan = engine.quality_scan(OPERATOR, now=dt.datetime(2026, 4, 30, 12, tzinfo=UTC), window_days=30,
                                   history_days=90, min_returns=2, min_sold=10, record=False)
        print(f"\nquality scan of April: {scan['tested']} tests, {len(scan['alerts'])} alerts")
        for alert in scan["alerts"]:
            print(f"  {alert['id']}: {alert['observed']} seen, {alert['expected']:.1f} expected,"
                  f" p = {alert['p_value']:.3g}, q = {alert['q_value']:.3g}")
    print("reports example done")


if __name__ == "__main__":
    main()
