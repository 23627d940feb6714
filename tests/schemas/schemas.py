"""The JSON Schemas of docs/schemas/ (draft 2020-12), loaded once, and a Checker that validates
what librma exchanged against them: requests and answers by op, events by type, outbox messages.

Layout (docs/schemas/README.md): ops/<op>.schema.json holds $defs `request` and `answer`;
events/<type>.schema.json is a whole event of that type; config/<kind>.schema.json a
configuration document; common.schema.json, event.schema.json and outbox-message.schema.json the
shared parts. Every $id is https://librma.invalid/schemas/<path in docs/schemas>.
"""
import collections
import json
import os
import pathlib

import jsonschema

BASE = "https://librma.invalid/schemas/"
SCHEMA_DIR = pathlib.Path(os.environ.get(
    "RMA_SCHEMA_DIR", pathlib.Path(__file__).resolve().parents[2] / "docs" / "schemas"))


def load_all(directory=SCHEMA_DIR):
    """{relative path: schema} of every *.schema.json under directory."""
    found = {}
    for path in sorted(pathlib.Path(directory).rglob("*.schema.json")):
        with open(path, encoding="utf-8") as f:
            found[path.relative_to(directory).as_posix()] = json.load(f)
    return found


class Schemas:
    def __init__(self, directory=SCHEMA_DIR):
        self.files = load_all(directory)
        self.store = {schema.get("$id", BASE + name): schema for name, schema in self.files.items()}
        self._validators = {}

    def has(self, name):
        return name in self.files

    def validator(self, uri):
        """A validator for the schema at uri (an $id, optionally with a #/$defs/... fragment)."""
        v = self._validators.get(uri)
        if v is None:
            # The wrapper has no $id of its own: a resolver stores its referrer under its base URI,
            # which must not be the URI of a schema of the store.
            wrapper = {"$ref": uri}
            resolver = jsonschema.RefResolver(base_uri="", referrer=wrapper, store=self.store)
            v = jsonschema.Draft202012Validator(
                wrapper, resolver=resolver,
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            self._validators[uri] = v
        return v

    def errors(self, uri, instance):
        """Each mismatch as 'path: message', the deepest first."""
        found = sorted(self.validator(uri).iter_errors(instance), key=lambda e: -len(e.path))
        out = []
        for e in found:
            best = jsonschema.exceptions.best_match([e])
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in best.absolute_path)
            out.append(f"{path or '.'}: {best.message[:300]}")
        return out

    @staticmethod
    def op_uri(op, part):
        return f"{BASE}ops/{op}.schema.json#/$defs/{part}"

    @staticmethod
    def event_uri(event_type):
        return f"{BASE}events/{event_type}.schema.json"

    OUTBOX_URI = BASE + "outbox-message.schema.json"


class Checker:
    """Validates recorded exchanges and counts what it validated, by schema."""

    def __init__(self, schemas=None):
        self.schemas = schemas or Schemas()
        self.counts = collections.Counter()

    def _check(self, uri, instance, where, problems):
        self.counts[uri.replace(BASE, "")] += 1
        for error in self.schemas.errors(uri, instance)[:3]:
            problems.append(f"{where}: {error}")

    def check_call(self, op, request_text, answer_text, problems, where=None):
        where = where or op
        if not self.schemas.has(f"ops/{op}.schema.json"):
            problems.append(f"{where}: no schema docs/schemas/ops/{op}.schema.json")
            return
        request = None
        if request_text is not None:
            try:
                request = json.loads(request_text)
            except ValueError:
                request = None  # not JSON: the engine refused it
            if request is not None:
                self.check_request(op, request, problems, where)
        if answer_text is not None:
            answer = json.loads(answer_text)
            self._check(Schemas.op_uri(op, "answer"), answer, where + " answer", problems)
            self.check_inner_answer(op, answer, where, problems)
            if op == "batch" and isinstance(request, dict) and request.get("answers") == "full":
                self.check_full_batch(request, answer, where, problems)

    def check_full_batch(self, request, answer, where, problems):
        """A batch asked for full answers gives each command's answer as its op would."""
        for i, (command, result) in enumerate(zip(request.get("commands", []), answer.get("results", []))):
            name = command.get("op") if isinstance(command, dict) else None
            if self.schemas.has(f"ops/{name}.schema.json"):
                self._check(Schemas.op_uri(name, "answer"), result, f"{where} results[{i}] {name}", problems)

    def check_request(self, op, request, problems, where):
        self._check(Schemas.op_uri(op, "request"), request, where + " request", problems)
        if op == "batch" and isinstance(request.get("commands"), list):
            for i, command in enumerate(request["commands"]):
                if isinstance(command, dict) and isinstance(command.get("request"), dict):
                    name = command.get("op")
                    if self.schemas.has(f"ops/{name}.schema.json"):
                        self.check_request(name, command["request"], problems, f"{where} commands[{i}] {name}")

    def check_inner_answer(self, op, answer, where, problems):
        """What an answer carries that has a schema of its own: events and outbox messages."""
        if op == "case.history":
            for i, event in enumerate(answer.get("events", [])):
                self.check_event(event, problems, f"{where} events[{i}]")
        if op == "outbox.fetch":
            for i, message in enumerate(answer.get("messages", [])):
                self._check(Schemas.OUTBOX_URI, message, f"{where} messages[{i}]", problems)

    def check_event(self, event, problems, where="event"):
        event_type = event.get("type") if isinstance(event, dict) else None
        if event_type is None:
            # A subscription's view of an event it may not see is the empty object.
            if event != {}:
                problems.append(f"{where}: an event without a type: {json.dumps(event)[:200]}")
            return
        if not self.schemas.has(f"events/{event_type}.schema.json"):
            problems.append(f"{where}: no schema docs/schemas/events/{event_type}.schema.json")
            return
        self._check(Schemas.event_uri(event_type), event, f"{where} {event_type}", problems)

    def check_records(self, records):
        problems = []
        for record in records:
            if record["kind"] == "call" and record["op"] == "options":
                # An engine opened: its options document, when it has one and the engine took it.
                if "answer" in record and (record["request"] or "").strip():
                    self._check(BASE + "config/options.schema.json", json.loads(record["request"]),
                                "Engine.open options", problems)
            elif record["kind"] == "call":
                if "answer" in record:
                    self.check_call(record["op"], record["request"], record["answer"], problems)
            elif record["kind"] == "event":
                self.check_event(json.loads(record["event"]), problems, "subscriber")
        return problems

    def summary(self):
        total = sum(self.counts.values())
        # Not a failure: a run exercises what its tests call (store.copy needs PostgreSQL).
        unseen = sorted(name[4:-len(".schema.json")] for name in self.schemas.files
                        if name.startswith("ops/") and not any(k.startswith(name) for k in self.counts))
        ops = {k.split("#")[0] for k in self.counts if k.startswith("ops/")}
        events = {k for k in self.counts if k.startswith("events/")}
        return (f"json schemas: {total} documents checked against {len(self.counts)} schemas "
                f"({len(ops)} ops, {len(events)} event types)" +
                (f"; ops this run did not call: {', '.join(unseen)}" if unseen else ""))
