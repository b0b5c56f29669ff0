"""Run background tasks (csx/serving/tasks.py): `manage.py worker`, beside the app servers, on any
machine that reaches the same database (or, with REDIS_URL, the same Redis)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
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
        if not isinstance(backend, tasks.DatabaseBackend):
            rq = ["rqworker", *backend.queues, "--job-class", "django_tasks_rq.Job"]
            call_command(*rq, *(["--burst"] if batch else ["--with-scheduler"]))
            return
        from django_tasks_db.management.commands.db_worker import Worker

        recovered = tasks.recover(backend.alias)
        if recovered and verbosity:
            self.stdout.write(f"{recovered} task(s) a stopped worker left running: queued again.")
        worker = Worker(
            queue_names=list(backend.queues),
            interval=interval,
            batch=batch,
            backend_name=backend.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id=tasks.worker_id(),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
