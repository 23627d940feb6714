"""examples/python/outbox_webhook.py against a local webhook (http.server on a free port) that
refuses the first post with 503: every message arrives, in order, each acknowledged only after its
2xx; then, against a webhook that always refuses, the run stops at the first message, exits 1 and
leaves the outbox as it was.

usage: python3 outbox_webhook_check.py EXAMPLE WORK_DIR   (the rma package on PYTHONPATH)
"""

import http.server
import json
import os
import subprocess
import sys
import threading
from typing import Any, List

import rma

STAFF = "operator:anna"


class Webhook(http.server.BaseHTTPRequestHandler):
    """Records each post; refuses the first `refusals` posts with 503."""

    posts: List[Any] = []
    refusals = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Webhook.posts.append((self.headers["Idempotency-Key"], self.headers["X-Rma-Topic"], body))
        refuse = Webhook.refusals > 0
        Webhook.refusals -= 1
        self.send_response(503 if refuse else 204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def run(example: str, database: str, url: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, example, database, url, "--attempts", "3", "--backoff-ms", "10"],
                          capture_output=True, text=True, timeout=60)


def main() -> None:
    example, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    database = os.path.join(work, "outbox.db")
    if os.path.exists(database):
        os.remove(database)
    with rma.Engine(database) as engine:
        engine.upsert_customer(STAFF, {"id": "C1", "name": "Acme"})
        case = engine.create_case(STAFF, {"kind": "return", "channel": "b2b", "customer_id": "C1",
                                          "lines": [{"sku": "SKU-1", "quantity": 1}]})
        for n in range(3):
            engine.outbox_post(STAFF, case["id"], "erp.note", {"n": n})
        pending = [m["seq"] for m in engine.outbox_fetch(STAFF)]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        Webhook.refusals = 1
        done = run(example, database, url)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "attempt 1 of 3: HTTP 503" in done.stderr, done.stderr
        seqs = [body["seq"] for _, _, body in Webhook.posts]
        assert seqs == [pending[0]] + pending, seqs  # the refused first post, then each in order
        assert [key for key, _, _ in Webhook.posts[1:]] == [f"rma-outbox-{s}" for s in pending]
        assert Webhook.posts[-1][2]["payload"] == {"n": 2} and Webhook.posts[-1][2]["created_at"].endswith("Z")
        with rma.Engine(database) as engine:
            assert engine.outbox_fetch(STAFF) == []  # each one acknowledged after its 2xx
            engine.outbox_post(STAFF, case["id"], "erp.note", {"n": 3})
        Webhook.posts, Webhook.refusals = [], 1000
        stopped = run(example, database, url)
        assert stopped.returncode == 1, stopped.stdout + stopped.stderr
        assert len(Webhook.posts) == 3  # three attempts at the first message, nothing after it
        with rma.Engine(database) as engine:
            assert len(engine.outbox_fetch(STAFF)) == 1  # not acknowledged
    finally:
        server.shutdown()
    print("outbox_webhook: 3 messages delivered after a refused first post; a failing webhook stops the run")


if __name__ == "__main__":
    main()
