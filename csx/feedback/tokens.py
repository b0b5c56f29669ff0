"""Signed values that stand in for a session, so that readers need no cookie.

- A ticket lets whoever answered "was this helpful?" add a reason and a comment to that one
  answer: the answer's id and yes/no, signed, in the address the reader comes back to.
- A start stamp is when the share form was shown, signed, for the time check against bots;
  it is good for one post (a bot cannot post many times with a stamp it waited for once):
  used ones are kept in the "ratelimit" cache, shared by every process, for as long as a
  stamp is good.
"""

import secrets
import time

from django.core import signing
from django.core.cache import caches

TICKET_SALT = "csx.feedback.ticket"
TICKET_AGE = 24 * 3600  # seconds a reader has to say more
START_SALT = "csx.feedback.share-started"


def ticket(feedback):
    return signing.dumps({"id": feedback.pk, "helpful": feedback.helpful}, salt=TICKET_SALT)


def read_ticket(value):
    """(feedback id, helpful) from a ticket, or None if it is forged, broken or too old."""
    try:
        data = signing.loads(value or "", salt=TICKET_SALT, max_age=TICKET_AGE)
        return int(data["id"]), bool(data["helpful"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def start_stamp():
    return signing.Signer(salt=START_SALT).sign(f"{int(time.time())}.{secrets.token_hex(8)}")


def seconds_since(stamp):
    """How long ago a start stamp was made, or None if it is forged or broken."""
    try:
        started, _ = signing.Signer(salt=START_SALT).unsign(stamp or "").split(".")
        return time.time() - int(started)
    except (signing.BadSignature, ValueError):
        return None


def first_use(stamp, good_for):
    """Whether this is the first post of `stamp` (a valid one) in the `good_for` seconds
    it is good for; from now on it is used."""
    return caches["ratelimit"].add(f"csx.feedback.stamp:{stamp}", 1, good_for)
