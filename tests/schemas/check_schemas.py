#!/usr/bin/env python3
"""The JSON Schemas of docs/schemas/ are valid draft 2020-12 schemas, every $ref in them resolves,
every op of the op table and every audit event type has its schema, and the index
(docs/schemas/README.md) links every schema outside ops/ and events/. Fails naming what is
wrong or missing, so an op or event type added without a schema breaks the tests.

usage: check_schemas.py RMA_OPS [SCHEMA_DIR]
  RMA_OPS prints the op table (one op a line, its name first) and, with --events, the event types.
"""
import json
import pathlib
import subprocess
import sys

import jsonschema

import schemas as librma_schemas

# Each file of docs/schemas/config/ and what takes it (the op whose request it is, or where else).
CONFIGS = {
    "workflows": "workflow.configure", "sla": "sla.configure", "warranty": "warranty.configure",
    "valuation": "valuation.configure", "privacy": "privacy.configure", "holidays": "holidays.load",
    "calendar": "sla.configure calendars, calendar.* ops", "options": "Engine::open",
}


def refs_in(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs_in(value)


def main(argv):
    rma_ops = argv[1]
    directory = pathlib.Path(argv[2]) if len(argv) > 2 else librma_schemas.SCHEMA_DIR
    problems = []
    loaded = librma_schemas.Schemas(directory)

    for name, schema in loaded.files.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            problems.append(f"{name}: not a valid 2020-12 schema: {e.message}")
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append(f"{name}: $schema is not draft 2020-12")
        if schema.get("$id") != librma_schemas.BASE + name:
            problems.append(f"{name}: $id is not {librma_schemas.BASE + name}")
        for ref in sorted(set(refs_in(schema))):
            uri = ref if "://" in ref else None
            try:
                resolver = jsonschema.RefResolver(base_uri=librma_schemas.BASE + name, referrer=schema,
                                                  store=loaded.store)
                resolver.resolve(ref)
            except jsonschema.exceptions.RefResolutionError as e:
                problems.append(f"{name}: $ref {uri or ref} does not resolve: {e}")

    ops = [line.split("\t")[0] for line in subprocess.run(
        [rma_ops], check=True, capture_output=True, text=True).stdout.splitlines()]
    for op in ops:
        name = f"ops/{op}.schema.json"
        if not loaded.has(name):
            problems.append(f"op {op}: no schema docs/schemas/{name}")
            continue
        defs = loaded.files[name].get("$defs", {})
        for part in ("request", "answer"):
            if part not in defs:
                problems.append(f"op {op}: {name} has no $defs/{part}")
    for name in loaded.files:
        if name.startswith("ops/") and name[4:-len(".schema.json")] not in ops:
            problems.append(f"{name}: no op of that name in the op table")

    event_types = subprocess.run([rma_ops, "--events"], check=True, capture_output=True,
                                 text=True).stdout.split()
    listed = {ref["$ref"] for ref in loaded.files.get("event.schema.json", {}).get("oneOf", [])}
    for event_type in event_types:
        name = f"events/{event_type}.schema.json"
        if not loaded.has(name):
            problems.append(f"event type {event_type}: no schema docs/schemas/{name}")
        elif loaded.files[name].get("properties", {}).get("type") != {"const": event_type}:
            problems.append(f"{name}: its type is not the constant {event_type!r}")
        if name not in listed:
            problems.append(f"event type {event_type}: event.schema.json's oneOf does not list {name}")
    for name in loaded.files:
        if name.startswith("events/") and name[7:-len(".schema.json")] not in event_types:
            problems.append(f"{name}: no event type of that name")
    for config in CONFIGS:
        if not loaded.has(f"config/{config}.schema.json"):
            problems.append(f"configuration {config} ({CONFIGS[config]}): no schema docs/schemas/config/{config}.schema.json")
    readme = directory / "README.md"
    index = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if not index:
        problems.append("docs/schemas/README.md, the index, is missing")
    for name in loaded.files:
        if not name.startswith(("ops/", "events/")) and f"({name})" not in index:
            problems.append(f"{name}: docs/schemas/README.md does not link it")
    if not loaded.has("outbox-message.schema.json"):
        problems.append("the outbox message: no schema docs/schemas/outbox-message.schema.json")

    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problems")
        return 1
    print(f"{len(loaded.files)} schemas valid; {len(ops)} ops and {len(event_types)} event types each have one")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
