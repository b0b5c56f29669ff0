"""Background tasks: one mechanism for the whole project (webhook deliveries now; emails,
xAPI statements and link checks as they come).

Django's tasks framework (the django-tasks backport until Django 6): a task is a function
decorated with `@task()`, queued with `enqueue()` below, run by `manage.py worker`. Where
tasks wait is settings.TASKS:

- by default, in this database (django-tasks-db): nothing else to run, and a task queued
  inside a transaction is queued exactly when the change it follows is committed;
- with REDIS_URL set, in Redis through RQ (django-tasks-rq): queued once the transaction
  commits; `manage.py worker` then runs an RQ worker. A task Redis cannot take (it is
  away) waits in this database instead, in the "fallback" backend
  (csx/serving/task_backend.py), which the same worker runs in a thread beside RQ's.

A worker killed mid-task loses nothing on the database (either backend): a worker names
itself after its host and process; one that starts finds the tasks marked running by
processes of its host that are gone, or running for longer than LEASE anywhere, and makes
them ready to run again. So a task may run more than once: each must be safe to repeat (a
webhook carries its id; receivers drop repeats). On RQ, a job whose worker was killed is
marked failed by RQ once its timeout passes, and is not run again by itself (a webhook's
delivery then stays pending for "Deliver again").
"""

import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db import DatabaseBackend

LEASE = timedelta(minutes=15)  # no task runs longer than this: a worker elsewhere died


def in_database(task):
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue(task, *args):
    """Queue `task(*args)` to run once the current transaction (if any) commits."""
    if in_database(task):
        return task.enqueue(*args)  # a row in the same transaction: committed with it
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)
    return None


def worker_id():
    """This process's name among workers: "<host>:<pid>"."""
    return f"{socket.gethostname()[:48]}:{os.getpid()}"


def is_gone(worker):
    """Whether the worker named `worker` was a process of this host that has ended."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname()[:48] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a live process of another user
        return False
    return False


def recover(backend_name="default"):
    """Make the tasks that workers left running when they died ready to run again; returns
    how many."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    stale = timezone.now() - LEASE
    orphans = [
        task.pk
        for task in running.only("pk", "worker_ids", "started_at")
        if (task.worker_ids and is_gone(task.worker_ids[-1]))
        or (task.started_at and task.started_at < stale)
    ]
    return running.filter(pk__in=orphans).update(status=TaskResultStatus.READY, started_at=None)
