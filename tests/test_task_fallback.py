"""A task queued while Redis is away waits in the database (csx/serving/task_backend.py):
with a redis-server of the test's own, stopped, a reader's answer (which announces a webhook)
is taken, its delivery waits in the database's queue, and `manage.py worker` (a batch, or
one running through the outage) sends it; with that Redis up, tasks go to RQ and not to the
database. The site runs in processes of its own, with REDIS_URL as production sets it
(tests/served.py)."""

import http.client
import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest
import redis as redis_py
from rq import Queue

from bench.cluster import Redis
from tests.api.receiver import Receiver
from tests.served import ROOT, Site

# The site runs on a database of its own, whatever DATABASE_URL says (pyproject.toml).
pytestmark = pytest.mark.own_site

SETUP = """
from csx.api.models import Subscription
from tests.factories import make_story

subscription = Subscription.objects.create(url={url!r}, events=["feedback.received"])
print(make_story(slug="answered").pk, subscription.secret)
"""

QUEUED = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps(list(DBTaskResult.objects.values_list("backend_name", "task_path"))))
"""

LOGGED = """
import logging, sys
from datetime import datetime, timezone
from csx.api.hooks import announce_went_live

logging.basicConfig(stream=sys.stdout, level=logging.WARNING)
for pk in range(3):
    announce_went_live.enqueue("stories.Story", pk, datetime.now(timezone.utc).isoformat())
"""


@pytest.fixture
def redis():
    with Redis() as server:
        yield server


@pytest.fixture
def receiver():
    with Receiver(secret="") as receiver:
        yield receiver


@pytest.fixture
def site(tmp_path, redis, receiver):
    site = Site(tmp_path, REDIS_URL=redis.url, CSX_WEBHOOKS_ALLOW_PRIVATE="1")
    printed = site.manage("shell", "-c", SETUP.format(url=receiver.url)).splitlines()[-1]
    story, receiver.secret = printed.split()
    site.story = int(story)
    return site


def answer_helpful(site):
    """A reader's "yes, helpful" posted to the site's gunicorn; returns the status."""
    with site.serve(1) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        body = urlencode({"kind": "story", "item": site.story, "helpful": "yes"})
        headers = {"content-type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/feedback/", body, headers)
        status = connection.getresponse().status
        connection.close()
    return status


def queued_in_database(site):
    """[backend, task] of each task the site's database holds."""
    return json.loads(site.manage("shell", "-c", QUEUED).strip().splitlines()[-1])


def test_a_reader_s_answer_is_taken_while_redis_is_away(site, redis):
    redis.stop()
    assert answer_helpful(site) == 302


def test_a_delivery_announced_while_redis_is_away_waits_in_the_database(site, redis):
    redis.stop()
    answer_helpful(site)
    assert queued_in_database(site) == [["fallback", "csx.api.webhooks.deliver"]]


def test_tasks_queued_while_redis_is_away_are_logged_once(site, redis):
    redis.stop()
    assert site.manage("shell", "-c", LOGGED).count("cannot take tasks") == 1


def test_the_worker_sends_a_delivery_queued_while_redis_was_away(site, redis, receiver):
    redis.stop()
    answer_helpful(site)
    redis.start()
    site.manage("worker", "--batch")
    assert [message["type"] for message in receiver.messages] == ["feedback.received"]


def test_a_running_worker_sends_a_delivery_queued_while_redis_is_away(site, redis, receiver):
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        env=site.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        redis.stop()
        answer_helpful(site)
        assert receiver.arrived.wait(60), "the delivery waiting in the database was not sent"
    finally:
        worker.terminate()
        worker.wait(90)


def test_with_redis_up_tasks_go_to_redis_not_the_database(site, redis):
    answer_helpful(site)
    waiting = Queue("default", connection=redis_py.Redis.from_url(redis.url)).count
    assert (waiting, queued_in_database(site)) == (1, [])
