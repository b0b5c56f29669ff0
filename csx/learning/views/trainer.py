"""A trainer's pages: their cohorts, a new cohort, one cohort with its learners, invitations
and assigned paths, and one assigned path's report (each learner step by step, each
question's results) with its CSV. A trainer sees their own cohorts only: another's answers
404."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from csx.learning import invitations, progress, report, roles
from csx.learning.forms import AssignForm, CohortForm, InviteForm
from csx.learning.models import Assignment, Cohort

PER_PAGE = 20


def trainer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not roles.is_trainer(request.user):
            return render(request, "learning/not_a_trainer.html", status=403)
        return view(request, *args, **kwargs)

    return never_cache(login_required(wrapped))


def own_cohort(request, pk):
    return get_object_or_404(Cohort.objects.trained_by(request.user), pk=pk)


@require_safe
@trainer_required
def cohort_list(request):
    cohorts = Cohort.objects.trained_by(request.user).prefetch_related("learners", "paths")
    try:
        page = Paginator(cohorts, PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404("No such page of cohorts.") from error
    return render(request, "learning/cohort_list.html", {"page_obj": page, "cohorts": page})


@require_http_methods(["GET", "HEAD", "POST"])
@trainer_required
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.trainer = request.user
        cohort = form.save()
        messages.success(request, f"{cohort.name} is made: invite people and assign paths.")
        return redirect(cohort)
    return render(request, "learning/cohort_form.html", {"form": form})


def show_cohort(request, cohort, invite_form=None, assign_form=None, status=200):
    context = {
        "cohort": cohort,
        "table": progress.cohort_table(cohort),
        "pending": cohort.invitations.pending(),
        "invite_form": invite_form or InviteForm(),
        "assign_form": assign_form or AssignForm(cohort=cohort),
    }
    return render(request, "learning/cohort_detail.html", context, status=status)


@require_safe
@trainer_required
def cohort_detail(request, pk):
    return show_cohort(request, own_cohort(request, pk))


@require_POST
@trainer_required
def invite(request, pk):
    cohort = own_cohort(request, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return show_cohort(request, cohort, invite_form=form, status=400)
    sent = invitations.invite(cohort, form.cleaned_data["emails"], request.user)
    skipped = len(form.cleaned_data["emails"]) - len(sent)
    note = f" ({skipped} had joined already)" if skipped else ""
    people = "1 person" if len(sent) == 1 else f"{len(sent)} people"
    messages.success(request, f"Invitations on their way to {people}{note}.")
    return redirect(cohort)


@require_POST
@trainer_required
def assign(request, pk):
    cohort = own_cohort(request, pk)
    form = AssignForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return show_cohort(request, cohort, assign_form=form, status=400)
    assignment = form.save()
    messages.success(request, f"{assignment.path.title} is assigned to {cohort.name}.")
    return redirect(cohort)


def own_report(request, pk, assignment):
    """(the cohort, the Report of its assignment `assignment`): the trainer's own, of a path
    learners can walk, or a 404."""
    cohort = own_cohort(request, pk)
    found = Assignment.objects.filter(cohort=cohort).select_related("path")
    made = report.report(cohort, get_object_or_404(found, pk=assignment))
    if made is None:
        raise Http404("This path is no longer there to walk.")
    return cohort, made


@require_safe
@trainer_required
def assignment_report(request, pk, assignment):
    cohort, made = own_report(request, pk, assignment)
    return render(request, "learning/assignment_report.html", {"cohort": cohort, "report": made})


@require_safe
@trainer_required
def assignment_csv(request, pk, assignment):
    cohort, made = own_report(request, pk, assignment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{cohort.name} {made.assignment.path.slug}"
    filename = "".join(c if c.isalnum() else "-" for c in name).strip("-").lower()
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    report.write_csv(response, made)
    return response
