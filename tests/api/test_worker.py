"""A worker killed mid-task loses nothing: with a real `manage.py worker` process on a
database of the test's own (tests/served.py), killed while a receiver holds its delivery
open, the next worker started sends the delivery again, and it arrives."""

import json
import signal
import subprocess
import sys

import pytest

from tests.api.receiver import Receiver
from tests.served import ROOT, Site

# The site runs on a database of its own, whatever DATABASE_URL says (pyproject.toml).
pytestmark = pytest.mark.own_site

SETUP = """
from csx.editorial import workflow
from csx.api.models import Subscription
from csx.models import Status
from stories.models import Story

subscription = Subscription.objects.create(url={url!r}, events=["content.published"])
story = Story.objects.create(title="Fresh", slug="fresh", summary="A story.", outcome="exemplary",
                             takeaway="Listen.", body="What happened.", provenance="review",
                             status=Status.DRAFT)
workflow.publish(story, None)
print(subscription.secret)
"""

STATUS = """
import json
from csx.api.models import Delivery
print(json.dumps([[d.status, d.attempts] for d in Delivery.objects.all()]))
"""


def start_worker(site):
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        env=site.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_worker_killed_mid_delivery_delivers_after_a_restart(tmp_path):
    import threading

    site = Site(tmp_path, CSX_WEBHOOKS_ALLOW_PRIVATE="1")
    with Receiver(secret="") as receiver:
        receiver.hold = threading.Event()  # the first delivery is held open…
        printed = site.manage("shell", "-c", SETUP.format(url=receiver.url)).split()
        receiver.secret = next(word for word in printed if word.startswith("whsec_"))
        worker = start_worker(site)
        try:
            assert receiver.arrived.wait(60), "the delivery never arrived"
            worker.send_signal(signal.SIGKILL)  # …while its worker is killed
        finally:
            worker.kill()
            worker.wait(30)
        receiver.arrived.clear()
        held, receiver.hold = receiver.hold, None
        held.set()
        worker = start_worker(site)
        try:
            assert receiver.arrived.wait(60), "the delivery was lost with its worker"
            logged = deliveries(site)
            while logged == [["pending", 0]]:  # the worker is noting the answer
                logged = deliveries(site)
        finally:
            worker.terminate()
            worker.wait(30)
    assert len(receiver.messages) == 2 and receiver.ids[0] == receiver.ids[1]
    assert logged == [["delivered", 1]]


def deliveries(site):
    """[status, attempts] of each delivery, as the site's database holds them."""
    return json.loads(site.manage("shell", "-c", STATUS).strip().splitlines()[-1])
