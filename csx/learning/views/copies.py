"""A trainer's copies of paths: the list with the form to copy one, and one copy's steps,
each timed, annotated, moved or removed toward the target length. Only the trainer's own."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from csx.learning import copies
from csx.learning.forms import CopyForm, StepForm
from csx.learning.models import TrainerCopy
from csx.learning.views.trainer import trainer_required

MOVES = {"up": -1, "down": 1}


def own_copy(request, pk):
    found = TrainerCopy.objects.of(request.user).select_related("path", "original")
    return get_object_or_404(found, pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
@trainer_required
def copy_list(request):
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = copies.make(
            form.cleaned_data["original"],
            request.user,
            form.cleaned_data["target"],
            form.cleaned_data["title"],
        )
        messages.success(request, "Your copy is made: trim it to its length, then assign it.")
        return redirect(made)
    found = TrainerCopy.objects.of(request.user).select_related("path")
    context = {"copies": found, "form": form}
    return render(request, "learning/copy_list.html", context, status=400 if form.errors else 200)


def show_copy(request, copy, forms=None, status=200):
    steps = copies.steps(copy)
    forms = forms or {}
    for step in steps:
        step.form = forms.get(step.pk) or StepForm(
            initial={"minutes": step.minutes, "note": step.trainer_note}, prefix=f"step-{step.pk}"
        )
    total = copies.minutes(copy)
    context = {"copy": copy, "steps": steps, "total": total, "over": total - copy.target}
    return render(request, "learning/copy_detail.html", context, status=status)


@require_safe
@trainer_required
def copy_detail(request, pk):
    return show_copy(request, own_copy(request, pk))


@require_POST
@trainer_required
def copy_step(request, pk, item):
    """One step of a copy: save its minutes and note, move it up or down, or remove it."""
    copy = own_copy(request, pk)
    step = get_object_or_404(copy.path.items, pk=item)
    action = request.POST.get("action", "save")
    if action in MOVES:
        copies.move(copy, step, MOVES[action])
    elif action == "remove":
        copies.remove(copy, step)
    else:
        form = StepForm(request.POST, prefix=f"step-{step.pk}")
        if not form.is_valid():
            return show_copy(request, copy, {step.pk: form}, status=400)
        copies.change(step, form.cleaned_data["minutes"], form.cleaned_data["note"])
    return redirect(f"{copy.get_absolute_url()}#step-{step.pk}")
