"""Signed values that stand in for a session, so that readers need no cookie.

- A ticket lets whoever answered "was this helpful?" add a reason and a comment to that one
  answer: the answer's id and yes/no, signed, in the address the reader comes back to.
- A start stamp is when the share form was shown, signed, for the time check against bots.
"""

import time

from django.core import signing

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
    return signing.Signer(salt=START_SALT).sign(str(int(time.time())))


def seconds_since(stamp):
    """How long ago a start stamp was made, or None if it is forged or broken."""
    try:
        started = int(signing.Signer(salt=START_SALT).unsign(stamp or ""))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - started
