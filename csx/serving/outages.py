"""A service the library can run without (Redis) going away: each process stops asking it
for a few seconds at a time, and says so in the log once per outage, not once per request.

One circuit breaker (pybreaker) per service per process. The first failed call opens it:
for RETRY_SECONDS every call fails at once (CircuitBreakerError) without touching the
network, so a Redis that hangs costs one timeout, not one per request. Then one call tries
again; if it answers, the breaker closes and `recovered` is sent, with no restart. The log
gets one warning when a service goes, one line a minute while it stays away, and one when it
is back.
"""

import logging
import time
from urllib.parse import urlsplit

import pybreaker
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
STILL_AWAY_SECONDS = 60  # how often the log says a service is still away

# What "cannot be reached" looks like: Redis's own errors and the socket's, and an open
# breaker. Anything else (a key that is not a number for incr) is the caller's business.
UNREACHABLE = (RedisError, OSError, pybreaker.CircuitBreakerError)

# Sent once a process finds a service back (sender: the service's name): what was written
# while it was away is not in it.
recovered = Signal()


class Narrator(pybreaker.CircuitBreakerListener):
    """Tells the log when a service goes away, now and then while it stays away, and when
    it is back."""

    def __init__(self):
        self.away_since = None
        self.last_told = 0.0

    def state_change(self, breaker, old, new):
        now = time.monotonic()
        if new.name == pybreaker.STATE_OPEN and self.away_since is None:
            self.away_since = self.last_told = now
            logger.warning(
                "%s is unreachable: serving without it, trying again every %d s.",
                breaker.name, RETRY_SECONDS,
            )  # fmt: skip
        elif new.name == pybreaker.STATE_OPEN and now - self.last_told >= STILL_AWAY_SECONDS:
            self.last_told = now
            logger.warning("%s is still unreachable (%.0f s).", breaker.name, now - self.away_since)
        elif new.name == pybreaker.STATE_CLOSED and self.away_since is not None:
            logger.warning("%s is back after %.0f s.", breaker.name, now - self.away_since)
            self.away_since = None
            recovered.send(sender=breaker.name)


BREAKERS = {}


def breaker(name):
    """This process's breaker for the service called `name` (one for every cache alias
    that uses it)."""
    if name not in BREAKERS:
        BREAKERS[name] = pybreaker.CircuitBreaker(
            fail_max=1,
            reset_timeout=RETRY_SECONDS,
            exclude=[lambda error: not isinstance(error, UNREACHABLE)],
            listeners=[Narrator()],
            name=name,
        )
    return BREAKERS[name]


def redis_breaker(url):
    """This process's breaker for the Redis server at `url`: one for the caches and the task
    queue it holds, so one outage is noticed, and told, once."""
    where = urlsplit(url)
    return breaker(f"Redis at {where.hostname}:{where.port or 6379}")
