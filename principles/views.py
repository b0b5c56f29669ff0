from functools import partial
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from csx.public.generic import ContentDetailView
from principles.models import Principle, Resource, Statistic
from stories.counts import kept_count


@require_safe
def principle_list(request):
    principles = Principle.objects.published().prefetch_related("practices")
    return render(request, "principles/principle_list.html", {"principles": principles})


@require_safe
def cheat_sheet(request):
    """Every principle and its practices with a phrase to say and one not to, on one A4 page."""
    principles = Principle.objects.published().prefetch_related("practices")
    return render(request, "principles/cheat_sheet.html", {"principles": principles})


class PrincipleDetail(ContentDetailView):
    model = Principle
    page_template = "principles/principle_page.html"

    def get_context_data(self, **kwargs):
        # "See all N stories" says the story list's count for the principle, kept as the
        # list keeps it (a busy principle's 11,854 stories: 53 ms on PostgreSQL), and read
        # only if the page is drawn; its query is built only if the count is not kept (0.6
        # ms of a 5 ms page drawn from kept fragments).
        principle = self.object
        query = urlencode({"principle": principle.slug})

        def count():
            return principle.stories.published().count()

        counted = partial(kept_count, self.request, query, count)
        principle.story_count = SimpleLazyObject(lambda: principle.count_stories(counted))
        return super().get_context_data(**kwargs)


class PrincipleHandout(PrincipleDetail):
    template_name = "principles/principle_handout.html"

    def redirect_url(self, item):
        return item.get_handout_url()


@require_safe
def statistic_list(request):
    statistics = Statistic.objects.published().for_cards()  # a card shows no tags
    return render(request, "principles/statistic_list.html", {"statistics": statistics})


class StatisticDetail(ContentDetailView):
    model = Statistic
    page_template = "principles/statistic_page.html"


class StatisticHandout(StatisticDetail):
    template_name = "principles/statistic_handout.html"

    def redirect_url(self, item):
        return item.get_handout_url()


@require_safe
def resource_list(request):
    resources = Resource.objects.published().prefetch_published("principles")  # no tags shown
    kinds = Resource.Kind
    selected = request.GET.get("kind", "")
    if selected and selected not in kinds.values:
        return render(
            request,
            "principles/resource_list.html",
            {"groups": [], "kinds": kinds.choices, "error": selected},
            status=400,
        )
    if selected:
        resources = resources.filter(kind=selected)

    def groups():
        found = [
            (label, [item for item in resources if item.kind == value])
            for value, label in kinds.choices
        ]
        return [group for group in found if group[1]]

    # Read only if the list is drawn, not when its fragment is kept.
    return render(
        request,
        "principles/resource_list.html",
        {"groups": SimpleLazyObject(groups), "kinds": kinds.choices, "selected": selected},
    )
