#!/usr/bin/env python3
"""Checks an exported copy of librma's audit history without librma (docs/audit.md).

usage: verify_export.py EXPORT [--public-key HEX]...

EXPORT holds the pages librma's ``audit.export`` answered, one JSON object per line (or one page
on its own). The check needs the Python standard library only:

- every event's hash is recomputed with hashlib's BLAKE2b-256 over the documented byte layout
  and must equal the stored one, each linked to the event before it; seq must go up by one from 1;
- every checkpoint must name the stored hash of the event at its seq, and its Ed25519 signature
  is verified here (RFC 8032, section 6's reference arithmetic), against each --public-key given
  (the keys the auditor kept apart from the database) or, without one, against the key it names.

It prints the first broken link (seq, case id, type, problem) or "ok", and exits 0 when the copy
verifies, 1 when it does not, 2 on a malformed export.
"""

import argparse
import hashlib
import json
import struct
import sys

EVENT_TAG = b"librma-event-v1"
CHECKPOINT_TAG = b"librma-checkpoint-v1"
ZERO_HASH = bytes(32)


def event_hash(previous: bytes, event: dict) -> bytes:
    """BLAKE2b-256 of: tag, previous hash, seq, case_id, at (8 bytes signed little-endian each),
    then case_number, actor, type and data, each as its UTF-8 length (8 bytes little-endian) and
    bytes."""
    h = hashlib.blake2b(digest_size=32)
    h.update(EVENT_TAG)
    h.update(previous)
    h.update(struct.pack("<qqq", event["seq"], event["case_id"], event["at_micros"]))
    for key in ("case_number", "actor", "type", "data"):
        text = event[key].encode("utf-8")
        h.update(struct.pack("<Q", len(text)))
        h.update(text)
    return h.digest()


def checkpoint_message(seq: int, hash_: bytes, at_micros: int) -> bytes:
    return CHECKPOINT_TAG + struct.pack("<q", seq) + hash_ + struct.pack("<q", at_micros)


# --- Ed25519 verification: RFC 8032, section 6 ----------------------------------------------------
_P = 2 ** 255 - 19
_Q = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _add(a, b):
    x = (a[1] - a[0]) * (b[1] - b[0]) % _P
    y = (a[1] + a[0]) * (b[1] + b[0]) % _P
    c = 2 * a[3] * b[3] * _D % _P
    d = 2 * a[2] * b[2] % _P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _mul(s, point):
    result = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            result = _add(result, point)
        point = _add(point, point)
        s >>= 1
    return result


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_GY = 4 * pow(5, _P - 2, _P) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _Q
    return _equal(_mul(s, _G), _add(r, _mul(h, a)))


# --- the check ------------------------------------------------------------------------------------

def read_pages(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        pages = [json.loads(line) for line in lines]
    except json.JSONDecodeError:
        pages = [json.loads(text)]
    events, checkpoints = [], []
    for page in pages:
        events.extend(page["events"])
        checkpoints.extend(page["checkpoints"])
    return events, checkpoints


def verify(events, checkpoints, trusted_keys):
    """(ok, message): the first problem found, in seq order, or a summary."""
    stored = {}
    first_break = None
    previous_seq, previous_hash = 0, ZERO_HASH
    pending = None  # a failed link, judged by whether the next event links to its stored hash
    for event in events:
        own = bytes.fromhex(event["hash"])
        holds = (event["seq"] == previous_seq + 1 and len(own) == 32
                 and event_hash(previous_hash, event) == own)
        if pending is not None:
            first_break = first_break or (pending, "changed" if holds else "out_of_order")
            pending = None
        if not holds and first_break is None:
            if event["seq"] <= previous_seq:
                first_break = (event, "out_of_order")
            elif event["seq"] != previous_seq + 1:
                first_break = (event, "missing")
            elif len(own) != 32:
                first_break = (event, "out_of_order")
            else:
                pending = event
        stored[event["seq"]] = own
        previous_seq = event["seq"]
        previous_hash = own if len(own) == 32 else event_hash(previous_hash, event)
    if pending is not None and first_break is None:
        first_break = (pending, "changed")
    if first_break is not None:
        event, problem = first_break
        return False, (f"seq {event['seq']} (case {event['case_id']}, {event['type']}): {problem}")

    last_seq = previous_seq
    signed = 0
    for c in checkpoints:
        key = bytes.fromhex(c["public_key"])
        hash_ = bytes.fromhex(c["hash"])
        if trusted_keys and key not in trusted_keys:
            return False, f"checkpoint at seq {c['seq']}: signed by {c['public_key']}, not a trusted key"
        if not ed25519_verify(key, checkpoint_message(c["seq"], hash_, c["at_micros"]), bytes.fromhex(c["signature"])):
            return False, f"checkpoint at seq {c['seq']}: the signature does not match"
        if c["seq"] > last_seq:
            return False, f"checkpoint at seq {c['seq']}: the chain ends at seq {last_seq} (truncated)"
        if stored.get(c["seq"]) != hash_:
            return False, f"checkpoint at seq {c['seq']}: the event there no longer has the signed hash"
        signed = max(signed, c["seq"])
    return True, (f"ok: {len(events)} events, {len(checkpoints)} checkpoints, "
                  f"{last_seq - signed} events after the last one")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export")
    parser.add_argument("--public-key", action="append", default=[],
                        help="a trusted Ed25519 public key, 64 hex digits (repeat for several)")
    args = parser.parse_args(argv)
    try:
        events, checkpoints = read_pages(args.export)
        trusted = {bytes.fromhex(k) for k in args.public_key}
    except (OSError, ValueError, KeyError) as e:
        print(f"malformed export: {e}", file=sys.stderr)
        return 2
    ok, message = verify(events, checkpoints, trusted)
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
