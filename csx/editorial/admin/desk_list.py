"""The content lists of a desk with hundreds of items (ContentAdmin's list side).

columns     the title cut to one line (its full text in a title attribute), the owner,
            and where an item stands (state, updated, review-by) in view at 1280 px
filters     company and tags typed, not listed; owner, waiting for me, changed lately
            (desk_filters.py)
views       saved views: four built in, a person's own under a name, each a link
            (csx/editorial/saved_views.py)
actions     bulk edit (desk_bulk.py); export and import (desk_transfer.py)
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html

from csx.editorial import saved_views
from csx.editorial.admin.autocomplete import malformed
from csx.editorial.admin.desk_bulk import BulkEdit
from csx.editorial.admin.desk_filters import (
    ChangedFilter,
    OwnerFilter,
    TypedFilter,
    WaitingFilter,
    owner_choices,
)
from csx.editorial.admin.desk_transfer import Transfer
from csx.formats import date_and_time, short_date

# Filters whose values run to hundreds: typed, not listed.
TYPED = ("company", "tags", "cited_in")


class DeskList(BulkEdit, Transfer):
    """A ModelAdmin mixin for the content types' lists (ContentAdmin)."""

    @admin.display(description="title", ordering="title")
    def title_cell(self, item):
        return format_html('<span class="list-title" title="{}">{}</span>', item, item)

    @admin.display(description="owner", ordering="owner__username")
    def owner_name(self, item):
        return item.owner.get_username() if item.owner_id else "—"

    @admin.display(description="updated", ordering="updated")
    def updated_cell(self, item):
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            item.updated.isoformat(),
            date_and_time(item.updated),
            short_date(item.updated),
        )

    @admin.display(description="review by", ordering="review_by")
    def review_by_cell(self, item):
        if item.review_by is None:
            return "—"
        return short_date(item.review_by)

    def get_list_display(self, request):
        narrow = {"title": "title_cell", "updated": "updated_cell", "review_by": "review_by_cell"}
        columns = [narrow.get(c, c) for c in super().get_list_display(request)]
        if "owner_name" not in columns:
            at = columns.index("updated_cell") if "updated_cell" in columns else len(columns)
            columns.insert(at, "owner_name")
        if "review_by_cell" not in columns:
            columns.append("review_by_cell")  # every type is reviewed the same way
        return columns

    def get_list_display_links(self, request, list_display):
        return ["title_cell"] if "title_cell" in list_display else list_display[:1]

    def get_list_filter(self, request):
        typed = [(f, TypedFilter) if f in TYPED else f for f in super().get_list_filter(request)]
        return [*typed, OwnerFilter, WaitingFilter, ChangedFilter]

    def get_list_select_related(self, request):
        # Added to the list's own (a queryset already joined would skip those).
        joined = super().get_list_select_related(request)
        return True if joined is True else [*(joined or []), "owner"]

    @property
    def media(self):
        select = AutocompleteSelect(self.opts.get_field("owner"), self.admin_site)
        # After jquery.init.js, which the merge then keeps ahead of lists.js.
        own = forms.Media(js=["admin/js/jquery.init.js", "csx/admin/lists.js"])
        return super().media + select.media + own

    def get_urls(self):
        view = self.admin_site.admin_view
        name = self.url_name
        return [
            path("owners/", view(self.owners_view), name=name("owners")),
            path("views/", view(self.saved_views_view), name=name("views")),
            *super().get_urls(),
        ]

    def list_url(self, query=""):
        url = reverse(f"admin:{self.url_name('changelist')}")
        return f"{url}?{query}" if query else url

    def owners_view(self, request):
        """Staff who may own an item, as the autocomplete view answers (owner filter)."""
        problem = malformed({**request.GET.dict(), "app_label": "x", "model_name": "x",
                             "field_name": "x"})  # fmt: skip
        if problem is not None:
            return JsonResponse({"error": problem}, status=400)
        return JsonResponse(owner_choices(request.GET.get("term", "")))

    def saved_views_view(self, request):
        """Save the list's filters under a name, or delete one of one's own views."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if "delete" in request.POST:
            pk = request.POST["delete"]
            if pk.isdigit() and saved_views.delete(request.user, int(pk)):
                self.message_user(request, "Deleted the saved view.", messages.SUCCESS)
            return HttpResponseRedirect(self.list_url())
        query = request.POST.get("query", "")
        try:
            view = saved_views.save(request.user, self.model, request.POST.get("name", ""), query)
        except ValueError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(self.list_url(saved_views.clean_query(query)))
        self.message_user(
            request,
            f"Saved the view “{view.name}”. Its link shows these filters to anyone you send it to.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.list_url(view.query))

    def changelist_view(self, request, extra_context=None):
        current = saved_views.clean_query(request.GET.urlencode())
        views = [
            {"name": name, "url": self.list_url(query), "pk": pk, "current": query == current}
            for name, query, pk in saved_views.for_person(request.user, self.model)
        ]
        extra_context = {
            # The list needs the width (state, owner, updated and review-by in view at
            # 1280 px); the breadcrumbs and the dashboard lead everywhere the sidebar does.
            "is_nav_sidebar_enabled": False,
            "saved_views": views,
            "saved_views_url": reverse(f"admin:{self.url_name('views')}"),
            "current_query": current,
            **self.transfer_context(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)
