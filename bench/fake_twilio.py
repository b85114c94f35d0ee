"""A stand-in for Twilio's REST API on 127.0.0.1: Harbor's slow SMS path (a turn that outruns
its reply budget is answered by REST) must never reach the internet during a benchmark."""
from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs


class Deliveries:
    """What reached each phone number through the REST API, and when (time.monotonic())."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_number: dict[str, list[tuple[float, str]]] = {}

    def add(self, number: str, body: str) -> None:
        with self._lock:
            self._by_number.setdefault(number, []).append((time.monotonic(), body))

    def count(self, number: str) -> int:
        with self._lock:
            return len(self._by_number.get(number, []))

    def since(self, number: str, index: int) -> list[tuple[float, str]]:
        with self._lock:
            return list(self._by_number.get(number, [])[index:])


class _Handler(BaseHTTPRequestHandler):
    counter: dict[str, Any] = {"messages": 0}
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        form = parse_qs(raw.decode("utf-8", "replace"))
        deliveries = _Handler.counter.get("deliveries")
        if deliveries is not None and form.get("To"):
            deliveries.add(form["To"][0], (form.get("Body") or [""])[0])
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
def fake_twilio() -> Iterator[tuple[str, dict[str, Any]]]:
    """Yields the base URL and a live record: ``messages`` (count) and ``deliveries`` (Deliveries)."""
    _Handler.counter = {"messages": 0, "deliveries": Deliveries()}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.counter
    finally:
        server.shutdown()
        server.server_close()
