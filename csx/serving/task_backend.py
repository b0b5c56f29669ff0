"""RQ's task backend, with a Redis that cannot take a task answered for: the task waits in
the database instead, and the request that queued it goes on as if nothing had happened.

Every enqueue goes through this process's breaker for the Redis server (csx/serving/outages.py), the
one the caches use. When Redis does not answer, or its breaker is open, the task is queued
in the backend named by FALLBACK (a django-tasks-db DatabaseBackend, settings.TASKS), where
`manage.py worker` runs it beside RQ's worker. The log says so once per outage.

A Redis lost halfway through an enqueue may have kept the job too: the task then runs
twice, which every task allows (csx/serving/tasks.py).
"""

import logging
import time

import django_rq
from django.conf import settings
from django_tasks_rq.backend import RQBackend

from csx.serving import outages

logger = logging.getLogger(__name__)

# The Redis servers (by breaker name) whose tasks now wait in the database: the log says so
# once per outage and process, though each thread has a backend of its own.
AWAY = set()


class RQBackendWithFallback(RQBackend):
    """settings.TASKS backend "csx.serving.task_backend.RQBackendWithFallback"; "FALLBACK":
    the alias of the database backend that takes tasks while Redis cannot."""

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.fallback_alias = params["FALLBACK"]

    def breaker(self, queue_name):
        return outages.redis_breaker(settings.RQ_QUEUES[queue_name]["URL"])

    def enqueue(self, task, args, kwargs):
        breaker = self.breaker(task.queue_name)
        try:
            result = breaker.call(super().enqueue, task, args, kwargs)
        except outages.UNREACHABLE:
            if breaker.name not in AWAY:
                AWAY.add(breaker.name)
                logger.warning(
                    "%s cannot take tasks: they wait in the database until it answers.",
                    breaker.name,
                )
            return task.using(backend=self.fallback_alias).enqueue(*args, **kwargs)
        AWAY.discard(breaker.name)
        return result

    def wait_for_redis(self):
        """Return once Redis answers (`manage.py worker` started while it is away runs the
        tasks waiting in the database meanwhile)."""
        queue = next(iter(self.queues))  # RQ's worker has them all on one Redis
        while True:
            try:
                return self.breaker(queue).call(django_rq.get_connection(queue).ping)
            except outages.UNREACHABLE:
                time.sleep(outages.RETRY_SECONDS)
