"""SLA clocks from Python: an office calendar with Italian holidays, a policy for urgent cases,
a pause while waiting for the customer counted in business hours, tick reporting a warning and a
breach once each, and the 'what breaches next' list. Run with the package on PYTHONPATH:

    PYTHONPATH=build/python /usr/bin/python3 examples/python/sla.py
"""

import datetime as dt

import rma

ADMIN = "admin:root"
OPERATOR = "operator:anna"
UTC = dt.timezone.utc
OFFICE_HOURS = ["08:00-12:00", "13:00-17:00"]

SLA = {
    "calendars": {"rome": {
        "time_zone": "CET-1CEST,M3.5.0,M10.5.0/3",
        "week": {day: OFFICE_HOURS for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
        "holidays": [{"annual": "12-25", "name": "Christmas"}, {"annual": "12-26", "name": "St Stephen"},
                     {"easter": 1, "name": "Easter Monday"}],
    }},
    "policies": [
        {"name": "urgent", "when": {"priorities": ["urgent"]}, "calendar": "rome",
         "targets": {"first_response": {"hours": 1}, "resolution": {"hours": 8}}},
        {"name": "standard", "calendar": "rome",
         "targets": {"first_response": {"hours": 4}, "resolution": {"hours": 40}}},
    ],
}


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def main() -> None:
    clock = Clock(dt.datetime(2026, 12, 23, 8, 0, tzinfo=UTC))  # Wednesday 09:00 in Rome
    with rma.Engine(clock=clock) as engine:
        # admin: actors must be registered operators; the host registers the first admin itself.
        engine.upsert_operator("system:setup", {"id": "root", "name": "Root", "role": "admin"})
        engine.upsert_customer(ADMIN, {"id": "C-7", "name": "Bar Centrale"})
        engine.configure_sla(ADMIN, SLA)
        draft = {"kind": "complaint", "category": "quality", "channel": "b2b", "customer_id": "C-7",
                 "lines": [{"sku": "ESPRESSO-2", "quantity": 1, "reason_code": "leaks"}]}
        case = engine.create_case(OPERATOR, draft)
        sla = engine.case_sla(OPERATOR, case["id"])
        resolution = next(c for c in sla["clocks"] if c["clock"] == "resolution")
        print(f"1. {case['number']} under '{sla['policy']}': resolution due {resolution['due_at']:%a %d %b %H:%M} UTC,")
        print(f"   promised to the customer for {sla['expected_completion']} (Christmas and St Stephen closed)")

        engine.update_case(OPERATOR, case["id"], {"priority": "urgent"})
        sla = engine.case_sla(OPERATOR, case["id"])
        resolution = next(c for c in sla["clocks"] if c["clock"] == "resolution")
        print(f"2. urgent now: policy '{sla['policy']}', due {resolution['due_at']:%a %d %b %H:%M} UTC")

        clock.now = dt.datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
        engine.transition_case(OPERATOR, case["id"], "start")
        clock.now = dt.datetime(2026, 12, 23, 10, 0, tzinfo=UTC)
        engine.transition_case(OPERATOR, case["id"], "request_info")  # waiting for the customer: paused
        clock.now = dt.datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # five days later, after the holidays
        paused = next(c for c in engine.case_sla(OPERATOR, case["id"])["clocks"] if c["clock"] == "resolution")
        print(f"3. paused over Christmas: {paused['elapsed_business_seconds'] // 3600} business hours used, "
              f"paused={paused['paused']}")
        engine.transition_case("customer:C-7", case["id"], "info_received")

        print("4. what breaches in the next 8 hours:")
        for item in engine.sla_due(OPERATOR, seconds=8 * 3600):
            print(f"   {item['case_number']} {item['clock']:<15} due {item['due_at']:%a %H:%M} UTC (team {item['team']})")
        for hour in (12, 16):
            clock.now = dt.datetime(2026, 12, 28, hour, 0, tzinfo=UTC)
            for event in engine.tick(OPERATOR):
                print(f"   tick at {hour}:00 UTC: {event['clock']} {event['kind']} at {event['at']:%H:%M} UTC")
        assert engine.tick(OPERATOR) == [], "each crossing is reported once"
        print("sla example done")


if __name__ == "__main__":
    main()
