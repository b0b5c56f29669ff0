"""A learner's own pages: "My learning", an assigned path, one of its steps, answering its
knowledge check, marking it done. Each shows only the signed-in person's own records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from csx.learning import progress, roles
from csx.learning.checks import answering
from csx.paths.models import PathItem
from csx.xapi import record


def own_course(request, slug):
    course = progress.course(request.user, slug)
    if course is None:
        raise Http404("No path of yours is at this address.")
    return course


def step_of(course, number):
    step = next((step for step in course.steps if step.number == number), None)
    if step is None:
        raise Http404("This path has no such step.")
    return step


@require_safe
@never_cache
@login_required
def my_learning(request):
    context = {"courses": progress.courses(request.user), "trainer": roles.is_trainer(request.user)}
    return render(request, "learning/my_learning.html", context)


@require_safe
@never_cache
@login_required
def course_detail(request, slug):
    return render(request, "learning/course_detail.html", {"course": own_course(request, slug)})


def show_step(request, course, step, form=None, status=200):
    PathItem.show_targets_in_full([step])
    position = course.position(step)
    questions = course.checks.get(step.pk, [])
    last = answering.last_answers(request.user, questions) if questions else {}
    answers = [(q, last.get(q.pk), answering.feedback(q, last[q.pk]) if q.pk in last else None)
               for q in questions]  # fmt: skip
    context = {
        "course": course,
        "item": step,
        "position": position,
        "previous_item": course.steps[position - 2] if position > 1 else None,
        "next_item": course.steps[position] if position < course.count else None,
        "answers": answers,
        "answered": bool(last) and len(last) == len(questions),
        "check_form": form or (answering.CheckForm(questions) if questions else None),
    }
    return render(request, "learning/course_step.html", context, status=status)


@require_safe
@never_cache
@login_required
def course_step(request, slug, number):
    course = own_course(request, slug)
    step = step_of(course, number)
    if request.method == "GET":  # a HEAD (a link checker, a preview) is not a reading
        record.experienced(request.user, course, step)
    return show_step(request, course, step)


@require_POST
@never_cache
@login_required
def step_check(request, slug, number):
    """Answer the step's knowledge check: every attempt is kept, and the page shows which
    answers were right and why."""
    course = own_course(request, slug)
    step = step_of(course, number)
    questions = course.checks.get(step.pk, [])
    if not questions:
        raise Http404("This step has no knowledge check.")
    form = answering.CheckForm(questions, request.POST)
    if not form.is_valid():
        return show_step(request, course, step, form, status=400)
    was_open = not answering.all_answered(request.user, questions)
    attempts = answering.answer(request.user, step, form)
    if was_open and step.pk in course.marked:  # marked done before: done only now
        progress.progressed(request.user, step)
    right = sum(a.correct for a in attempts)
    messages.info(request, f"{right} of {len(attempts)} right: see why below each question.")
    return redirect(f"{request.path.removesuffix('check/')}#check")


@require_POST
@never_cache
@login_required
def step_done(request, slug, number):
    """Mark a step done (or, with done=0, not done), then go on to the next step not done."""
    course = own_course(request, slug)
    step = step_of(course, number)
    done = request.POST.get("done", "1") != "0"
    progress.mark(request.user, step, done)
    if done and not course.check_answered(step):
        messages.info(request, "Marked done: answer the check to finish this step.")
        url = reverse("learning:course_step", kwargs={"slug": slug, "number": step.number})
        return redirect(f"{url}#check")
    course.done = course.done | {step.pk} if done else course.done - {step.pk}
    following = course.next_step if done else step
    if following is None:
        return redirect("learning:course_detail", slug=slug)
    return redirect("learning:course_step", slug=slug, number=following.number)
