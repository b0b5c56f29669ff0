"""People and cohorts for the learning tests (csx/learning)."""

import datetime

from django.contrib.auth.models import Group, User
from django.utils import timezone

from csx.learning import roles
from csx.learning.models import Assignment, Cohort, StepDone
from tests.factories import make_path, make_principle, make_story

PASSWORD = "a-long-test-password"


def person(username, group=None, **fields):
    user = User.objects.create_user(username, password=PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def trainer(username="tess"):
    """The trainer called `username`, made the first time it is asked for."""
    found = User.objects.filter(username=username).first()
    return found or person(username, roles.TRAINERS, first_name="Tess")


def learner(username="lee@example.com"):
    return person(username, roles.LEARNERS, email=username)


def three_step_path(slug="first-week", title="First week on the desk"):
    """A published path of three steps: two stories and a principle (composite content)."""
    return make_path(
        [
            make_story(title=f"{title}: a composite story", slug=f"{slug}-story"),
            make_principle(title=f"{title}: a principle", slug=f"{slug}-principle"),
            make_story(title=f"{title}: another composite story", slug=f"{slug}-story-2"),
        ],
        slug=slug,
        title=title,
    )


def cohort_with(learners, paths, due=None, name="March new hires", by=None):
    cohort = Cohort.objects.create(name=name, trainer=by or trainer())
    cohort.learners.add(*learners)
    for path in paths:
        Assignment.objects.create(cohort=cohort, path=path, due=due)
    return cohort


def mark_done(user, path, count):
    """Mark the first `count` steps of `path` done for `user`."""
    for item in list(path.steps())[:count]:
        StepDone.objects.create(learner=user, item=item)


TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
