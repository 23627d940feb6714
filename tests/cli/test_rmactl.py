"""rmactl run as an operator or a cron job would: exit codes, --json output, and bad input that
leaves nothing written. Usage: test_rmactl.py RMACTL_BINARY SOURCE_DIR (ctest passes both).

Cases and outbox messages are opened with the `rma` Python package when it is on PYTHONPATH
(rmactl has no command that opens cases); those tests are skipped without it."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import uuid

RMACTL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "rmactl"
SOURCE = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else "."
IMPORT_DATA = os.path.join(SOURCE, "tests", "data", "import")

try:
    import rma  # type: ignore
except ImportError:  # the Python package is not built
    rma = None

OK, INTERNAL, USAGE, NOT_FOUND, INVALID, CONFLICT, STORE, DENIED, INCOMPLETE = 0, 1, 2, 3, 4, 5, 6, 7, 8


class Rmactl(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="rmactl-test-")
        self.db = os.path.join(self.dir, "returns.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_cli(self, *args, db=True, stdin=None):
        argv = [RMACTL] + (["--db", self.db] if db else []) + list(args)
        env = dict(os.environ)
        env.pop("RMA_DB", None)
        return subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env, timeout=120)

    def json_of(self, *args, code=OK, **kwargs):
        result = self.run_cli("--json", *args, **kwargs)
        self.assertEqual(result.returncode, code, result.stdout + result.stderr)
        return json.loads(result.stdout)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def import_samples(self):
        for kind in ("customers", "suppliers", "products", "sales_documents", "purchase_documents"):
            report = self.json_of("import", kind, os.path.join(IMPORT_DATA, kind + ".csv"))
            self.assertTrue(report["committed"])

    # --- command line ---------------------------------------------------------------------------

    def test_help_lists_every_command(self):
        result = self.run_cli("--help", db=False)
        self.assertEqual(result.returncode, OK)
        for command in ("import", "tick", "due", "case", "report", "outbox", "verify", "backup", "migrate", "config"):
            self.assertIn(command, result.stdout)
        self.assertEqual(self.run_cli("outbox", "drain", "--help", db=False).returncode, OK)

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.run_cli("frobnicate").returncode, USAGE)
        self.assertEqual(self.run_cli("case", "show").returncode, USAGE)
        self.assertEqual(self.run_cli("outbox", "drain").returncode, USAGE)
        self.assertEqual(self.run_cli("config", "get", "colours").returncode, USAGE)
        result = self.run_cli("--json", "tick", db=False)
        self.assertEqual(result.returncode, USAGE)
        self.assertEqual(json.loads(result.stdout)["error"]["status"], "usage")

    def test_missing_database_is_not_found_and_not_created(self):
        error = self.json_of("tick", code=NOT_FOUND)["error"]
        self.assertEqual(error["field"], "--db")
        self.assertFalse(os.path.exists(self.db))

    # --- import ---------------------------------------------------------------------------------

    def test_import_every_kind_twice(self):
        self.import_samples()
        again = self.json_of("import", "customers", os.path.join(IMPORT_DATA, "customers.jsonl"))
        self.assertEqual(again["records_written"], 0)
        self.assertEqual(again["records_unchanged"], again["rows_read"])
        self.assertEqual(again["format"], "jsonl")

    def test_a_bad_row_writes_nothing_and_names_line_and_field(self):
        bad = self.write("products.csv", "sku,name,serialized\nA-1,Alpha,true\nA-2,,false\nA-3,Gamma,maybe\n")
        report = self.json_of("import", "products", bad, code=INVALID)
        self.assertFalse(report["committed"])
        self.assertEqual([(e["line"], e["field"], e["code"]) for e in report["errors"]],
                         [(3, "name", "missing_field"), (4, "serialized", "invalid_argument")])
        good = self.write("good.csv", "sku,name,serialized\nA-1,Alpha,true\n")
        self.assertEqual(self.json_of("import", "products", good)["records_written"], 1)  # not there before

    def test_skip_bad_rows_writes_the_good_ones_and_exits_8(self):
        bad = self.write("products.csv", "sku,name\nA-1,Alpha\nA-2,\n")
        report = self.json_of("import", "products", bad, "--skip-bad-rows", code=INCOMPLETE)
        self.assertTrue(report["committed"])
        self.assertEqual((report["records_written"], report["rows_rejected"]), (1, 1))

    def test_a_large_file_streams_in_chunks_with_file_line_numbers(self):
        rows = [json.dumps({"id": "C-%05d" % i, "name": "Customer %d" % i}) for i in range(1, 3001)]
        rows[2499] = json.dumps({"id": "C-02500", "name": ""})  # line 2500
        path = self.write("customers.jsonl", "\n".join(rows) + "\n")
        report = self.json_of("import", "customers", path, "--chunk-bytes", "8192", "--skip-bad-rows", code=INCOMPLETE)
        self.assertGreater(report["chunks"], 5)
        self.assertEqual(report["rows_read"], 3000)
        self.assertEqual(report["records_written"], 2999)
        self.assertEqual([(e["line"], e["field"]) for e in report["errors"]], [(2500, "name")])
        # Without --skip-bad-rows the chunk holding line 2500 writes nothing, and the import stops.
        os.remove(self.db)
        report = self.json_of("import", "customers", path, "--chunk-bytes", "8192", code=INVALID)
        self.assertTrue(report["stopped"])
        self.assertLess(report["chunks_committed"], report["chunks"])
        self.assertLess(report["records_written"], 2500)

    def test_csv_chunks_keep_a_documents_adjacent_rows_and_refuse_a_split_one(self):
        self.import_samples()
        header = "id,date,customer_id,channel,sku,quantity,unit_price,vat_rate_bp\n"
        rows = ["FT-%04d,2026-03-02,C-1001,b2c,NKB-USBC-1M,1,1290,2200\n" % (i // 2) for i in range(400)]
        path = self.write("sales.csv", header + "".join(rows))
        report = self.json_of("import", "sales_documents", path, "--chunk-bytes", "2048")
        self.assertGreater(report["chunks"], 3)
        self.assertEqual(report["records_written"], 200)
        late = "FT-0000,2026-03-02,C-1001,b2c,NKB-USBC-1M,1,1290,2200\n"  # FT-0000 again, chunks later
        path = self.write("split.csv", header + "".join(rows) + late)
        report = self.json_of("import", "sales_documents", path, "--chunk-bytes", "2048", code=INVALID)
        self.assertEqual([(e["line"], e["field"], e["code"]) for e in report["errors"]], [(402, "id", "duplicate")])

    def test_unknown_file_and_format(self):
        self.assertEqual(self.run_cli("import", "customers", self.path("nope.csv")).returncode, NOT_FOUND)
        self.assertEqual(self.run_cli("import", "customers", self.write("x.txt", "")).returncode, USAGE)

    # --- configuration --------------------------------------------------------------------------

    def test_config_set_validates_and_writes_nothing_on_error(self):
        self.import_samples()
        before = self.json_of("config", "get", "sla")
        broken = dict(before)
        broken["policies"] = [{"name": "x", "calendar": "no-such-calendar"}]
        path = self.write("sla.json", json.dumps(broken))
        error = self.json_of("config", "set", "sla", path, code=INVALID)["error"]
        self.assertTrue(error["field"].startswith("policies[0]"), error)
        self.assertEqual(self.json_of("config", "get", "sla"), before)
        self.assertEqual(self.run_cli("config", "set", "sla", self.write("bad.json", "{")).returncode, INVALID)
        path = self.write("same.json", json.dumps(before))
        self.json_of("config", "set", "sla", path)
        for kind in ("workflows", "warranty", "valuation"):
            out = self.path(kind + ".json")
            self.assertEqual(self.run_cli("config", "get", kind, "-o", out).returncode, OK)
            with open(out, encoding="utf-8") as f:
                json.load(f)

    # --- SLA ------------------------------------------------------------------------------------

    def test_tick_and_due(self):
        self.import_samples()
        self.assertEqual(self.json_of("tick")["events"], [])
        self.assertIn("items", self.json_of("due", "--within", "4h"))
        self.assertIn("items", self.json_of("due", "--overdue"))
        self.assertEqual(self.json_of("due", "--within", "soon", code=INVALID)["error"]["field"], "--within")
        self.assertEqual(self.json_of("tick", "--now", "yesterday", code=INVALID)["error"]["field"], "now")

    # --- cases and the outbox -------------------------------------------------------------------

    def open_cases(self, n):
        self.import_samples()
        with rma.Engine(self.db) as engine:
            cases = [engine.call("operator:anna", "case.create",
                                 {"customer_id": "C-1001", "lines": [{"sku": "NKB-USBC-1M", "quantity": 1}]})
                     for _ in range(n)]
            for c in cases:
                engine.call("operator:anna", "outbox.post",
                            {"case_id": c["id"], "topic": "credit_note.request", "payload": {"case": c["number"]}})
        return cases

    @unittest.skipIf(rma is None, "the rma Python package is not built")
    def test_case_show_and_find(self):
        cases = self.open_cases(2)
        shown = self.json_of("case", "show", cases[0]["number"].lower().replace("-", " "))
        self.assertEqual(shown["id"], cases[0]["id"])
        self.assertEqual(self.json_of("case", "show", str(cases[1]["id"]))["number"], cases[1]["number"])
        both = self.json_of("case", "show", str(cases[0]["id"]), "--history")
        self.assertEqual(both["history"]["events"][0]["type"], "case.created")
        self.assertEqual(self.json_of("case", "show", "999", code=NOT_FOUND)["error"]["field"], "case_id")
        found = self.json_of("case", "find", "--customer-id", "C-1001", "--limit", "1")
        self.assertEqual(len(found["items"]), 1)
        self.assertIsNotNone(found["next_cursor"])
        self.assertEqual(self.json_of("case", "find", "--where", "kind=retrun", code=INVALID)["error"]["field"], "kind")
        text = self.run_cli("case", "show", cases[0]["number"])
        self.assertEqual(text.returncode, OK)
        self.assertIn(cases[0]["number"], text.stdout)

    @unittest.skipIf(rma is None, "the rma Python package is not built")
    def test_outbox_fetch_ack_and_drain(self):
        self.open_cases(3)
        messages = self.json_of("outbox", "fetch")["messages"]
        self.assertEqual(len(messages), 3)
        self.assertEqual(self.json_of("outbox", "ack", str(messages[0]["seq"]))["acknowledged"], 1)
        self.assertEqual(self.json_of("outbox", "ack", "99999", code=NOT_FOUND)["error"]["field"], "seqs")
        # A command that fails on the second message: the first is acknowledged, the drain stops.
        log = self.path("delivered.jsonl")
        fail_on = messages[2]["seq"]
        script = 'cat >> %s; test "$RMA_OUTBOX_SEQ" != %d' % (log, fail_on)
        report = self.json_of("outbox", "drain", "--exec", script, code=INCOMPLETE)
        self.assertEqual(report["delivered"], 1)
        self.assertEqual(report["failed"]["seq"], fail_on)
        self.assertEqual([m["seq"] for m in self.json_of("outbox", "fetch")["messages"]], [fail_on])
        report = self.json_of("outbox", "drain", "--exec", "cat >> %s" % log)
        self.assertEqual(report["delivered"], 1)
        self.assertEqual(self.json_of("outbox", "fetch")["messages"], [])
        with open(log, encoding="utf-8") as f:
            delivered = [json.loads(line) for line in f]
        self.assertEqual([m["seq"] for m in delivered], [messages[1]["seq"], fail_on, fail_on])
        self.assertEqual(delivered[0]["topic"], "credit_note.request")

    @unittest.skipIf(rma is None, "the rma Python package is not built")
    def test_report_as_table_csv_and_xlsx(self):
        self.open_cases(3)
        report = self.json_of("report", "-d", "sku", "-m", "cases", "-m", "units_requested")
        self.assertEqual([c["name"] for c in report["columns"]], ["sku", "cases", "units_requested"])
        self.assertEqual(report["rows"], [["NKB-USBC-1M", 3, 3]])
        table = self.run_cli("report", "-d", "sku", "-m", "cases")
        self.assertEqual(table.returncode, OK, table.stderr)
        self.assertIn("NKB-USBC-1M", table.stdout)
        self.assertIn("total", table.stdout)
        csv_text = self.run_cli("report", "-d", "sku", "-m", "cases", "--format", "csv")
        self.assertEqual(csv_text.returncode, OK, csv_text.stderr)
        self.assertEqual(csv_text.stdout.splitlines(), ["sku,cases", "NKB-USBC-1M,3"])
        request = self.write("request.json", json.dumps({"dimensions": ["sku"], "measures": ["cases"]}))
        xlsx = self.path("report.xlsx")
        written = self.json_of("report", "--request", request, "--format", "xlsx", "-o", xlsx)
        self.assertEqual(written["rows"], 1)
        with open(xlsx, "rb") as f:
            self.assertEqual(f.read(2), b"PK")
        self.assertEqual(self.run_cli("report", "-m", "cases", "--format", "xlsx").returncode, USAGE)
        error = self.json_of("report", "-m", "casez", code=INVALID)["error"]
        self.assertEqual(error["field"], "measures[0]")
        self.assertEqual(self.json_of("report", "-m", "cases", "--filter", "kind=retrun",
                                      code=INVALID)["error"]["field"], "filters.kind")

    # --- the store ------------------------------------------------------------------------------

    def test_verify_backup_and_a_damaged_file(self):
        self.import_samples()
        report = self.json_of("verify")
        self.assertTrue(report["ok"])
        self.assertEqual(report["store"]["schema_version"], report["store"]["supported_schema_version"])
        self.assertTrue(self.json_of("verify", "--full")["ok"])
        copy = self.path("copy.db")
        self.assertGreater(self.json_of("backup", copy)["bytes"], 0)
        result = self.run_cli("--json", "--db", copy, "verify", db=False)
        self.assertEqual(result.returncode, OK, result.stderr)
        self.assertEqual(self.json_of("backup", copy, code=CONFLICT)["error"]["field"], "file")
        # Damage the copy's pages past the header: SQLite's check finds it (or cannot read it).
        with open(copy, "r+b") as f:
            size = os.path.getsize(copy)
            for offset in range(4096, size, 4096):
                f.seek(offset + 100)
                f.write(b"\xff" * 200)
        result = self.run_cli("--json", "--db", copy, "verify", db=False)
        self.assertIn(result.returncode, (INCOMPLETE, STORE), result.stdout + result.stderr)
        not_db = self.write("notes.txt", "this is not a database, just some text\n" * 100)
        result = self.run_cli("--json", "--db", not_db, "verify", db=False)
        self.assertEqual(result.returncode, STORE, result.stdout)

    @unittest.skipIf(rma is None, "the rma Python package is not built")
    def test_verify_checks_the_audit_chain(self):
        self.open_cases(1)
        report = self.json_of("verify")
        self.assertTrue(report["audit"]["ok"])
        self.assertGreater(report["audit"]["events_checked"], 0)
        self.assertIsNone(self.json_of("verify", "--no-audit")["audit"])
        self.assertEqual(self.json_of("verify", "--trusted-key", "xyz", code=INVALID)["error"]["field"],
                         "trusted_keys[0]")
        raw = sqlite3.connect(self.db)
        with raw:
            raw.execute("UPDATE events SET actor = 'operator:mallory' WHERE seq = 2")
        raw.close()
        report = self.json_of("verify", code=INCOMPLETE)
        self.assertTrue(report["store"]["ok"])
        self.assertFalse(report["ok"])
        self.assertEqual((report["audit"]["first_break"]["seq"], report["audit"]["first_break"]["problem"]),
                         (2, "changed"))
        text = self.run_cli("verify")
        self.assertEqual(text.returncode, INCOMPLETE)
        self.assertIn("first break: seq 2", text.stdout)

    def test_migrate_needs_a_postgresql_location(self):
        self.import_samples()
        self.assertEqual(self.run_cli("migrate").returncode, USAGE)
        self.assertEqual(self.json_of("migrate", "--to", self.path("other.db"), code=INVALID)["error"]["field"], "to")

    @unittest.skipIf(rma is None or not os.environ.get("RMA_TEST_POSTGRES"),
                     "needs the rma Python package and RMA_TEST_POSTGRES")
    def test_migrate_to_postgresql_and_run_there(self):
        cases = self.open_cases(2)
        target = "%s options='-csearch_path=rmactl_%s'" % (os.environ["RMA_TEST_POSTGRES"], uuid.uuid4().hex[:16])
        report = self.json_of("migrate", "--to", target)
        self.assertEqual(report["to"], "postgresql")
        self.assertGreater(report["rows"], 0)
        found = self.json_of("--db", target, "case", "find", db=False)
        self.assertEqual(sorted(c["number"] for c in found["items"]), sorted(c["number"] for c in cases))
        self.assertEqual(self.json_of("migrate", "--to", target, code=CONFLICT)["error"]["field"], "to")


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
