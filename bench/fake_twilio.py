"""A stand-in for Twilio's REST API on 127.0.0.1: Harbor's slow SMS path (a turn that outruns
its reply budget is answered by REST) must never reach the internet during a benchmark."""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator


class _Handler(BaseHTTPRequestHandler):
    counter = {"messages": 0}
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with _Handler.lock:
            _Handler.counter["messages"] += 1
            count = _Handler.counter["messages"]
        body = json.dumps({"sid": f"SM{count:032x}", "status": "queued"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@contextmanager
def fake_twilio() -> Iterator[tuple[str, dict[str, int]]]:
    """Yields the base URL and a live count of messages "sent" through it."""
    _Handler.counter = {"messages": 0}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.counter
    finally:
        server.shutdown()
        server.server_close()
