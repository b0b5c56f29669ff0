"""What the reader-feedback tests share: a filled share form and a made submission."""

import time

import time_machine

from csx.feedback import tokens
from csx.feedback.models import Submission

STORY = (
    "The hotel lost my booking at midnight. The night manager found me a room at a sister "
    "hotel, paid for the taxi, and called the next morning to check that I was all right."
)


def started(seconds_ago=60):
    """A start stamp from `seconds_ago` seconds ago: the form was open that long."""
    with time_machine.travel(time.time() - seconds_ago, tick=False):
        return tokens.start_stamp()


def share_form(**changes):
    data = {
        "what_happened": STORY,
        "company": "Grand Hotel",
        "channel": "in_person",
        "went": "well",
        "name": "Sam",
        "email": "sam@example.org",
        "consent": "on",
        "started": started(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_submission(**fields):
    fields.setdefault("what_happened", STORY)
    fields.setdefault("went", Submission.WentWell.WELL)
    fields.setdefault("name", "Sam")
    fields.setdefault("email", "sam@example.org")
    fields.setdefault("consent", True)
    return Submission.objects.create(**fields)
