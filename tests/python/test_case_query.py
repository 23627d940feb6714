"""Grid queries from Python: the new filters, keyset pages through next_cursor, totals counted up
to the cap, and the refusals a bad query gets (stable status, the field named, nothing written)."""

import datetime as dt

import pytest

import rma

from conftest import STAFF, T0, FakeClock, make_draft, new_location, seed, stored_state


def fill(engine, clock, count=5):
    ids = []
    for index in range(count):
        clock.advance(minutes=10)
        draft = make_draft(customer_id="C1" if index % 2 == 0 else "C2",
                           custom_fields={"store": "milano" if index < 3 else "roma"})
        draft["lines"][0]["lot"] = "LOT-%d" % (index % 2)
        ids.append(engine.create_case(STAFF, draft)["id"])
    return ids


def test_new_filters_and_every_page_through_next_cursor(engine, clock):
    ids = fill(engine, clock)
    engine.update_case(STAFF, ids[1], {"priority": "urgent", "team": "escalations", "root_cause": "firmware"})
    assert [i["id"] for i in engine.query_cases(STAFF, priority="urgent")["items"]] == [ids[1]]
    assert engine.query_cases(STAFF, team="escalations")["total"] == 1
    assert engine.query_cases(STAFF, root_cause="firmware")["total"] == 1
    assert engine.query_cases(STAFF, lot="LOT-1")["total"] == 2
    assert engine.query_cases(STAFF, sku="SKU-1", sales_document="INV-2026-7", reason_code="DOA")["total"] == 5
    assert engine.query_cases(STAFF, custom_fields={"store": "roma"})["total"] == 2
    assert engine.query_cases(STAFF, updated_from=T0 + dt.timedelta(minutes=50))["total"] == 2
    assert engine.query_cases(STAFF, closed_from=T0)["total"] == 0
    assert engine.query_cases(STAFF, sla_breached=False)["total"] == 5

    seen = []
    request = {"sort": "priority", "descending": True, "limit": 2}
    while True:
        page = engine.query_cases(STAFF, **request)
        assert page["total"] == 5 and page["total_exact"] is True
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        request["cursor"] = page["next_cursor"]
    # The urgent case first, then the rest by id, descending.
    assert seen == [ids[1], ids[4], ids[3], ids[2], ids[0]]


def test_totals_are_counted_up_to_the_cap_then_flagged(location):
    clock = FakeClock()
    with rma.Engine(location, options={"limits": {"max_counted_total": 2}}, clock=clock) as engine:
        seed(engine)
        fill(engine, clock, count=3)
        at_cap = engine.query_cases(STAFF, customer_id="C1")  # two matches: counted, exact
        assert (at_cap["total"], at_cap["total_exact"]) == (2, True)
        past_cap = engine.query_cases(STAFF, sku="SKU-1")  # three matches
        assert (past_cap["total"], past_cap["total_exact"]) == (2, False)
        assert len(past_cap["items"]) == 3
        read = engine.query_cases(STAFF, status="requested")  # read from its counter
        assert (read["total"], read["total_exact"]) == (3, True)


@pytest.mark.parametrize("filters, error, field", [
    ({"sort": "colour"}, rma.ValidationError, "sort"),
    ({"priority": 2}, rma.ValidationError, "priority"),
    ({"custom_fields": {"store": ["roma"]}}, rma.ValidationError, "custom_fields.store"),
    ({"sla_breached": "yes"}, rma.ValidationError, "sla_breached"),
    ({"cursor": "MToxMjM0NTY3ODkwYWJjZGVmOjE6"}, rma.ValidationError, "cursor"),
    ({"cursor": "%%%"}, rma.ValidationError, "cursor"),
    ({"limit": 0}, rma.ValidationError, "limit"),
    ({"limit": 1001}, rma.ValidationError, "limit"),
])
def test_bad_queries_name_their_field_and_write_nothing(engine, clock, filters, error, field):
    fill(engine, clock, count=1)
    before = stored_state(engine)
    with pytest.raises(error) as info:
        engine.query_cases(STAFF, **filters)
    assert info.value.field == field
    assert stored_state(engine) == before


def test_a_cursor_fits_only_its_own_query_and_actor(engine, clock):
    fill(engine, clock)
    cursor = engine.query_cases(STAFF, customer_id="C1", limit=1)["next_cursor"]
    assert engine.query_cases(STAFF, customer_id="C1", limit=1, cursor=cursor)["items"]
    with pytest.raises(rma.ValidationError) as info:
        engine.query_cases(STAFF, customer_id="C2", limit=1, cursor=cursor)
    assert info.value.code == rma.Status.INVALID_ARGUMENT
    with pytest.raises(rma.ValidationError):
        engine.query_cases("customer:C1", customer_id="C1", limit=1, cursor=cursor)
    with pytest.raises(rma.ValidationError) as info:
        engine.query_cases(STAFF, customer_id="C1", limit=1, cursor=cursor, offset=1)
    assert info.value.field == "offset"


def test_claimants_cannot_ask_for_others_or_for_what_their_view_hides(engine, clock):
    fill(engine, clock)
    mine = engine.query_cases("customer:C2")
    assert mine["total"] == 2 and all(item["customer_id"] == "C2" for item in mine["items"])
    before = stored_state(engine)
    for filters, field in [({"customer_id": "C1"}, "customer_id"), ({"assignee": "anna"}, "assignee"),
                           ({"custom_fields": {"store": "roma"}}, "custom_fields"), ({"sort": "team"}, "sort")]:
        with pytest.raises(rma.PermissionDenied) as info:
            engine.query_cases("customer:C2", **filters)
        assert info.value.field == field
    assert stored_state(engine) == before


@pytest.mark.parametrize("mode", ["lazy", "eager", "store_only"])
def test_every_index_mode_opens_and_answers(tmp_path, mode):
    clock = FakeClock()
    with rma.Engine(new_location(tmp_path), options={"index_mode": mode}, clock=clock) as engine:
        seed(engine)
        ids = fill(engine, clock, count=2)
        assert engine.query_cases(STAFF, status="requested")["total"] == 2
        assert engine.sla_due(STAFF, 30 * 86400) is not None
        assert engine.get_case(STAFF, ids[0])["id"] == ids[0]


def test_an_unknown_index_mode_is_refused_naming_it():
    with pytest.raises(rma.ValidationError) as info:
        rma.Engine(options={"index_mode": "warm"})
    assert info.value.code == rma.Status.UNKNOWN_VALUE
    assert info.value.field == "index_mode"
