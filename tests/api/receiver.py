"""A real webhook receiver for tests: an HTTP server in a thread that checks each request's
Standard Webhooks signature with the `standardwebhooks` package, as a subscriber would."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError

PORTS = range(8700, 8800)  # the ports this project's tests may listen on


class Receiver:
    """Listens on 127.0.0.1; `messages` holds each verified payload, `refused` the requests
    whose signature did not verify. `status` is what it answers; `hold` (an Event), when
    set, keeps every request waiting until it is set."""

    def __init__(self, secret, status=200, port=None):
        self.secret, self.status = secret, status
        self.messages, self.refused, self.ids = [], [], []
        self.arrived = threading.Event()
        self.hold = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.take(body, dict(self.headers.items()))
                if receiver.hold is not None:
                    receiver.hold.wait(30)
                self.send_response(receiver.status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = self.bind(Handler, port)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def bind(handler, port):
        for candidate in [port] if port else PORTS:
            try:
                return ThreadingHTTPServer(("127.0.0.1", candidate), handler)
            except OSError:
                continue
        raise RuntimeError("no free port in 8700-8799")

    def take(self, body, headers):
        try:
            payload = Webhook(self.secret).verify(body, {k.lower(): v for k, v in headers.items()})
        except (WebhookVerificationError, ValueError):  # a bad signature, or not our secret
            self.refused.append(json.loads(body))
            return
        if self.status < 300:
            self.messages.append(payload)
            self.ids.append(headers.get("webhook-id") or headers.get("Webhook-Id"))
        self.arrived.set()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
