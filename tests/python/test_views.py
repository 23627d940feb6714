"""What each role sees, through Python: the claimant's answers hold none of the internal data,
another customer's case answers as a missing one and leaves no mark, subscriptions made for a
customer hear only of its cases, batches answer compactly, admins must be registered."""

import pytest

import rma
from conftest import CUSTOMER, STAFF, make_draft

OTHER = "customer:C2"


@pytest.fixture
def rich(sold):
    """A case of C1's on a sold phone, with internal data of every kind."""
    case = sold.create_case(STAFF, make_draft(lines=[{"serial": "SN-1"}], team="backoffice-secret",
                                              custom_fields={"margin": "secret-margin"}))
    sold.update_case(STAFF, case["id"], {"root_cause": "secret-root-cause"})
    sold.add_note(STAFF, case["id"], "secret internal note", channel="internal")
    sold.add_note(STAFF, case["id"], "Please send the phone back.", channel="external")
    return case["id"]


SECRETS = ["backoffice-secret", "secret-margin", "secret-root-cause", "secret internal note", "marco", "lucia",
           "operator:anna", "gold"]


def test_the_claimant_reads_and_writes_without_internal_data(sold, rich):
    staff_view = repr(sold.get_case(STAFF, rich))
    assert "secret internal note" in staff_view and "marco" in staff_view  # the check below can fail
    answers = [
        sold.get_case(CUSTOMER, rich),
        sold.add_note(CUSTOMER, rich, "When will it be fixed?", channel="external"),
        sold.customer_view(STAFF, rich),
    ]
    for answer in answers:
        text = repr(answer)
        for secret in SECRETS:
            assert secret not in text, (secret, text)
    assert "packers" not in answers[0]["lines"][0]
    assert answers[0]["lines"][0]["unit_price"] == 39900  # its own price


def test_another_customers_case_answers_as_a_missing_one_and_leaves_no_mark(sold, rich):
    before = len(sold.history(STAFF, rich))
    with pytest.raises(rma.NotFound) as theirs:
        sold.get_case(OTHER, rich)
    with pytest.raises(rma.NotFound) as missing:
        sold.get_case(OTHER, 999999)
    assert theirs.value.message == f"no case with id {rich}"
    assert missing.value.message == "no case with id 999999"
    assert len(sold.history(STAFF, rich)) == before
    log = {entry["reason"]: entry["count"] for entry in sold.security_log(STAFF, OTHER)}
    assert log == {"not_own_case": 1, "unknown_case": 1}
    with pytest.raises(rma.PermissionDenied):
        sold.security_log(OTHER)


def test_a_customer_subscription_hears_only_of_its_cases_in_its_view(sold, rich):
    mine, theirs = [], []
    sold.subscribe(mine.append, actor=CUSTOMER)
    sold.subscribe(theirs.append, actor=OTHER)
    sold.add_note(STAFF, rich, "another secret internal note", channel="internal")
    sold.add_note(STAFF, rich, "Your phone is on its way.", channel="external")
    assert [event["type"] for event in mine] == ["note.added"]
    assert mine[0]["data"]["note"]["body"] == "Your phone is on its way."
    assert "actor" not in mine[0]
    assert theirs == []


def test_batches_answer_compactly_and_claimants_send_few_commands(sold, rich):
    results = sold.batch(STAFF, [("case.add_note", {"case_id": rich, "channel": "external", "body": "a"})])
    assert results == [{"op": "case.add_note", "case_id": rich, "version": results[0]["version"]}]
    full = sold.batch(CUSTOMER, [("case.add_note", {"case_id": rich, "channel": "external", "body": "b"})], full=True)
    assert "secret internal note" not in repr(full)
    assert full[0]["notes"][-1]["body"] == "b"
    twenty = [("case.add_note", {"case_id": rich, "channel": "external", "body": "c"})] * 20
    assert len(sold.batch(CUSTOMER, twenty)) == 20
    with pytest.raises(rma.Error) as too_many:
        sold.batch(CUSTOMER, twenty + twenty[:1])
    assert too_many.value.code == rma.Status.TOO_LARGE
    assert too_many.value.field == "commands"


def test_staff_only_ops_and_unregistered_admins_are_refused(sold, rich):
    with pytest.raises(rma.PermissionDenied):
        sold.call(CUSTOMER, "engine.stats", {})
    with pytest.raises(rma.PermissionDenied) as unregistered:
        sold.call("admin:mallory", "case.delete", {"case_id": rich, "reason": "gone"})
    assert unregistered.value.reason == "not_registered"
    assert sold.get_case(STAFF, rich)["id"] == rich
