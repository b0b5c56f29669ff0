"""The generic views every content type's pages build on (as apps build on
django.views.generic), and how an address that no longer shows an item is answered.

A type in the registry without pages of its own is served by these (csx/public/generic_urls.py).
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from csx.content import permalinks
from csx.public import previewed
from csx.serving import reuse


def gone(request, withdrawal):
    return render(request, "gone.html", {"withdrawal": withdrawal}, status=410)


def answer_lost(request, resolution, url_for):
    """The response for an address that moved (301) or was withdrawn (410)."""
    if resolution.replacement:
        return HttpResponsePermanentRedirect(resolution.replacement)
    if resolution.item is not None:
        return HttpResponsePermanentRedirect(url_for(resolution.item))
    return gone(request, resolution.withdrawal)


class ContentDetailView(DetailView):
    """One item by slug, through the permanent-links resolver: drafts for editors only, a
    renamed slug 301 to the new one, a withdrawn item 410 Gone (or 301 to its replacement).

    A type's own page (`page_template`, the page below the site's header) is drawn by
    csx/detail.html, which keeps it whole for a `plain` reader: one whose address carries
    nothing of their own and who is not an editor. The rest get it drawn from its fragments.
    """

    page_template = None  # e.g. "stories/story_page.html"

    def get_queryset(self):
        shown = previewed.shows(self.request, self.model)
        if shown is not None:  # a preview (csx/public/previewed.py) shows its item in any state
            return self.model.objects.filter(pk=shown).for_detail()
        return self.model.objects.visible_to(self.request.user).for_detail()

    def redirect_url(self, item):
        """Where this view of `item` lives now (views below a page override this)."""
        return item.get_absolute_url()

    def get(self, request, *args, **kwargs):
        # The same address resolves the same way until the content changes: once per version.
        key = f"{type(self).__qualname__}:{self.model._meta.label}:{kwargs['slug']}"
        key += ":staff" if request.user.is_staff else ""
        resolution = reuse.memo(
            request, key, lambda: permalinks.resolve(self.get_queryset(), kwargs["slug"])
        )
        if resolution is None:
            raise Http404(f"No {self.model._meta.verbose_name} is at this address.")
        if not resolution.found:
            return answer_lost(request, resolution, self.redirect_url)
        self.object = resolution.item
        return self.render_to_response(self.get_context_data(object=self.object))

    def own_page(self):
        """The type's own page this view draws, or None (a handout, a slide show, a type
        without pages of its own: views with a template_name)."""
        return self.page_template if self.template_name is None else None

    def get_template_names(self):
        return ["csx/detail.html"] if self.own_page() else super().get_template_names()

    def plain(self):
        """Does this reader get the page every other plain reader gets? Not with an answer to
        the feedback panel in the address (?feedback=…), not as an editor."""
        return not self.request.user.is_staff and not self.request.GET.get("feedback")

    def get_context_data(self, **kwargs):
        if self.own_page():
            kwargs.update(page_template=self.own_page(), plain=self.plain())
        return super().get_context_data(**kwargs)


def paginate(request, items, per_page, count=None):
    """One page (`?page=`) of `items`; a page that is not a number or not there answers 404.
    `count`: how many `items` are, when the caller knows (reuse.while_unchanged), else counted."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(f"There is no such page of results: {error}") from error


class ContentListView(ListView):
    """Every published item of one type, a page at a time (a bad page number is a 404)."""

    kind = None  # a registry.Kind, given by the URL pattern
    paginate_by = 12
    template_name = "csx/content_list.html"

    def get_queryset(self):
        return self.kind.model.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(kind=self.kind, **kwargs)
        context["page"] = context["page_obj"]
        return context
