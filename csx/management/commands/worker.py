"""Run background tasks (csx/serving/tasks.py): `manage.py worker`, beside the app servers, on any
machine that reaches the same database (or, with REDIS_URL, the same Redis).

On RQ, the worker also runs the tasks queued in the database while Redis was away (the
"fallback" backend): in a thread beside RQ's worker, which keeps the main thread because
signal handlers can only be set there. Stopping RQ's worker stops both. A worker started
while Redis is away runs the database's tasks until Redis answers, then RQ's worker too."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from django_tasks import task_backends

from csx.serving import tasks


class Command(BaseCommand):
    help = "Run background tasks (webhook deliveries) as they are queued; stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at the queue."
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued, then stop (cron, tests)."
        )

    def handle(self, *args, interval, batch, verbosity, **options):
        backend = task_backends["default"]
        if isinstance(backend, tasks.DatabaseBackend):
            worker = self.database_worker(backend, interval, batch, verbosity)
            worker.configure_signals()
            worker.run()
            return
        fallback = self.database_worker(
            task_backends[backend.fallback_alias], interval, batch, verbosity
        )
        thread = threading.Thread(target=run_in_thread, args=[fallback], daemon=True)
        thread.start()
        try:
            if not batch:  # a batch runs what can be run now
                backend.wait_for_redis()
            rq = ["rqworker", *backend.queues, "--job-class", "django_tasks_rq.Job"]
            call_command(*rq, *(["--burst"] if batch else ["--with-scheduler"]))
        finally:
            if not batch:  # a batch runs what the database holds to the end
                fallback.running = False
            thread.join()

    def database_worker(self, backend, interval, batch, verbosity):
        from django_tasks_db.management.commands.db_worker import Worker

        recovered = tasks.recover(backend.alias)
        if recovered and verbosity:
            self.stdout.write(f"{recovered} task(s) a stopped worker left running: queued again.")
        return Worker(
            queue_names=list(backend.queues),
            interval=interval,
            batch=batch,
            backend_name=backend.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id=tasks.worker_id(),
            excluded_queue_names=[],
        )


def run_in_thread(worker):
    try:
        worker.run()
    finally:
        connections.close_all()  # this thread's own
