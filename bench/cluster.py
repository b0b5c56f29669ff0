"""Private services for tests and benchmarks that stop and start them: a PostgreSQL cluster
(Debian's initdb and pg_ctl, the newest installed, run as the `postgres` user, on a free
port, with its data in a folder under /tmp that `remove()` deletes) and a Redis."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command, check=True):
    """Runs a PostgreSQL server command as the `postgres` user (it refuses to run as root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=check, capture_output=True, timeout=120)


class Cluster:
    name = "PostgreSQL"

    def __init__(self):
        binaries = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4])
        )
        self.bin = Path(binaries[-1])
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="csx-outage-", dir="/tmp"))
        self.data = self.folder / "data"
        shutil.chown(self.folder, "postgres")
        as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                    "-A", "trust", "--no-sync")  # fmt: skip

    @property
    def url(self):
        """DATABASE_URL of its database, `csx` (made by create_database())."""
        return f"postgres://postgres@127.0.0.1:{self.port}/csx"

    def create_database(self):
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "csx"], check=True, timeout=60)  # fmt: skip

    def pg_ctl(self, *action):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                    "-l", str(self.folder / "log"), "-w", *action)  # fmt: skip

    def start(self):
        self.pg_ctl("start")

    def stop(self):
        self.pg_ctl("stop", "-m", "fast")

    def remove(self):
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop",
                    check=False)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    """A private redis-server on a free port, holding nothing on disk: stop() kills it and
    start() starts it again, empty, as a Redis restarted without persistence comes back."""

    name = "Redis"

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.kill()
        self.process.wait()

    def remove(self):
        if self.process and self.process.poll() is None:
            self.stop()

    def __enter__(self):
        """`with Redis() as redis:` a server started for the block, removed after it."""
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.remove()
