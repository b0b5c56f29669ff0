from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from csx.public.context_processors import page_address
from csx.public.generic import ContentDetailView, paginate
from csx.serving import reuse
from csx.serving.http import without_empty_parameters
from principles.models import Statistic
from stories.counts import kept_count
from stories.filters import StoryFilter, conditions, walk
from stories.models import LIST_ORDER, Company, Story

STORIES_PER_PAGE = 12
COMPANIES_PER_PAGE = 100
COMPANY_STORIES_SHOWN = 24


@require_safe
@without_empty_parameters
def story_list(request):
    def filtered():
        return StoryFilter(request.GET, queryset=Story.objects.published().for_cards())

    drawn = {}  # what this request already read, if it computed the memo

    def chips():
        """The active filters, or None when they do not parse (a page not there: 404), or
        the address by slugs when a company or a tag was typed by its name."""
        drawn["filter"] = stories = filtered()
        if not stories.is_valid():
            return None
        by_slug = stories.by_slug().urlencode()
        asked = request.GET.copy()
        asked.pop("page", None)
        if by_slug != asked.urlencode():
            return f"{request.path}?{by_slug}"
        drawn["page"] = page_of(request, stories)
        return stories.chips()

    # Building the filters' form and queries costs more than running them: once per
    # version and address; the list itself is drawn only when its fragment is not kept.
    address = page_address(request)
    active = reuse.memo(request, f"story-list:{address}", chips, chosen_by_client="?" in address)
    if active is None:
        stories = drawn["filter"] if "filter" in drawn else filtered()
        stories.is_valid()
        context = {"filter": stories, "near": stories.near()}
        return render(request, "stories/story_list_invalid.html", context, status=400)
    if isinstance(active, str):
        return redirect(active)

    stories = SimpleLazyObject(lambda: drawn["filter"] if "filter" in drawn else filtered())
    page = SimpleLazyObject(lambda: drawn["page"] if "page" in drawn else page_of(request, stories))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "stories/story_list.html",
        {"filter": stories, "page": page, "chips": active, "query": query.urlencode()},
    )


def page_of(request, stories):
    """The page of `stories` (a StoryFilter) the address asks for, its count kept."""
    stories.is_valid()
    count = kept_count(request, stories.by_slug().urlencode(), stories.qs.count)
    return paginate(request, stories.qs.order_by(*LIST_ORDER), STORIES_PER_PAGE, count=count)


class StoryDetail(ContentDetailView):
    model = Story
    page_template = "stories/story_page.html"

    def plain(self):
        return super().plain() and not conditions(self.request.GET)[0]  # no filters either

    def get_context_data(self, **kwargs):
        # The walk depends on the reader's filters (?outcome=…&tag=…, carried from the story
        # list): kept per version, filters and story.
        asked, _ = conditions(self.request.GET)
        walked = SimpleLazyObject(
            lambda: reuse.memo(
                self.request,
                f"story-walk:{self.object.pk}:{asked}",
                lambda: walk(self.request.GET, self.object),
                chosen_by_client=bool(asked),
            )
        )
        # Looked up only if drawn: a plain reader with no filters gets the page kept whole
        # (csx/detail.html), walk and all.
        query = SimpleLazyObject(lambda: walked[0]) if asked else ""
        previous = SimpleLazyObject(lambda: walked[1])
        following = SimpleLazyObject(lambda: walked[2])
        # Built only if the page is drawn (not when its fragment is already rendered).
        related = SimpleLazyObject(lambda: Story.objects.published().related_to(self.object))
        statistics = SimpleLazyObject(
            lambda: list(Statistic.objects.published().for_cards().backing(self.object)[:3])
        )
        return super().get_context_data(
            related=related,
            list_query=query,
            previous_story=previous,
            next_story=following,
            related_statistics=statistics,
            **kwargs,
        )


class StoryHandout(StoryDetail):
    template_name = "stories/story_handout.html"

    def redirect_url(self, item):
        return item.get_handout_url()


def company_page(request):
    """A page of companies (a library of 50,000 stories names some 5,000), each with
    `story_count`, counted for that page's companies only."""
    companies = Company.objects.published().order_by("title", "pk")
    page = paginate(request, companies, COMPANIES_PER_PAGE)
    counts = dict(
        Story.objects.published()
        .filter(company__in=[company.pk for company in page.object_list])
        .values_list("company")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for company in page.object_list:
        company.story_count = counts.get(company.pk, 0)
    return page


@require_safe
def company_list(request):
    # Drawn only when the list's fragment is not kept (a page that is not there: 404 then).
    page = SimpleLazyObject(lambda: company_page(request))
    number = request.GET.get("page", "")
    context = {
        "page": page,
        "companies": SimpleLazyObject(lambda: page.object_list),
        "page_number": int(number) if number.isdigit() else 1,
    }
    return render(request, "stories/company_list.html", context)


class CompanyDetail(ContentDetailView):
    model = Company

    def get_context_data(self, **kwargs):
        # The first stories in the list's order, one more read to know whether the list
        # filtered by the company has more: the same queries for 3 stories or 3,000.
        stories = SimpleLazyObject(
            lambda: list(
                Story.objects.published()
                .for_cards()
                .filter(company=self.object)
                .in_list_order()[: COMPANY_STORIES_SHOWN + 1]
            )
        )
        return super().get_context_data(
            stories=SimpleLazyObject(lambda: stories[:COMPANY_STORIES_SHOWN]),
            more_stories=SimpleLazyObject(lambda: len(stories) > COMPANY_STORIES_SHOWN),
            **kwargs,
        )
