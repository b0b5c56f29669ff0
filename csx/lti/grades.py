"""Assignment and Grade Services: scores go to the LMS's gradebook from a background task,
never from the request that earned them, and are tried again when the LMS is away.

`send_score(learner, path, score, maximum)` is the one way in. A path finished (its last
step done: csx/learning/progress.py's `path_finished`) sends the questions of its knowledge
checks answered right at the learner's latest attempt out of those asked, or 1 out of 1 for
a path that asks none, as completed.
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
from django.utils import timezone
from django_tasks import task
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from csx.learning import progress
from csx.learning.checks import results
from csx.lti import platforms
from csx.lti.models import GradeLink
from csx.serving import tasks
from csx.serving.mail import BACK_OFF

logger = logging.getLogger(__name__)


def send_score(learner, path, score, maximum, comment="", completed=None):
    """Queue `score` out of `maximum` for `learner` on `path` to each LMS line item it was
    launched from; returns how many were queued. Call it inside or outside a transaction.
    `completed`: whether the learner has finished (by default, whether the score is full)."""
    links = GradeLink.objects.filter(account__user=learner, path=path).values_list("pk", flat=True)
    completed = score >= maximum if completed is None else completed
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
    try:
        with platforms.TimedSession() as session:
            connector = ServiceConnector(registration, session)
            AssignmentsGradesService(connector, link.service).put_grade(grade)
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


def path_finished(sender, learner, path, **kwargs):
    right, asked = results.score(learner, path)
    if asked:
        send_score(learner, path, right, asked, completed=True)
    else:
        send_score(learner, path, 1, 1)


def connect():
    progress.path_finished.connect(path_finished, dispatch_uid="lti-grades-path-finished")
