"""A threaded HTTP server on 127.0.0.1 (a free port) for the fake APIs: start it with ``with``, read ``url``."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def send_body(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict | None = None,
              cut: bool = False) -> None:
    """Answer with a JSON body and its full Content-Length; ``cut`` sends only the first third (a truncated body)."""
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body[: len(body) // 3] if cut else body)


class LoopbackServer:
    """Subclasses give ``_handler()`` (a request handler class) and may misbehave as they like."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def _start_server(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
