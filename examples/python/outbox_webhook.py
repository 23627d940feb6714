"""An outbox consumer: posts each message of librma's outbox to a webhook, in order, and
acknowledges it only after the webhook answered 2xx. A failed post is retried with a growing pause;
a message that still fails stops the run (the messages after it wait, so the receiver sees them in
order) and the script exits 1, for cron or a supervisor to run it again later. Delivery is at
least once: a crash between the 2xx and the ack posts that message again, so each post carries an
Idempotency-Key the receiver can use to drop a repeat. Standard library only.

usage: python3 outbox_webhook.py DATABASE WEBHOOK_URL [--attempts 5] [--backoff-ms 500]
"""

import argparse
import datetime as dt
import json
import sys
import time
import urllib.error
import urllib.request
from typing import Any, Tuple

import rma

ACTOR = "system:outbox-webhook"


def _json_default(value: Any) -> str:
    """Dates and instants as librma writes them in JSON."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def post(url: str, message: rma.OutboxMessage) -> Tuple[int, str]:
    """The HTTP status of one post (0 when no answer came) and a word on it."""
    body = json.dumps(message, default=_json_default, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "Idempotency-Key": f"rma-outbox-{message['seq']}",
        "X-Rma-Topic": message["topic"],
    })
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, f"HTTP {answer.status}"
    except urllib.error.HTTPError as refused:  # a 4xx or 5xx: the receiver answered
        return refused.code, f"HTTP {refused.code} {refused.reason}"
    except (urllib.error.URLError, OSError) as failed:
        return 0, str(getattr(failed, "reason", failed))


def deliver(url: str, message: rma.OutboxMessage, attempts: int, backoff_ms: int) -> bool:
    """Posts one message until a 2xx or the last attempt; True when delivered."""
    for attempt in range(1, attempts + 1):
        status, answer = post(url, message)
        if 200 <= status < 300:
            return True
        print(f"message {message['seq']} ({message['topic']}), attempt {attempt} of {attempts}: {answer}",
              file=sys.stderr)
        if attempt < attempts:
            time.sleep(backoff_ms / 1000 * 2 ** (attempt - 1))
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description="Posts librma's outbox to a webhook.")
    parser.add_argument("database")
    parser.add_argument("url")
    parser.add_argument("--attempts", type=int, default=5)
    parser.add_argument("--backoff-ms", type=int, default=500)
    args = parser.parse_args()
    attempts, backoff_ms = max(1, args.attempts), max(0, args.backoff_ms)
    delivered = 0
    with rma.Engine(args.database) as engine:
        while True:
            messages = engine.outbox_fetch(ACTOR, limit=100)
            if not messages:
                break
            for message in messages:
                if not deliver(args.url, message, attempts, backoff_ms):
                    print(f"delivered {delivered}; message {message['seq']} failed {attempts} times, "
                          "it and the rest wait")
                    return 1
                engine.outbox_ack(ACTOR, [message["seq"]])
                delivered += 1
    print(f"delivered {delivered}, outbox empty")
    return 0


if __name__ == "__main__":
    sys.exit(main())
