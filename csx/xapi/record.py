"""What learners do, recorded as xAPI statements: the one call each place makes.

    call                                         from
    -------------------------------------------  -------------------------------------------
    launched(user, item)                         an LTI launch into `item` (csx/lti/views.py)
    experienced(user, course, step)              a learner's step page (learning/views/learner.py)
    answered(user, question, response=, ...)     a knowledge check answered (the signal
                                                 check_answered, learning/checks/answering.py)
    completed(user, path)                        a path's last step done (the signal
                                                 path_finished, learning/progress.py)
    acknowledged(user, item)                     a learner acknowledged having read `item` (the
                                                 signal acknowledged, learning/acknowledgements.py)

Each writes one row to the outbox (csx/xapi/models.py) in the request's own transaction and
queues the task that sends it (csx/xapi/sending.py): nothing waits on the LRS. With
CSX_XAPI_ENDPOINT unset each returns None at once: nothing is recorded, no query is made.
"""

import uuid

from django.conf import settings

from csx.learning.models import Assignment
from csx.paths.models import Path, PathItem
from csx.serving import tasks
from csx.xapi import sending
from csx.xapi import statements as made
from csx.xapi.models import Statement


def enabled():
    return bool(settings.XAPI_ENDPOINT)


def record(user, verb, activity, *, path=None, parent=None, result=None):
    """Write `user` did `verb` to `activity` (within `path`'s assignment, under `parent`) to
    the outbox, and queue its sending; the row, or None when xAPI is off."""
    if not enabled() or not user.is_authenticated:
        return None
    assignment = None
    if path is not None:
        cohort = Assignment.objects.for_learner(user).filter(path=path).order_by("pk")
        cohort = cohort.values_list("cohort_id", flat=True).first()
        assignment = None if cohort is None else (cohort, path.pk)
    body = made.statement(user, verb, activity, parent=parent, assignment=assignment, result=result)
    row = Statement.objects.create(id=uuid.UUID(body["id"]), learner=user, verb=verb, body=body)
    tasks.enqueue(sending.send)
    return row


def path_of(item):
    """The path whose assignment a statement about `item` belongs to, if any."""
    if isinstance(item, PathItem):
        return item.path
    return item if isinstance(item, Path) else None


def launched(user, item):
    """An LTI launch brought `user` to `item` (a path, a path's step or any item)."""
    return record(user, "launched", made.activity(item), path=path_of(item))


def experienced(user, course, step):
    """`user` opened `step` of their `course` (csx/learning/progress.py's Course)."""
    if not enabled():
        return None
    activity = made.step_activity(course.path, step)
    parent = made.activity(course.path)
    return record(user, "experienced", activity, path=course.path, parent=parent)


def answered(user, check, *, response, success=None, score=None, step=None):
    """`user` answered `check`, a question of a knowledge check (csx/learning/checks)
    with `response` (text); `success` whether it was right, `score` a scaled score (0 to 1);
    `step` the path's step it belongs to, if any."""
    if not enabled():
        return None
    result = {"response": str(response)[:2000]}
    if success is not None:
        result["success"] = bool(success)
    if score is not None:
        result["score"] = {"scaled": round(float(score), 4)}
    path = step.path if step is not None else None
    parent = activity = None
    if step is not None:
        # A question has no page of its own: it is a part of its step's.
        parent = made.step_activity(path, step)
        name = getattr(check, "prompt", None) or str(check)
        activity = made.Activity(f"{parent.id}#question-{check.pk}", name, made.INTERACTION)
    else:
        activity = made.activity(check, made.INTERACTION)
    return record(user, "answered", activity, path=path, parent=parent, result=result)


def completed(user, path):
    """`user` has done every step of `path`."""
    result = {"completion": True}
    return record(user, "completed", made.activity(path), path=path, result=result)


def acknowledged(user, item):
    """`user` acknowledged having read `item` (a path, a path's step or any item)."""
    return record(user, "acknowledged", made.activity(item), path=path_of(item))


def connect():
    """Hear what learners do where it happens (csx/learning, csx/lti): each signal carries
    the learner and what they did, sent once the change is committed."""
    from csx.learning import progress
    from csx.learning.acknowledgements import acknowledged as acknowledging
    from csx.learning.checks.answering import check_answered

    progress.path_finished.connect(
        lambda sender, learner, path, **kw: completed(learner, path), weak=False,
        dispatch_uid="xapi-completed",
    )  # fmt: skip
    check_answered.connect(
        lambda sender, learner, question, attempt, **kw: answered(
            learner, question, response=", ".join(attempt.chosen), success=attempt.correct,
            step=attempt.step,
        ),
        weak=False, dispatch_uid="xapi-answered",
    )  # fmt: skip
    acknowledging.connect(
        lambda sender, learner, item, **kw: acknowledged(learner, item), weak=False,
        dispatch_uid="xapi-acknowledged",
    )  # fmt: skip
