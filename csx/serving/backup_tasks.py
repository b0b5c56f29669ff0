"""The background tasks waiting in Redis, kept with a backup and queued again by a restore.

A task queued on RQ (csx/serving/tasks.py) lives in Redis until a worker runs it, so a backup
of the database alone would lose the work still to do: the emails, webhook deliveries and
link checks queued but not yet sent. `backup()` writes each waiting task (queued or
scheduled for later) as its task's path, arguments and time to run to `<backup>.tasks.json`;
`restore()` queues each again through the tasks framework, on whichever backend the library
now uses, unless Redis still holds it. Tasks waiting in the database are rows in its backup.
"""

import json
from datetime import datetime
from pathlib import Path

from django.utils.module_loading import import_string
from django_tasks import task_backends


def archive(path):
    """Where the waiting tasks of the backup at `path` go."""
    path = Path(path)
    return path.with_name(f"{path.name}.tasks.json")


def on_redis():
    from django_tasks_rq.backend import RQBackend

    return isinstance(task_backends["default"], RQBackend)


def waiting():
    """Every task RQ holds that has not run: its id, task, arguments and time to run."""
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.registry import ScheduledJobRegistry

    for queue_name in task_backends["default"].queues:
        queue = django_rq.get_queue(queue_name, job_class=Job)
        scheduled = ScheduledJobRegistry(queue=queue)
        for job_id in [*queue.get_job_ids(), *scheduled.get_job_ids()]:
            job = queue.fetch_job(job_id)
            if job is None:  # ran (or expired) between the listing and now
                continue
            run_after = scheduled.get_scheduled_time(job) if job.is_scheduled else None
            yield {
                "id": job.id,
                "task": job.func_name,
                "queue": queue_name,
                "args": list(job.args),
                "kwargs": job.kwargs,
                "run_after": run_after.isoformat() if run_after else None,
            }


def backup(path):
    """The tasks waiting in Redis, written beside the backup at `path`; returns the file,
    or None when tasks wait in the database (its backup holds them)."""
    if not on_redis():
        return None
    target = archive(path)
    target.write_text(json.dumps(list(waiting()), indent=1))
    return target


def restore(path):
    """The tasks kept beside the backup at `path` queued again (those Redis no longer
    holds); returns how many, or None when the backup kept none."""
    source = archive(path)
    if not source.exists():
        return None
    still_held = {each["id"] for each in waiting()} if on_redis() else set()
    queued = 0
    for each in json.loads(source.read_text()):
        if each["id"] in still_held:
            continue
        task = import_string(each["task"]).using(queue_name=each["queue"])
        if each["run_after"]:
            task = task.using(run_after=datetime.fromisoformat(each["run_after"]))
        task.enqueue(*each["args"], **each["kwargs"])
        queued += 1
    return queued
