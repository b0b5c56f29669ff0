"""A learner presses "I have read and understood" on a step or a path page of their own
(the rules: csx/learning/acknowledgements.py); back to the page, which then says so."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from csx.learning import acknowledgements
from csx.learning.views.learner import own_course, step_of


def confirm(request, item, back):
    try:
        seen = int(request.POST.get("edition", ""))
    except ValueError as error:
        raise BadRequest("The form names no version to confirm: reload the page.") from error
    try:
        acknowledgements.acknowledge(request.user, item, seen)
    except acknowledgements.NotAsked as error:
        raise Http404("This does not ask for confirmation.") from error
    except acknowledgements.ChangedMeanwhile:
        messages.warning(
            request,
            "It changed again while you were reading: read what is different now, then confirm.",
        )
    return redirect(back)


@require_POST
@never_cache
@login_required
def confirm_step(request, slug, number):
    step = step_of(own_course(request, slug), number)
    return confirm(request, step.target, reverse("learning:course_step", args=[slug, number]))


@require_POST
@never_cache
@login_required
def confirm_path(request, slug):
    course = own_course(request, slug)
    return confirm(request, course.path, reverse("learning:course_detail", args=[slug]))
