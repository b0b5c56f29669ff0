"""A private PostgreSQL cluster for tests and benchmarks that stop and start the database:
Debian's initdb and pg_ctl (the newest installed), run as the `postgres` user, on a free
port, with its data in a folder under /tmp that `remove()` deletes."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
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
