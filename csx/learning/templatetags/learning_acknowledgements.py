"""{% confirmation_panel course step %} on a learner's step (or path) page, and
{% confirmations_due course %} on My learning: "I have read and understood", as the
learner stands with it (csx/learning/acknowledgements.py). Two queries each."""

from django import template
from django.urls import reverse

from csx.learning import acknowledgements

register = template.Library()


@register.inclusion_tag("learning/acknowledgement.html", takes_context=True)
def confirmation_panel(context, course, step=None):
    item = course.path if step is None else step.target
    found = acknowledgements.standings(context["request"].user, [item])
    standing = found.get(acknowledgements.key(item))
    if standing is None:
        return {"standing": None}
    if step is None:
        action = reverse("learning:confirm_path", args=[course.path.slug])
    else:
        action = reverse("learning:confirm_step", args=[course.path.slug, step.number])
    changes = None
    if standing.changed:
        changes = acknowledgements.changes_since(standing.acknowledgement, item)
    return {
        "standing": standing,
        "changes": changes,
        "action": action,
        "csrf_token": context.get("csrf_token"),
        "what": "path" if step is None else item._meta.verbose_name,
    }


@register.inclusion_tag("learning/acknowledgements_due.html", takes_context=True)
def confirmations_due(context, course):
    """What of `course` waits for the learner's confirmation: changed since they confirmed
    it first, then not confirmed yet. Read once for every course the page lists (its
    `courses`), so the page costs the same queries for three paths as for one."""
    request = context["request"]
    found = getattr(request, "csx_standings", None)
    if found is None:
        courses = context.get("courses") or [course]
        items = [item for each in courses for item in (each.path, *targets(each))]
        found = request.csx_standings = acknowledgements.standings(request.user, items)
    entries = []
    whole = found.get(acknowledgements.key(course.path))
    if whole is not None and not whole.confirmed:
        url = reverse("learning:course_detail", args=[course.path.slug]) + "#acknowledgement"
        entries.append((course.path.title, url, whole))
    for step in course.steps:
        standing = found.get(acknowledgements.key(step.target))
        if standing is not None and not standing.confirmed:
            url = reverse("learning:course_step", args=[course.path.slug, step.number])
            entries.append((step.target.title, f"{url}#acknowledgement", standing))
    entries.sort(key=lambda entry: not entry[2].changed)
    return {"entries": entries}


def targets(course):
    return [step.target for step in course.steps]


@register.inclusion_tag("learning/cohort_acknowledgements.html")
def cohort_confirmations(cohort, assignments):
    """On a trainer's cohort page: who confirmed which edition of what asks, in the cohort's
    assigned paths."""
    columns, rows = acknowledgements.for_cohort(cohort, [a.path for a in assignments])
    return {"columns": columns, "rows": rows}
