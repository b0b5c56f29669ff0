"""Onboarding paths: every path, one path with its steps, one step at a time, the handouts
(the trainer's and the learners'), and present mode (a path, or a single story, as slides
for a room)."""

from functools import cache as cache_for_request
from functools import partial

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from csx.content import permalinks
from csx.paths import cartridge
from csx.paths.models import Path, PathItem
from csx.public.generic import ContentDetailView
from csx.serving import reuse
from csx.serving.http import without_empty_parameters
from stories.models import Story

# The session lengths the list filters by (`?minutes=45`: the paths that fit in 45 minutes);
# the seed has a path of each length (fixtures/paths.json).
LENGTHS = {"30": "Up to 30 minutes", "45": "Up to 45 minutes", "60": "Up to an hour"}


@require_safe
@without_empty_parameters
def path_list(request):
    asked = request.GET.get("minutes", "")
    context = {"lengths": LENGTHS, "asked": asked, "chosen": LENGTHS.get(asked)}
    if asked and asked not in LENGTHS:
        return render(request, "paths/path_list.html", {**context, "error": True}, status=400)

    def paths():
        found = Path.objects.published().with_step_count().with_first_step().with_minutes()
        return list(found.fitting(int(asked)) if asked else found)

    # Built only if the list is drawn, not when its fragment is kept: building the query
    # (the steps' visibility across four types) costs more than running it.
    return render(request, "paths/path_list.html", {**context, "paths": SimpleLazyObject(paths)})


class PathDetail(ContentDetailView):
    model = Path
    page_template = "paths/path_page.html"

    def get_queryset(self):
        return super().get_queryset().with_minutes()

    def get_context_data(self, **kwargs):
        # Building the steps' query (their targets' visibility across four types) costs
        # more than running it: both once per content version.
        steps = SimpleLazyObject(
            lambda: reuse.memo(
                self.request,
                f"path-steps:{type(self).__name__}:{self.object.pk}",
                lambda: list(self.get_steps()),
            )
        )  # looked up only if drawn: not when the page's fragments are kept
        context = super().get_context_data(steps=steps, **kwargs)
        if self.request.user.is_staff:
            context["skipped"] = list(self.object.skipped_items())
        return context

    def get_steps(self):
        return self.object.steps()


class StepWithdrawn(Exception):
    """The step's item is still in the path, but what it shows was withdrawn (410)."""

    def __init__(self, item):
        super().__init__(item)
        self.item = item


def was_public(target):
    """Whether readers could once see `target` (its links now answer 410 or redirect)."""
    return permalinks.resolve(type(target).objects.published(), target.slug) is not None


class StepMoved(Exception):
    """The address is an item's id, as step addresses were before they had numbers (301)."""

    def __init__(self, item):
        super().__init__(item)
        self.item = item


class PathStep(ContentDetailView):
    """One step, by its number in the path: the same item whatever else is withdrawn or
    reordered (its place among the steps readers see may change; its number does not)."""

    model = Path
    template_name = "paths/path_step.html"

    def redirect_url(self, path):
        return path.get_step_url(self.kwargs["number"])

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except StepWithdrawn as withdrawn:
            context = {"path": self.object, "item": withdrawn.item}
            return render(request, "paths/step_gone.html", context, status=410)
        except StepMoved as moved:
            return HttpResponsePermanentRedirect(moved.item.get_absolute_url())

    def get_context_data(self, **kwargs):
        # Where the step is, and what it shows, found once per content version; what the
        # page's head needs apart (small), as the rest is read only if the page is drawn.
        key = f"path-step:{self.object.pk}:{self.kwargs['number']}"

        @cache_for_request
        def found():
            return reuse.memo(
                self.request, key, lambda: find_step(self.object, self.kwargs["number"])
            )

        place = reuse.memo(self.request, f"{key}:place", lambda: step_place(found()))
        if isinstance(place, Exception):
            raise place
        lazy = {name: SimpleLazyObject(partial(found_one, found, name)) for name in STEP_CONTEXT}
        return super().get_context_data(**lazy, **place, **kwargs)


STEP_CONTEXT = ("item", "previous_item", "next_item")


def found_one(found, name):
    return found()[name]


def step_place(found):
    """What a step's page shows outside its kept fragment, or the exception it answers with."""
    if isinstance(found, Exception):
        return found
    item = found["item"]
    return {
        "number": found["number"],
        "count": found["count"],
        "step_pk": item.pk,
        "step_title": item.target.title,
        "step_summary": item.target.summary,
    }


def find_step(path, wanted):
    """The context of step `wanted` of `path` (its item, in full, its place, its neighbours),
    or the exception its address answers with (StepWithdrawn, StepMoved, Http404)."""
    steps = list(path.steps().with_targets_in_full())
    number = next((n for n, s in enumerate(steps, 1) if s.number == wanted), None)
    if number is None:
        items = path.items.with_targets()
        item = items.filter(number=wanted).first()
        if item is not None and was_public(item.target):
            return StepWithdrawn(item)
        old = items.filter(pk=wanted, addressed_by_id=True).exclude(number=wanted).first()
        if item is None and old is not None:
            return StepMoved(old)
        return Http404("This path has no such step.")
    item = steps[number - 1]
    PathItem.show_targets_in_full([item])
    return {
        "item": item,
        "number": number,
        "count": len(steps),
        "previous_item": steps[number - 2] if number > 1 else None,
        "next_item": steps[number] if number < len(steps) else None,
    }


class PathStepByNumber(ContentDetailView):
    """/paths/<slug>/<n>/, the numbered step addresses given out before items had their own:
    a permanent redirect to the item that was step n then."""

    model = Path

    def redirect_url(self, path):
        return self.step_url(path)

    def step_url(self, path):
        item = path.items.filter(legacy_number=self.kwargs["step"]).first()
        if item is None:
            raise Http404("This path has no such step.")
        return path.get_step_url(item.number)

    def render_to_response(self, context, **kwargs):
        return HttpResponsePermanentRedirect(self.step_url(self.object))


class PathHandout(PathDetail):
    """The whole path as one printable document: the path on a page, then a page per step."""

    template_name = "paths/path_handout.html"

    def redirect_url(self, path):
        return path.get_handout_url()

    def get_steps(self):
        return super().get_steps().for_session()


class PathLearnerHandout(PathHandout):
    """The handout to give trainees: each step's text in full (a story's body, takeaway and
    questions), no trainer's notes, the steps running on without a page each."""

    template_name = "paths/path_learner_handout.html"

    def redirect_url(self, path):
        return path.get_learner_handout_url()


class PathPresent(PathHandout):
    """The path as slides: a title slide, each step's slides, and its short link to finish."""

    template_name = "paths/path_present.html"

    def redirect_url(self, path):
        return path.get_present_url()


class PathCartridge(ContentDetailView):
    """The path as an IMS Common Cartridge 1.3 file, for an LMS to import (cartridge.py)."""

    model = Path

    def redirect_url(self, path):
        return path.get_cartridge_url()

    def render_to_response(self, context, **kwargs):
        path = self.object
        site_url = f"{self.request.scheme}://{self.request.get_host()}"
        response = HttpResponse(cartridge.cartridge(path, site_url), cartridge.MEDIA_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, cartridge.filename(path))
        return response


class StoryPresent(ContentDetailView):
    """One story as slides: its setup, the outcome on a key press, then the discussion."""

    model = Story
    template_name = "paths/story_present.html"

    def redirect_url(self, story):
        return story.get_present_url()

    def get_context_data(self, **kwargs):
        # The deck draws each step's target; a story on its own is a step without a path.
        step = PathItem(story=self.object)
        return super().get_context_data(step=step, **kwargs)
