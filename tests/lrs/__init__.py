"""A real Learning Record Store for the xAPI tests: Ralph (PyPI ralph-malph), its API served
by uvicorn as `ralph runserver --backend fs` serves it (without the file watcher that reloads
it), with its file-system backend made to append (tests/lrs/app.py says why), on a free port,
in a folder of its own, answering to HTTP basic auth from a credentials file made by `ralph
auth`.

Ralph lives in a virtualenv of its own, `.venv-ralph` (tests/lrs/requirements.txt): its
command line pins click below the version schemathesis and rq need. `make lrs` (part of
`make test`) makes it, with the credentials file; `install()` does too when it is missing,
so a plain `pytest` works on a fresh checkout. `invalid()` checks statements with Ralph's own
xAPI models (tests/lrs/validate.py, run by that virtualenv's Python).
"""

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / ".venv-ralph"
RALPH = VENV / "bin" / "ralph"
AUTH_FILE = VENV / "csx-test-auth.json"  # made once by `ralph auth` (bcrypt takes seconds)
USERNAME, PASSWORD = "csx-test", "csx-test-secret"  # noqa: S105 (the test LRS's own)
READY_WITHIN = 90  # seconds: a slow, shared machine
XAPI_VERSION = {"X-Experience-API-Version": "1.0.3"}


def install():
    """Make .venv-ralph and its credentials file when they are missing (one process at a
    time: pytest's workers may all ask at once)."""
    with open(ROOT / ".venv-ralph.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        make_venv()


def make_venv():
    if not RALPH.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True)
        pip = [VENV / "bin" / "pip", "install", "--quiet", "-r", HERE / "requirements.txt"]
        subprocess.run(pip, check=True)
    if not AUTH_FILE.exists():
        made = AUTH_FILE.with_suffix(".tmp")
        made.unlink(missing_ok=True)
        subprocess.run(
            [RALPH, "auth", "--username", USERNAME, "--password", PASSWORD, "--scope", "all",
             "--agent-ifi-account", "csx-library", "http://127.0.0.1", "--write-to-disk"],
            env={**os.environ, "RALPH_AUTH_FILE": str(made), "RALPH_RUNSERVER_BACKEND": "fs"},
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        made.rename(AUTH_FILE)  # whole or not at all, whatever runs beside


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Ralph:
    """The LRS on a port of its own; `stop()` closes it (the port refuses), `start()` opens it
    again over the same statements."""

    name = "LRS (Ralph)"

    def __init__(self):
        install()
        self.folder = Path(tempfile.mkdtemp(prefix="csx-ralph-"))
        self.port = free_port()
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def settings(self):
        """The environment that points csx/config/services.py's xAPI at this LRS."""
        return {"CSX_XAPI_ENDPOINT": self.endpoint, "CSX_XAPI_USERNAME": USERNAME,
                "CSX_XAPI_PASSWORD": PASSWORD}  # fmt: skip

    def start(self):
        (self.folder / "statements").mkdir(exist_ok=True)
        log = open(self.folder / "ralph.log", "ab")  # noqa: SIM115 - the server's, kept open
        # What `ralph runserver` sets (it writes them to an env file for uvicorn), and the app.
        ralph = {
            "RALPH_AUTH_FILE": str(AUTH_FILE),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "statements"),
        }
        self.process = subprocess.Popen(
            [VENV / "bin" / "uvicorn", "app:app", "--app-dir", HERE,
             "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=self.folder, env={**os.environ, **ralph}, stdout=log, stderr=log,
            start_new_session=True,  # the server and any process it starts, stopped together
        )  # fmt: skip
        log.close()  # the server has its own
        deadline = time.monotonic() + READY_WITHIN
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Ralph's LRS did not start on port {self.port}")
            time.sleep(0.2)

    def answers(self):
        try:
            url = f"http://127.0.0.1:{self.port}/__heartbeat__"
            return requests.get(url, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self):
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def statements(self):
        """Every statement the LRS holds, as it gives them back (GET, page after page)."""
        found, url = [], f"{self.endpoint}statements?limit=500"
        while url:
            answer = requests.get(url, auth=(USERNAME, PASSWORD), headers=XAPI_VERSION, timeout=30)
            answer.raise_for_status()
            page = answer.json()
            found += page["statements"]
            url = page.get("more") and f"http://127.0.0.1:{self.port}{page['more']}"
        return found


def invalid(statements):
    """What Ralph's xAPI models find wrong with `statements` (a list; empty when all valid)."""
    checked = subprocess.run(
        [VENV / "bin" / "python", HERE / "validate.py"],
        input=json.dumps(statements), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(checked.stdout)
