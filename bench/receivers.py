"""The places the library sends to, for `bench/load.py --outage receivers`: a webhook target
(an HTTP server noting each delivery's webhook-id) and a mail server (aiosmtpd), run in
threads of the bench's process and stopped and started like a Cluster; and readers who doubt
a statistic, each from an address of their own, so that each doubt sends its owner an email
and the target a webhook (through the background worker, never the reader's request).
"""

import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: each SMTP command


class Receivers:
    """A webhook target and a mail server on fixed free ports; `stop()` closes both (their
    ports refuse), `start()` opens them again."""

    name = "webhook target and mail server"

    def __init__(self, web_port, mail_port):
        self.web_port, self.mail_port = web_port, mail_port
        self.webhook_ids, self.emails = set(), []
        self.web = self.mail = None

    def start(self):
        ids = self.webhook_ids

        class Target(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length", 0)))
                ids.add(self.headers.get("webhook-id"))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.web = ThreadingHTTPServer(("127.0.0.1", self.web_port), Target)
        threading.Thread(target=self.web.serve_forever, daemon=True).start()
        self.mail = Controller(Inbox(self.emails), hostname="127.0.0.1", port=self.mail_port)
        self.mail.start()

    def stop(self):
        self.web.shutdown()
        self.web.server_close()
        self.mail.stop()

    def remove(self):
        if self.web:
            self.stop()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.web_port}/hook"


class Inbox:
    def __init__(self, emails):
        self.emails = emails

    async def handle_DATA(self, server, session, envelope):
        self.emails.append(envelope.rcpt_tos)
        return "250 OK"


class Doubters(threading.Thread):
    """Readers doubting `statistic` (its pk) every `every` seconds until stopped, each from an
    address of its own (X-Forwarded-For, the server behind one proxy); `statuses` holds the
    answers to their second post (the doubt itself)."""

    def __init__(self, server, statistic, every=0.5):
        super().__init__(daemon=True)
        self.server, self.statistic, self.every = server, statistic, every
        self.statuses, self.stopping = [], threading.Event()

    def run(self):
        reader = 0
        while not self.stopping.is_set():
            reader += 1
            self.statuses.append(self.doubt(f"10.{reader // 65536 % 256}.{reader // 256 % 256}."
                                            f"{reader % 256}"))  # fmt: skip
            self.stopping.wait(self.every)

    def doubt(self, address):
        """The status of the doubt (302 when taken), or of the vote before it if refused."""
        status, there = self.post("/feedback/", address, kind="statistic", item=self.statistic,
                                  helpful="no")  # fmt: skip
        if status != 302:
            return status
        ticket = urllib.parse.parse_qs(urllib.parse.urlsplit(there).query)["feedback"][0]
        return self.post("/feedback/more/", address, ticket=ticket, reason="statistic_wrong",
                         comment="The survey is old.")[0]  # fmt: skip

    def post(self, path, address, **fields):
        """(status, Location) of a form post, redirects not followed; "socket error" when
        nothing answers."""
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.server.url(path), data=urllib.parse.urlencode(fields).encode(),
            headers={"X-Forwarded-For": address}, method="POST",
        )  # fmt: skip
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=20) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")
        except OSError:
            return "socket error", None

    def stop(self):
        self.stopping.set()
        self.join()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for(done, seconds):
    """Poll `done()` each second for up to `seconds`; whether it came true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(1)
    return done()
