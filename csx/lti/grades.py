"""Assignment and Grade Services: scores go to the LMS's gradebook from a background task,
never from the request that earned them, and are tried again when the LMS is away.

`send_score(learner, path, score, maximum)` is the one way in: a path finished (all its
steps done, below) sends 1 out of 1; a knowledge check can send its own score the same way.
It sends to every line item the learner launched that path from (GradeLink, kept at launch
by csx/lti/launches.py); a learner who never came from an LMS sends nothing.

The task (`deliver`) asks the platform for an access token (the tool's signed JWT, OAuth 2
client credentials) and posts the score to the line item's /scores. A refusal, a timeout or
an error answer is tried again after csx/serving/mail.py's back-offs (1 and 10 minutes, 1, 6
and 24 hours), then the task fails and shows so. A score carries its timestamp, so a retried
or repeated one is the same score to the LMS.
"""

import logging

import requests
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django_tasks import task
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from csx.learning.models import StepDone
from csx.lti import platforms
from csx.lti.models import GradeLink
from csx.paths.models import PathItem
from csx.serving import tasks
from csx.serving.mail import BACK_OFF

logger = logging.getLogger(__name__)
TIMEOUT = 20  # seconds for each request to the platform


class TimedSession(requests.Session):
    """pylti1p3's requests carry no timeout; a platform that hangs must not hold a worker."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(*args, **kwargs)


def send_score(learner, path, score, maximum, comment=""):
    """Queue `score` out of `maximum` for `learner` on `path` to each LMS line item it was
    launched from; returns how many were queued. Call it inside or outside a transaction."""
    links = GradeLink.objects.filter(account__user=learner, path=path).values_list("pk", flat=True)
    completed = score >= maximum
    at = timezone.now().isoformat()
    for pk in links:
        tasks.enqueue(deliver, pk, float(score), float(maximum), completed, comment, at)
    return len(links)


@task()
def deliver(pk, score, maximum, completed, comment, at, tries=0):
    """Post one score to the line item of GradeLink `pk` (safe to run twice: same timestamp)."""
    link = GradeLink.objects.select_related("account__platform").filter(pk=pk).first()
    if link is None:
        return
    platform = link.account.platform
    registration = platforms.tool_conf().find_registration_by_params(
        platform.issuer, platform.client_id
    )
    grade = (
        Grade()
        .set_score_given(score)
        .set_score_maximum(maximum)
        .set_timestamp(at)
        .set_activity_progress("Completed" if completed else "Submitted")
        .set_grading_progress("FullyGraded")
        .set_user_id(link.account.sub)
    )
    if comment:
        grade.set_comment(comment)
    service = AssignmentsGradesService(ServiceConnector(registration, TimedSession()), link.service)
    try:
        service.put_grade(grade)
    except (LtiException, requests.RequestException, ValueError) as error:
        if tries >= len(BACK_OFF):
            raise
        retry_at = timezone.now() + BACK_OFF[tries]
        logger.warning(
            "The LMS did not take a score (%s); tried again at %s.", error, retry_at.isoformat()
        )
        tasks.enqueue(
            deliver.using(run_after=retry_at), pk, score, maximum, completed, comment, at, tries + 1
        )


def finished(learner, path):
    """Whether `learner` has marked every step of `path` readers see done."""
    steps = PathItem.objects.published().filter(path=path)
    count = steps.count()
    done = StepDone.objects.filter(learner=learner, item__in=steps).count()
    return count > 0 and done == count


def step_done(sender, instance, created, **kwargs):
    if not created:
        return
    item = instance.item
    learner = instance.learner

    def check():
        linked = GradeLink.objects.filter(account__user=learner, path_id=item.path_id).exists()
        if linked and finished(learner, item.path):
            send_score(learner, item.path, 1, 1)

    transaction.on_commit(check, robust=True)


def connect():
    post_save.connect(step_done, sender=StepDone, dispatch_uid="lti-grades-step-done")
