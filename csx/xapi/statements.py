"""xAPI statements (1.0.3) for what a learner does: who (actor), did what (verb), to what
(object), in which assignment (context), when (timestamp).

- Actor: by default the learner as an account on this site, `{"homePage": SITE_URL,
  "name": "<their user id>"}`: an LRS holding it learns no name or address, and the id
  survives a changed email. With CSX_XAPI_ACTOR=mbox it is `mailto:<their email>` instead,
  for an LRS that joins these statements to others (an LMS's) by address.
- Verbs: ADL's vocabulary (http://adlnet.gov/expapi/verbs/…): launched, experienced,
  answered, completed. ADL has no verb for acknowledging, so that one is Activity Streams'
  (http://activitystrea.ms/schema/1.0/acknowledge).
- Object: an activity whose id is the item's permanent address on this site: its short link
  (/s/<code>/, which follows it through every rename) when it has one, else its address;
  a path is a course, a path's step a module (its path the parent), anything else a page
  unless the caller says (a knowledge check is an interaction).
- Context: the registration is one UUID per assignment (a cohort's path), made from the
  cohort and path ids, so every statement about walking one assignment shares it.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from csx.paths.models import Path, PathItem

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "experienced": ADL + "experienced",
    "answered": ADL + "answered",
    "completed": ADL + "completed",
    "acknowledged": "http://activitystrea.ms/schema/1.0/acknowledge",
}
COURSE = "http://adlnet.gov/expapi/activities/course"
MODULE = "http://adlnet.gov/expapi/activities/module"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PAGE = "http://activitystrea.ms/schema/1.0/page"
LANGUAGE = "en-US"  # as ADL and Ralph's verb models write the verbs' display
PLATFORM = "CSX Library"


@dataclass(frozen=True)
class Activity:
    id: str
    name: str
    type: str = PAGE

    def as_object(self):
        return {
            "objectType": "Activity",
            "id": self.id,
            "definition": {"name": {LANGUAGE: self.name[:500]}, "type": self.type},
        }


def address(item):
    """The item's permanent address on this site, in full."""
    short = getattr(item, "get_short_url", None)
    return settings.SITE_URL + ((short and short()) or item.get_absolute_url())


def step_activity(path, step):
    """A path's step: its address within the path (`path` given, so as not to fetch it)."""
    return Activity(
        settings.SITE_URL + path.get_step_url(step.number), f"{path.title}: {step.target}", MODULE
    )


def activity(item, type=None):
    """The Activity for a path, a path's step or any item with an address."""
    if isinstance(item, PathItem):
        return step_activity(item.path, item)
    if isinstance(item, Path):
        return Activity(address(item), item.title, COURSE)
    return Activity(address(item), str(getattr(item, "title", item)), type or PAGE)


def actor(user):
    if settings.XAPI_ACTOR == "mbox" and user.email:
        return {"objectType": "Agent", "mbox": f"mailto:{user.email}"}
    return {"objectType": "Agent", "account": {"homePage": settings.SITE_URL, "name": str(user.pk)}}


def registration(cohort_id, path_id):
    """One assignment's registration: the same UUID for every statement about it."""
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/#cohort-{cohort_id}-path-{path_id}")
    )


def statement(user, verb, activity, *, parent=None, assignment=None, result=None):
    """The statement (a dict, ready for JSON) that `user` did `verb` (a key of VERBS) to
    `activity`, within `parent` (an Activity) and `assignment` ((cohort id, path id))."""
    context = {"platform": PLATFORM, "language": LANGUAGE}
    if parent is not None:
        context["contextActivities"] = {"parent": [parent.as_object()]}
    if assignment is not None:
        context["registration"] = registration(*assignment)
    made = {
        "id": str(uuid.uuid4()),
        "actor": actor(user),
        "verb": {"id": VERBS[verb], "display": {LANGUAGE: verb}},
        "object": activity.as_object(),
        "context": context,
        "timestamp": timezone.now().isoformat(),
    }
    if result:
        made["result"] = result
    return made
