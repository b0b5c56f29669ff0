"""The editors' admin for every content type: the review workflow, history, scheduling.

ContentAdmin is what each type's admin builds on. Its change form saves a draft, submits it
for review or (for publishers) publishes it; an edit to a published item is held as a
pending change (csx/editorial/workflow.py) by saving it inside a transaction that is then rolled
back, once its revision is taken: readers keep the approved row.

The library's other admins are beside it: library.py (sources, slug history, withdrawals,
synonyms, the search log) and tags.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from taggit.managers import TaggableManager

from csx.editorial import history, usage, workflow
from csx.editorial.admin.acknowledging import AcknowledgementAdmin
from csx.editorial.admin.autocomplete import CheckedAutocompleteFields
from csx.editorial.admin.autosave import AutosaveAdmin
from csx.editorial.admin.desk_list import DeskList
from csx.editorial.admin.filters import (
    ReferencesFilter,
    ReviewFilter,
    StateFilter,
    TitleFirstSearch,
)
from csx.editorial.admin.forms import ContentForm, MarkdownWidget, TagSuggestWidget
from csx.editorial.admin.list_actions import ListActions
from csx.editorial.admin.writing import WritingHelp
from csx.editorial.history.admin import HistoryAdmin
from csx.editorial.permissions import can_publish
from csx.formats import date_and_time
from csx.models import PendingChange, State, Status

# Editors paste bare addresses; read them as https (Django 6's default), not http.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# The publishing fieldset every content type's form ends with.
PUBLISHING = ["state_label", "published_at", "take_down_at", "created", "updated"]


SAVE, SUBMIT, PUBLISH = "save", "submit", "publish"


class ContentAdmin(
    AcknowledgementAdmin,
    ListActions,
    WritingHelp,
    AutosaveAdmin,
    DeskList,
    CheckedAutocompleteFields,
    TitleFirstSearch,
    HistoryAdmin,
):
    """What every content type's admin shares: the workflow, history, scheduling, tags."""

    form = ContentForm
    change_form_template = "admin/workspace/change_form.html"
    delete_confirmation_template = "admin/workspace/delete_confirmation.html"
    formfield_overrides = {
        **URL_FIELDS,
        models.TextField: {"widget": MarkdownWidget},
        TaggableManager: {
            "widget": TagSuggestWidget,
            "help_text": "Separated by commas. Tags in use are offered as you type; all are "
            "kept in lower case.",
        },
    }
    list_display = ["title", "state_label", "published_at", "updated"]
    list_filter = [StateFilter, "tags"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    # No date_hierarchy: its drill-down read the whole table twice on every page of the list
    # (the first and last dates, then every distinct day: 280 ms at 50,000 stories, and
    # 4.5 s of a search); "Changed lately" (desk_filters.ChangedFilter) filters by date.
    # "12 results (50,000 total)" costs a second count(*) of the whole table on every page of
    # a filtered or searched list: Django shows "Show all" instead.
    show_full_result_count = False
    # Drawing a row costs more than reading it: 100 rows of nine columns were 0.3 s of Python
    # at 50,000 stories, the page's SQL 1 ms (docs/performance.md).
    list_per_page = 50
    actions = ["publish_selected", "withdraw_selected", "mark_reviewed"]
    readonly_fields = ["state_label", "created", "updated"]
    review_fields = ["owner", "reviewed_on", "review_by"]
    # Text fields that are not Markdown keep a plain text area.
    plain_text_fields = ["discussion_questions", "takeaway", "note"]

    def get_queryset(self, request):
        held = PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related("tags")
            .annotate(held=Exists(held), change_at=Subquery(held.values("takes_effect_at")[:1]))
        )

    def get_fieldsets(self, request, obj=None):
        # Every type is reviewed the same way, so its admin need not list these fields.
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, ("Review", {"fields": self.review_fields})]

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f not in self.review_fields]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewFilter, ReferencesFilter]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.plain_text_fields:
            kwargs.setdefault("widget", admin.widgets.AdminTextareaWidget(attrs={"rows": 3}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            fields += ["published_at", "take_down_at"]  # scheduling is for publishers
        return fields

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_changelist_formset(self, request, **kwargs):
        """The list's editable column saves rows in place: on a live row that would skip
        review, so for editors its fields are shown but cannot change (posted values are
        ignored); they edit it on its page, where the change waits for a publisher."""
        formset = super().get_changelist_formset(request, **kwargs)
        if can_publish(request.user):
            return formset
        base_form = formset.form

        class DraftsOnly(base_form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if workflow.holds(self.instance):
                    for field in self.fields.values():
                        field.disabled = True

        formset.form = DraftsOnly
        return formset

    def has_delete_permission(self, request, obj=None):
        """Editors delete what readers have never been promised; publishers anything."""
        allowed = super().has_delete_permission(request, obj)
        if obj is None or can_publish(request.user):
            return allowed
        return allowed and obj.status in (Status.DRAFT, Status.IN_REVIEW)

    @admin.display(description="State", ordering="status")
    def state_label(self, item):
        state = item.state
        label = state.label
        if state == State.SCHEDULED:
            label += f" for {date_and_time(item.published_at)}"
        if state == State.LIVE and item.take_down_at:
            label += f" until {date_and_time(item.take_down_at)}"
        if getattr(item, "change_at", None):
            label += f" · change scheduled for {date_and_time(item.change_at)}"
        elif getattr(item, "held", False):
            label += " · change pending"
        return label

    # The change form.

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.current_stamp = getattr(request, "csx_stamp", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id)) if object_id else None
        action = request.POST.get("_action", SAVE) if request.method == "POST" else None
        if action == PUBLISH and not can_publish(request.user):
            raise PermissionDenied
        request.csx_was_live = item is not None and item.is_published  # announced on publish
        if item is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            history.ensure_revision(item)
        request.csx_stamp = history.stamp(item)  # before a pending change is applied
        extra_context = {**self.workflow_context(request, item), **(extra_context or {})}
        change = workflow.pending(item)
        held = workflow.holds(item) and action in (SAVE, SUBMIT)
        if change is None and not held:
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self.draft_changeform_view(request, item, change, held, extra_context)

    def draft_changeform_view(self, request, item, change, held, extra_context):
        """The form of an item with a pending change shows (and saves over) that change;
        the workflow decides what of the save stands (workflow.edit)."""

        def form(records):
            request.csx_held, request.csx_records = held, records
            response = super(ContentAdmin, self).changeform_view(
                request, str(item.pk), "", extra_context
            )
            if hasattr(response, "render"):
                response.render()  # while the change is applied
            return response, request.method == "POST" and response.status_code == 302

        submitting = request.POST.get("_action") == SUBMIT
        return workflow.edit(
            item, request.user, form, change=change, held=held,
            keep=request.method == "POST" and not held,
            submit_message=request.POST.get("_message", "") if submitting else None,
        )  # fmt: skip

    def workflow_context(self, request, item):
        review = workflow.last_review(item)
        return {
            "item_state": item.state,
            "pending_change": workflow.pending(item),
            "last_review": review,
            "waiting_review": review if review and review.state == review.State.WAITING else None,
            "used_in": usage.used_in(item),
            "can_publish": can_publish(request.user),
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_publish=can_publish(request.user),
            workflow_actions=self.workflow_actions(request, obj),
            review_message=request.POST.get("_message", ""),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_actions(self, request, obj):
        """The buttons under the form: (action, label, is the main one)."""
        held = obj is not None and workflow.holds(obj)
        actions = [(SAVE, "Save change as draft" if held else "Save draft", False)]
        if obj is None or workflow.waiting(obj) is None:
            actions.append(
                (SUBMIT, "Submit change for review" if held else "Submit for review", False)
            )
        if can_publish(request.user):
            actions.append((PUBLISH, "Publish change" if held else "Publish", True))
        return actions

    def save_model(self, request, obj, form, change):
        if request.POST.get("_action") == PUBLISH:
            obj.status = Status.PUBLISHED
        # Whoever makes an item looks after it until someone else takes it on; saving an
        # item nobody owns does not make it the saver's without their saying so.
        if not change and obj.owner_id is None and request.user.is_staff:
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        action = request.POST.get("_action", SAVE)
        if action == PUBLISH:
            was_live = getattr(request, "csx_was_live", False)
            material = request.POST.get("_change_kind") == "material"  # acknowledging.py
            workflow.settle(
                item, request.user, "Published from the editor.", was_live=was_live,
                material=material,
            )  # fmt: skip
        elif action == SUBMIT and not getattr(request, "csx_held", False):
            workflow.submit(item, request.user, request.POST.get("_message", ""))

    def response_add(self, request, obj, post_url_continue=None):
        if admin.options.IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, self.outcome(request, obj), messages.SUCCESS)
        self.warn_about_links(request)
        return HttpResponseRedirect(self.change_url(obj.pk))

    def response_change(self, request, obj):
        if admin.options.IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, self.outcome(request, obj), messages.SUCCESS)
        self.warn_about_links(request)
        return HttpResponseRedirect(self.change_url(obj.pk))

    def outcome(self, request, obj):
        """What the save did, in a sentence."""
        action = request.POST.get("_action", SAVE)
        name = f"“{obj}”"
        if getattr(request, "csx_held", False):
            done = "submitted it for review" if action == SUBMIT else "kept it as a draft"
            return (
                f"Saved your change to {name} and {done}. Readers keep seeing the published "
                "version until a publisher approves the change."
            )
        if action == PUBLISH:
            if obj.state == State.SCHEDULED:
                when = date_and_time(obj.published_at)
                return f"Approved {name}: readers see it from {when}."
            return f"Published {name}: readers see it now."
        if action == SUBMIT:
            return f"Submitted {name} for review. A publisher will approve it or send it back."
        return f"Saved {name} as a draft. Readers do not see it."

    # Withdrawing one item, offered instead of deleting it.

    def get_urls(self):
        view = self.admin_site.admin_view
        withdraw = path(
            "<path:object_id>/withdraw/", view(self.withdraw_view), name=self.url_name("withdraw")
        )
        return [withdraw, *super().get_urls()]

    def withdraw_view(self, request, object_id):
        if not can_publish(request.user):
            raise PermissionDenied
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST":
            workflow.withdraw(item, request.user)
            self.message_user(
                request,
                f"Withdrew “{item}”: readers no longer see it, and its links say so. It is "
                "kept here, with its history, to publish again later.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.change_url(item.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Withdraw “{item}”?",
            "subtitle": None,
            "object": item,
            "opts": self.opts,
            "entries": [{"item": item, "used_in": usage.used_in(item)}],
        }
        return TemplateResponse(request, "admin/workspace/withdraw_confirmation.html", context)

    def render_delete_form(self, request, context):
        item = context.get("object")
        context.update(
            used_in=usage.used_in(item) if item is not None else None,
            can_withdraw=item is not None
            and can_publish(request.user)
            and item.status == Status.PUBLISHED,
        )
        return super().render_delete_form(request, context)

    def get_deleted_objects(self, objs, request):
        return usage.deleted_objects(objs, request, self.admin_site)
