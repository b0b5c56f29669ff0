"""Onboarding paths: every path, one path with its steps, and one step at a time."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from csx.generic import ContentDetailView
from csx.paths.models import Path, PathItem


@require_safe
def path_list(request):
    paths = Path.objects.published().with_step_count()
    return render(request, "paths/path_list.html", {"paths": paths})


class PathDetail(ContentDetailView):
    model = Path
    template_name = "paths/path_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(steps=list(self.object.steps()), **kwargs)
        if self.request.user.is_staff:
            context["skipped"] = list(self.object.skipped_items())
        return context


class PathStep(ContentDetailView):
    """Step `step` of a path, counting only the items readers can see."""

    model = Path
    template_name = "paths/path_step.html"

    def redirect_url(self, path):
        return path.get_step_url(self.kwargs["step"])

    def get_context_data(self, **kwargs):
        steps = list(self.object.steps())
        number = self.kwargs["step"]
        if not 1 <= number <= len(steps):
            raise Http404("This path has no such step.")
        return super().get_context_data(
            item=steps[number - 1],
            number=number,
            count=len(steps),
            previous_item=steps[number - 2] if number > 1 else None,
            next_item=steps[number] if number < len(steps) else None,
            **kwargs,
        )


class PathHandout(PathDetail):
    """The whole path as one printable document: a page per step, with each item in full."""

    template_name = "paths/path_handout.html"

    def redirect_url(self, path):
        return path.get_handout_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        PathItem.show_targets_in_full(context["steps"])
        return context
