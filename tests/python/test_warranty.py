"""Sold units, warranty rules and verdicts, eligibility with host validators, checked case lines and
service histories through the Python API."""

import datetime as dt
import threading
import time

import pytest

import rma
from conftest import ADMIN, CUSTOMER, STAFF, stored_state
from rma._convert import from_json_value

S = rma.Status
D = dt.date

# Phones get 36 months from the manufacturer; everything else the default 24.
PHONE_POLICY = {"policies": [
    {"name": "phones", "match": {"sku": "SKU-S"}, "manufacturer_months": 36},
    {"name": "default", "manufacturer_months": 24},
]}


@pytest.fixture
def phones(sold):
    sold.configure_warranty(ADMIN, PHONE_POLICY)
    return sold


def _open_return(engine):
    """A B2C return of phone SN-1 (by serial alone) and one kettle (by its sales line)."""
    return engine.create_case(STAFF, {
        "kind": "return", "channel": "b2c",
        "lines": [{"serial": "SN-1", "quantity": 1, "reason_code": "DOA"},
                  {"sales_document": {"document": "INV-100", "line": 2}, "quantity": 1,
                   "reason_code": "changed_mind"}]})


def _result(eligibility, validator):
    [result] = [r for r in eligibility["results"] if r["validator"] == validator]
    return result


# -- sold units -----------------------------------------------------------------------------------

def test_sold_units_by_serial(sold):
    [unit] = sold.sold_units_by_serial(STAFF, "SN-2")
    assert unit["document"] == "INV-100"
    assert unit["customer_id"] == "C1"
    assert unit["sku"] == "SKU-S"
    assert unit["quantity"] == 1
    assert unit["unit_price"] == 39900
    assert unit["sale_date"] == D(2026, 11, 18)
    assert unit["delivery_date"] == D(2026, 11, 20)
    assert unit["packers"] == ["marco", "lucia"]
    assert sold.sold_units_by_serial(STAFF, "SN-NEVER-SOLD") == []


def test_sold_units_by_customer_and_document(sold):
    assert sorted(u["serial"] for u in sold.sold_units_by_customer(STAFF, "C1", "SKU-S")) == ["SN-1", "SN-2"]
    assert sold.sold_units_by_customer(STAFF, "C2", "SKU-1") == []
    units = sold.sold_units_by_document(STAFF, "INV-100")
    assert sorted(u["serial"] for u in units) == ["", "SN-1", "SN-2"]
    [kettles] = [u for u in units if u["serial"] == ""]
    assert kettles["quantity"] == 3
    assert kettles["sale_date"] == D(2026, 11, 18)


def test_unknown_documents_are_not_found(sold):
    with pytest.raises(rma.NotFound) as info:
        sold.get_sales_document(STAFF, "INV-0")
    assert info.value.field == "id"
    with pytest.raises(rma.NotFound):
        sold.get_purchase_document(STAFF, "PO-0")


# -- warranty rules -------------------------------------------------------------------------------

def test_default_warranty_config(engine):
    config = engine.warranty_config(STAFF)
    assert [p["name"] for p in config["policies"]] == ["default"]
    assert config["policies"][0]["start"] == "sale"  # not a date: left as text
    assert config["returns"]["withdrawal_days"] == 14


def test_configure_warranty_returns_the_stored_rules(engine):
    stored = engine.configure_warranty(ADMIN, PHONE_POLICY)
    assert [p["name"] for p in stored["policies"]] == ["phones", "default"]
    assert stored["policies"][0]["manufacturer_months"] == 36
    assert engine.warranty_config(STAFF) == stored


@pytest.mark.parametrize("actor, config, error, code, field", [
    (STAFF, PHONE_POLICY, rma.PermissionDenied, S.PERMISSION_DENIED, "actor"),
    (ADMIN, {"policies": [{"name": "x", "manufacturer_months": -1}]}, rma.ValidationError, S.OUT_OF_RANGE,
     "policies[0].manufacturer_months"),
    (ADMIN, {"polices": []}, rma.ValidationError, S.UNKNOWN_VALUE, "polices"),
    (ADMIN, ["policies"], rma.ValidationError, S.WRONG_TYPE, "config"),
])
def test_configure_warranty_errors(engine, actor, config, error, code, field):
    before = stored_state(engine)
    with pytest.raises(error) as info:
        engine.configure_warranty(actor, config)
    assert info.value.code == code
    assert info.value.field == field
    assert stored_state(engine) == before
    assert len(engine.warranty_config(STAFF)["policies"]) == 1


# -- verdicts -------------------------------------------------------------------------------------

def test_check_warranty_on_a_date(phones):
    verdict = phones.check_warranty(STAFF, "SN-1", on=D(2029, 6, 1))
    assert verdict["covered"] is True
    assert verdict["coverage"] == "manufacturer"
    assert isinstance(verdict["expires"], D)
    assert verdict["days_remaining"] == (verdict["expires"] - D(2029, 6, 1)).days
    evidence = verdict["evidence"]
    assert evidence["policy"] == "phones"
    assert evidence["policy_match"] == "sku"
    assert evidence["today"] == D(2029, 6, 1)
    assert evidence["sale_date"] == D(2026, 11, 18)
    assert evidence["delivery_date"] == D(2026, 11, 20)
    assert evidence["document"] == "INV-100"
    assert isinstance(evidence["manufacturer_expires"], D)


def test_check_warranty_today_is_the_clock_date(phones):
    verdict = phones.check_warranty(STAFF, "SN-1")
    assert verdict["evidence"]["today"] == D(2026, 11, 25)
    assert verdict["covered"] is True
    # Bought from S1 on 2026-09-01: claimable back from the supplier.
    assert verdict["supplier_recoverable"] is True
    assert isinstance(verdict["supplier_until"], D)
    assert verdict["evidence"]["purchase_document"] == "PO-9"


def test_presumption_of_non_conformity_rolls_to_the_next_working_day(phones):
    # Delivered 2026-11-20 in Italy: 12 months end on Saturday 2027-11-20, so Monday 2027-11-22.
    verdict = phones.check_warranty(STAFF, "SN-1", on=D(2027, 1, 1))
    assert verdict["presumption_until"] == D(2027, 11, 22)
    [period] = verdict["evidence"]["periods"]
    assert period["period"] == "presumption"
    assert period["start"] == D(2026, 11, 20)
    assert period["nominal_end"] == D(2027, 11, 20)
    assert period["end"] == D(2027, 11, 22)
    assert period["rule"].startswith("Directive (EU) 2019/771 art. 11; IT: ")
    assert "rolled to Monday 2027-11-22 by Reg. 1182/71 art. 3(4)" in period["text"]
    # The customer sees the presumption: it is the consumer's own right.
    seen = phones.check_warranty(CUSTOMER, "SN-1", on=D(2027, 1, 1))
    assert seen["presumption_until"] == D(2027, 11, 22)
    assert seen["evidence"]["periods"][0]["end"] == D(2027, 11, 22)
    # A business buyer has none.
    assert phones.check_warranty(STAFF, "SN-3", on=D(2027, 1, 1))["presumption_until"] is None


def test_expired_warranty_explains_itself(phones):
    verdict = phones.check_warranty(STAFF, "SN-1", on=D(2031, 1, 1))
    assert verdict["covered"] is False
    assert verdict["coverage"] == "none"
    assert verdict["days_remaining"] < 0
    assert all(reason["code"] and reason["message"] for reason in verdict["reasons"])
    assert verdict["reasons"]


def test_unsold_serial_is_not_covered(phones):
    assert phones.check_warranty(STAFF, "SN-NEVER-SOLD")["covered"] is False


def test_extended_warranty(phones):
    before = stored_state(phones)
    assert phones.add_extended_warranty(STAFF, "SN-2", "EXT-5", D(2029, 11, 18), D(2031, 11, 17)) is None
    assert stored_state(phones)[1] == before[1] + 1
    verdict = phones.check_warranty(STAFF, "SN-2", on=D(2031, 1, 1))
    assert verdict["covered"] is True
    assert verdict["coverage"] == "extended"
    assert verdict["expires"] == D(2031, 11, 17)
    assert verdict["evidence"]["extended_expires"] == D(2031, 11, 17)


def test_register_unit(phones):
    assert phones.register_unit(CUSTOMER, "SN-1", D(2026, 11, 22)) is None
    with pytest.raises(rma.PermissionDenied):
        phones.register_unit("customer:C2", "SN-1", D(2026, 11, 22))


@pytest.mark.parametrize("call, code, field", [
    (lambda e: e.check_warranty(STAFF, "SN-1", on=dt.datetime(2029, 6, 1, tzinfo=dt.timezone.utc)),
     S.WRONG_TYPE, "on"),
    (lambda e: e.check_warranty(STAFF, "SN-1", on=20290601), S.WRONG_TYPE, "on"),
    (lambda e: e.check_warranty(STAFF, "SN-1", on="2029-02-29"), S.OUT_OF_RANGE, "on"),
    (lambda e: e.add_extended_warranty(STAFF, "SN-2", "EXT-6", D(2030, 1, 2), D(2030, 1, 1)), S.OUT_OF_RANGE,
     "end"),
    (lambda e: e.add_extended_warranty(STAFF, "SN-2", "EXT-6", dt.datetime(2030, 1, 1), D(2030, 2, 1)),
     S.WRONG_TYPE, "start"),
    (lambda e: e.add_extended_warranty(STAFF, "", "EXT-6", D(2030, 1, 1), D(2030, 2, 1)), S.MISSING_FIELD,
     "serial"),
    (lambda e: e.register_unit(STAFF, "SN-1", "22/11/2026"), S.INVALID_ARGUMENT, "registered_on"),
])
def test_warranty_input_errors(phones, call, code, field):
    before = stored_state(phones)
    with pytest.raises(rma.ValidationError) as info:
        call(phones)
    assert info.value.code == code
    assert info.value.field == field
    assert stored_state(phones) == before


# -- cases from sales, eligibility, validators ---------------------------------------------------

def test_case_lines_are_filled_from_the_sale(phones):
    case = _open_return(phones)
    assert case["customer_id"] == "C1"
    phone, kettle = case["lines"]
    assert phone["sku"] == "SKU-S"
    assert phone["sales_document"] == {"document": "INV-100", "line": 1}
    assert phone["purchase_date"] == D(2026, 11, 18)
    assert phone["unit_price"] == 39900
    assert phone["currency"] == "EUR"
    assert phone["vat_rate_bp"] == 2200
    assert phone["dispatch_document"] == "DDT-1"
    assert phone["packers"] == ["marco", "lucia"]
    assert phone["warranty"] is None
    assert phone["eligibility"] is None
    assert kettle["sku"] == "SKU-1"
    assert kettle["unit_price"] == 2500


def test_check_eligibility_reads_only(phones):
    case = _open_return(phones)
    before = stored_state(phones)
    eligibility = phones.check_eligibility(STAFF, case["id"], 1)
    assert eligibility["outcome"] == "pass"
    assert all(r["outcome"] == "pass" for r in eligibility["results"])
    assert {"withdrawal_window", "not_already_returned"} <= {r["validator"] for r in eligibility["results"]}
    assert stored_state(phones) == before


def test_validator_decides_per_line(phones):
    seen = []

    def receipts(line):
        seen.append(line)
        if line["line_no"] == 2:
            return "fail", "receipt_missing", "the kettle's till receipt is missing"
        return "pass", "", ""

    phones.add_eligibility_validator("receipts", receipts)
    case = _open_return(phones)
    assert phones.check_eligibility(STAFF, case["id"], 1)["outcome"] == "pass"
    eligibility = phones.check_eligibility(STAFF, case["id"], 2)
    assert eligibility["outcome"] == "fail"
    assert _result(eligibility, "receipts") == {
        "validator": "receipts", "outcome": "fail",
        "reason": {"code": "receipt_missing", "message": "the kettle's till receipt is missing"}}
    # The input is a dict with Python types: the case, the line number, the sold unit, today.
    first = seen[0]
    assert first["line_no"] == 1
    assert first["today"] == D(2026, 11, 25)
    assert first["case"]["id"] == case["id"]
    assert isinstance(first["case"]["created_at"], dt.datetime)
    assert first["unit"]["serial"] == "SN-1"
    assert first["unit"]["sale_date"] == D(2026, 11, 18)


def test_manual_review_from_a_validator(phones):
    phones.add_eligibility_validator("photos", lambda line: ("manual_review", "photos_needed", "send photos"))
    case = _open_return(phones)
    eligibility = phones.check_eligibility(STAFF, case["id"], 1)
    assert eligibility["outcome"] == "manual_review"
    assert _result(eligibility, "photos")["reason"]["code"] == "photos_needed"


def _boom(line):
    raise KeyError("serial")


@pytest.mark.parametrize("fn, says", [
    (_boom, "raised KeyError"),
    (lambda line: None, "not an (outcome, code, message) tuple"),
    (lambda line: ("pass", "ok"), "not an (outcome, code, message) tuple"),
    (lambda line: ("maybe", "x", "y"), "'maybe'"),
    (lambda line: ("fail", 7, "y"), "not a str"),
    (lambda line: ("fail", "x", "\udcff"), "UTF-8"),
])
def test_failing_validator_sends_the_line_to_a_person(phones, fn, says):
    phones.add_eligibility_validator("host", fn)
    case = _open_return(phones)
    eligibility = phones.check_eligibility(STAFF, case["id"], 1)
    result = _result(eligibility, "host")
    assert result["outcome"] == "manual_review"
    assert result["reason"]["code"] == "validator_failed"
    assert "'host'" in result["reason"]["message"]
    assert says in result["reason"]["message"]
    assert eligibility["outcome"] == "manual_review"


def test_validator_must_not_call_the_engine(phones):
    phones.add_eligibility_validator("nosy", lambda line: phones.get_case(STAFF, line["case"]["id"]) and
                                     ("pass", "", ""))
    case = _open_return(phones)
    result = _result(phones.check_eligibility(STAFF, case["id"], 1), "nosy")
    assert result["reason"]["code"] == "validator_failed"
    assert "must not call" in result["reason"]["message"]
    assert phones.get_case(STAFF, case["id"])["id"] == case["id"]  # usable again afterwards


def test_add_eligibility_validator_errors(engine):
    with pytest.raises(TypeError):
        engine.add_eligibility_validator("x", "not callable")
    with pytest.raises(rma.ValidationError) as info:
        engine.add_eligibility_validator("", lambda line: ("pass", "", ""))
    assert info.value.code == S.MISSING_FIELD
    assert info.value.field == "name"


# -- checked lines and service history ------------------------------------------------------------

def test_check_case_line_stores_the_verdict(phones):
    phones.add_eligibility_validator("receipts", lambda line: ("pass", "ok", "receipt seen"))
    case = _open_return(phones)
    checked = phones.check_case_line(STAFF, case["id"], 1, version=case["version"])
    assert checked["version"] == case["version"] + 1
    phone = checked["lines"][0]
    assert phone["warranty"]["covered"] is True
    assert phone["warranty"]["evidence"]["policy"] == "phones"
    assert isinstance(phone["warranty"]["expires"], D)
    assert phone["eligibility"]["outcome"] == "pass"
    assert _result(phone["eligibility"], "receipts")["reason"]["code"] == "ok"
    assert checked["lines"][1]["warranty"] is None
    assert phones.get_case(STAFF, case["id"]) == checked
    # The verdict may change what the case is worth: its valuation follows the check.
    types = [e["type"] for e in phones.history(STAFF, case["id"]) if e["type"] != "case.valued"]
    assert types[-1] == "line.checked"


def test_check_case_line_errors_write_nothing(phones):
    case = _open_return(phones)
    phones.check_case_line(STAFF, case["id"], 1)
    before = stored_state(phones)
    with pytest.raises(rma.ConflictError) as info:
        phones.check_case_line(STAFF, case["id"], 1, version=case["version"])
    assert info.value.field == "version"
    with pytest.raises(rma.NotFound) as info:
        phones.check_case_line(STAFF, 987654, 1)
    assert info.value.field == "case_id"
    with pytest.raises(rma.NotFound) as info:
        phones.check_case_line(STAFF, case["id"], 3)
    assert info.value.field == "line_no"
    with pytest.raises(rma.NotFound) as info:
        phones.check_eligibility(STAFF, case["id"], 3)
    assert info.value.field == "line_no"
    with pytest.raises(rma.PermissionDenied):
        phones.check_case_line(CUSTOMER, case["id"], 1)
    # Nothing written: the customer's refusal is counted in its security log, not in the history.
    assert stored_state(phones) == before
    assert phones.security_log(STAFF, CUSTOMER)[0]["reason"] == "role_not_allowed"


def test_service_history(phones, clock):
    case = _open_return(phones)
    clock.advance(hours=1)
    phones.check_case_line(STAFF, case["id"], 1)
    records = phones.unit_history(STAFF, "SN-1")
    assert [r["type"] for r in records] == ["case.opened", "warranty.checked"]
    assert all(r["case_id"] == case["id"] and r["case_number"] == case["number"] for r in records)
    assert records[0]["at"] == clock.now - dt.timedelta(hours=1)
    assert records[1]["at"] == clock.now
    assert records[1]["detail"]["warranty"]["covered"] is True
    assert isinstance(records[1]["detail"]["warranty"]["expires"], D)
    assert phones.unit_history(STAFF, "SN-NEVER-SOLD") == []
    with pytest.raises(rma.PermissionDenied):
        phones.unit_history(CUSTOMER, "SN-1")


# -- date conversion ------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["date", "delivery_date", "sale_date", "purchase_date", "expires",
                                 "supplier_until", "start", "end", "registered_on", "today", "start_date",
                                 "manufacturer_expires", "legal_expires", "extended_expires", "on"])
def test_date_keys_become_dates(key):
    assert from_json_value({key: "2028-02-29"}) == {key: D(2028, 2, 29)}
    assert from_json_value({"nested": [{key: "2026-01-31"}]}) == {"nested": [{key: D(2026, 1, 31)}]}


@pytest.mark.parametrize("value", ["sale", "2026-1-31", "2026-02-30", "20260131", "2026-01-31T10:00:00Z",
                                   "\u0662\u0660\u0662\u0666-01-31", None, 20260131])
def test_other_values_in_date_keys_are_left_alone(value):
    assert from_json_value({"start": value}) == {"start": value}


def test_dates_in_host_documents_are_left_alone():
    document = {"custom_fields": {"date": "2026-01-31"}, "payload": {"expires": "2026-01-31"},
                "notes_date": "2026-01-31"}
    assert from_json_value(document) == document


def test_validators_and_other_threads_do_not_deadlock(phones):
    """A validator holds the GIL inside the engine's lock; other threads wait for the engine with the
    GIL released, so both make progress."""
    def slow(line):
        time.sleep(0.001)  # lets the other threads run while this one is inside the engine
        return "pass", "", ""

    phones.add_eligibility_validator("slow", slow)
    case = _open_return(phones)
    errors = []

    def work(n):
        try:
            for _ in range(20):
                if n % 2:
                    assert phones.check_eligibility(STAFF, case["id"], 1)["outcome"] == "pass"
                else:
                    assert phones.stats()["cases"] == 1
        except Exception as exc:  # reported below: an assertion in a thread would be lost
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
