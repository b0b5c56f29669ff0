"""The sources every fact comes from: /sources/, and /sources/<slug>/ with everything that
cites it."""

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from csx.models import Source
from csx.public.context_processors import page_address
from csx.public.generic import ContentDetailView, paginate
from csx.serving import reuse

SOURCES_PER_PAGE = 30
CITATIONS_SHOWN = 24  # of each kind of item citing a source


@require_safe
def source_list(request):
    kinds = Source.Kind
    selected = request.GET.get("kind", "")
    context = {"kinds": kinds.choices, "selected": selected}
    if selected and selected not in kinds.values:
        return render(request, "csx/source_list.html", {**context, "error": selected}, status=400)
    drawn = {}  # the page, if this request read it to check it is there

    def listed():
        sources = Source.objects.published().with_citation_counts().order_by("title", "pk")
        if selected:
            sources = sources.filter(kind=selected)
        return paginate(request, sources, SOURCES_PER_PAGE)

    def checked():
        drawn["page"] = listed()
        return True

    # Whether the page is there is known once per version and address; the sources are read
    # only if the list is drawn, not when its fragment is kept.
    address = page_address(request)
    reuse.memo(request, f"source-list:{address}", checked, chosen_by_client="?" in address)
    page = SimpleLazyObject(lambda: drawn["page"] if "page" in drawn else listed())
    query = f"kind={selected}" if selected else ""
    return render(request, "csx/source_list.html", {**context, "page": page, "query": query})


class SourceDetail(ContentDetailView):
    """A source and everything published that cites it; a renamed slug answers 301."""

    model = Source

    def get_context_data(self, **kwargs):
        # Read only if the page is drawn, not when its fragment is kept.
        # Bounded: a source may be cited by thousands of stories at 50,000.
        citations = SimpleLazyObject(lambda: self.object.citations(limit=CITATIONS_SHOWN))
        return super().get_context_data(
            citations=citations, citations_shown=CITATIONS_SHOWN, **kwargs
        )
