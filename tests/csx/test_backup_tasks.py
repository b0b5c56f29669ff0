"""Work waiting in Redis travels with a backup (csx/serving/backup_tasks.py): the tasks RQ
holds, queued now or scheduled for later, are written beside the database's backup and
queued again by a restore into a Redis that lost them. On a redis-server of the test's own."""

import json
from datetime import UTC, datetime

import django_rq
import pytest
from rq.registry import ScheduledJobRegistry

from bench.cluster import Redis
from csx.api.hooks import announce_went_live
from csx.serving import backup_tasks

AT = "2026-12-07T08:00:00+00:00"
LATER = datetime(2031, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def redis():
    with Redis() as server:
        yield server


@pytest.fixture
def on_rq(redis, settings):
    settings.RQ_QUEUES = {"default": {"URL": redis.url}}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    }
    connection = django_rq.get_connection("default")
    connection.flushdb()
    return connection


def held():
    """What RQ holds: each job's task, arguments and time to run."""
    queue = django_rq.get_queue("default")
    scheduled = ScheduledJobRegistry(queue=queue)
    jobs = [queue.fetch_job(each) for each in [*queue.get_job_ids(), *scheduled.get_job_ids()]]
    return sorted(
        (
            job.func_name,
            tuple(job.args),
            str(scheduled.get_scheduled_time(job)) if job.is_scheduled else None,
        )
        for job in jobs
    )


def test_a_restore_queues_again_the_tasks_redis_lost(on_rq, tmp_path):
    announce_went_live.enqueue("stories.Story", 7, AT)
    announce_went_live.using(run_after=LATER).enqueue("stories.Story", 8, AT)
    before = held()
    assert len(before) == 2
    kept = backup_tasks.backup(tmp_path / "library.sqlite3")
    assert {each["args"][1] for each in json.loads(kept.read_text())} == {7, 8}
    on_rq.flushdb()  # Redis restarted without persistence
    assert backup_tasks.restore(tmp_path / "library.sqlite3") == 2
    assert held() == before


def test_a_restore_leaves_alone_the_tasks_redis_still_holds(on_rq, tmp_path):
    announce_went_live.enqueue("stories.Story", 7, AT)
    backup_tasks.backup(tmp_path / "library.sqlite3")
    assert backup_tasks.restore(tmp_path / "library.sqlite3") == 0
    assert len(held()) == 1


def test_tasks_waiting_in_the_database_are_left_to_its_backup(db, tmp_path):
    assert backup_tasks.backup(tmp_path / "library.sqlite3") is None
    assert not backup_tasks.archive(tmp_path / "library.sqlite3").exists()


def test_a_redis_backup_restores_into_the_database_queue(on_rq, settings, tmp_path, db):
    from django_tasks_db.models import DBTaskResult

    announce_went_live.using(run_after=LATER).enqueue("stories.Story", 9, AT)
    backup_tasks.backup(tmp_path / "library.sqlite3")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    assert backup_tasks.restore(tmp_path / "library.sqlite3") == 1
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"], task.run_after) == (
        "csx.api.hooks.announce_went_live",
        ["stories.Story", 9, AT],
        LATER,
    )
