"""A real OpenID Connect provider for the tests: the npm package oidc-provider, run by node
(tests/oidc/provider.mjs, its people in accounts.json).

`make oidc-provider` installs it into tests/oidc/node_modules (gitignored; `make test` and so
.ci/run do it when it is missing); `started()` installs it too when it is missing, so a
plain `pytest` works on a fresh checkout with node and npm.
"""

import contextlib
import json
import socket
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCOUNTS = json.loads((HERE / "accounts.json").read_text())
CLIENT_ID = "csx-library"
CLIENT_SECRET = "csx-library-secret"  # noqa: S105 (the test provider's own)


def install():
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def started(redirect_uri):
    """The provider listening on a free port, for a client whose one redirect URI is
    `redirect_uri`; yields its issuer URL, and stops it after."""
    install()
    process = subprocess.Popen(
        ["node", "provider.mjs", str(free_port()), redirect_uri],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()  # the provider says "ready <issuer>" when it listens
        if not line.startswith("ready "):
            raise RuntimeError(f"the OIDC provider did not start: {line!r}")
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
