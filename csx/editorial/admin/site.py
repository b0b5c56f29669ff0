"""The editors' admin site: Django's, with the dashboard as its front page, the review queue,
previews, and the small answers the change forms ask for as editors type."""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from csx.content import registry, tags
from csx.content.admin_links import admin_url
from csx.content.markdown import render_markdown
from csx.editorial import (
    audit,
    dashboard,
    dependencies,
    history,
    preview,
    schedule_calendar,
    workflow,
)
from csx.editorial.admin import autosave, inbox, writing
from csx.editorial.admin.autocomplete import CheckedAutocomplete
from csx.editorial.admin.signin import StaffSignInForm
from csx.editorial.history import diff
from csx.editorial.permissions import can_publish
from csx.formats import date_and_time, with_time_zone
from csx.learning import acknowledgements
from csx.models import Review, ShareLink

MARKDOWN_PREVIEW_LIMIT = 200_000  # characters: far beyond any story, short of abuse
ITEM = "preview/<str:app_label>/<str:model_name>/<int:pk>"


class DecisionForm(forms.Form):
    """A publisher's answer to a review request, bound to the version they read (`seen`)."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    go_live_at = forms.SplitDateTimeField(
        label="Go live at",
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
        help_text="Leave empty to publish now; a later time schedules it.",
    )
    take_down_at = forms.SplitDateTimeField(
        label="Take down at",
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
        help_text="Optional: when readers should stop seeing it.",
    )
    comment = forms.CharField(
        label="Comment for the editor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you send it back: say what should change.",
    )

    # Asked only of a live item that asks learners to confirm they read it (elsewhere every
    # change is minor): approving needs the answer, sending back does not (decide()).
    change_kind = forms.ChoiceField(
        label="For learners, this change is",
        choices=[
            ("minor", "Minor: wording, typos, links. No one is asked again."),
            ("material", "Material: learners who confirmed they read it are asked again."),
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text="Learners asked again see what changed since the version they confirmed.",
    )

    field_order = ["seen", "change_kind"]

    def __init__(self, *args, item, change=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.changed_since = None
        if not (item.is_published and acknowledgements.asks(item)):
            del self.fields["change_kind"]
        if change is not None and item.is_published:
            # A change to a live page: the time is when the change, not the page, goes live.
            field = self.fields["go_live_at"]
            field.label = "Change takes effect at"
            field.help_text = (
                "Leave empty to apply the change now. A later time schedules it: readers "
                "keep the live version until then, and then see the change everywhere, "
                "search included."
            )
            del self.fields["take_down_at"]
        for field in self.fields.values():
            if isinstance(field, forms.SplitDateTimeField):
                field.help_text = with_time_zone(field.help_text)

    def moved(self, error):
        """Approving was refused (workflow.Moved): the form says so and shows what changed
        since it was opened; approving again approves what the item holds now."""
        self.add_error(None, str(error))
        self.changed_since = diff.since(self.cleaned_data["seen"], workflow.proposed(self.item))
        data = self.data.copy()
        data[self.add_prefix("seen")] = history.stamp(self.item)
        self.data = data

    def clean(self):
        cleaned = super().clean()
        go_live, take_down = cleaned.get("go_live_at"), cleaned.get("take_down_at")
        if go_live and take_down and take_down <= go_live:
            self.add_error("take_down_at", "“Take down at” must come after “go live at”.")
        return cleaned


# Where an invitation (csx/editorial/admin/team.py) leads: choose a password, once.
welcome = PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("admin:login"), post_reset_login=False
)

ENTRIES_PER_DAY = 5  # in a month's day; its week shows them all


class LibraryAdminSite(admin.AdminSite):
    site_header = "CSX Library editors"
    site_title = "CSX Library admin"
    index_title = "Dashboard"
    index_template = "admin/workspace/dashboard.html"
    login_form = StaffSignInForm
    login_template = "admin/sign_in.html"

    def has_permission(self, request):
        """Staff, and when CSX_STAFF_OTP_REQUIRED is on, signed in with an authenticator code:
        a session begun with only a password (before the setting) must sign in again."""
        allowed = super().has_permission(request)
        if settings.CSX_STAFF_OTP_REQUIRED:
            return allowed and request.user.is_verified()
        return allowed

    def each_context(self, request):
        return {**super().each_context(request), "inbox_unread": inbox.unread_count(request)}

    def index(self, request, extra_context=None):
        return super().index(
            request, {**dashboard.dashboard(request.user), **(extra_context or {})}
        )

    def admin_view(self, view, cacheable=False):
        """Every admin view, acting as the person signed in: the audit log names them."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def acting_view(request, *args, **kwargs):
            with audit.acting(request.user):
                return inner(request, *args, **kwargs)

        return acting_view

    def autocomplete_view(self, request):
        return CheckedAutocomplete.as_view(admin_site=self)(request)

    def get_urls(self):
        view = self.admin_view
        return [
            path("review/", view(self.review_queue), name="review_queue"),
            path("calendar/", view(self.calendar), name="calendar"),
            path("review/<int:pk>/", view(self.review), name="review"),
            path("markdown-preview/", view(self.markdown_preview), name="markdown_preview"),
            path("tags/suggest/", view(self.tag_suggestions), name="tag_suggestions"),
            path(f"{ITEM}/", view(self.preview), name="preview"),
            path(f"{ITEM}/share/", view(self.share), name="share_preview"),
            *autosave.urls(self),
            *inbox.urls(self),
            *writing.urls(self),
            path("welcome/<uidb64>/<token>/", welcome, name="welcome"),  # an invitation
            *super().get_urls(),
        ]  # fmt: skip

    def page(self, request, template, title, **context):
        request.current_app = self.name
        context = {**self.each_context(request), "title": title, "subtitle": None, **context}
        return TemplateResponse(request, template, context)

    # The review queue.

    def review_queue(self, request):
        waiting = Review.objects.waiting().select_related("submitted_by")
        reviews = [
            {
                "review": r,
                "changes": workflow.changes(r.item),
                "url": admin_url(r.item),
                "needed": dependencies.for_review(workflow.needed(r.item)),
            }
            for r in waiting
            if r.item is not None
        ]
        return self.page(
            request, "admin/workspace/review_queue.html", "Review queue",
            reviews=reviews, can_publish=can_publish(request.user),
        )  # fmt: skip

    def review(self, request, pk):
        review = get_object_or_404(Review.objects.select_related("submitted_by"), pk=pk)
        item = review.item
        if item is None:
            raise Http404("The item of this request has been deleted.")
        if request.method == "GET":
            # As the editor's form does: its stamp must not move when the editor opens it.
            history.ensure_revision(item)
        change = workflow.pending(item)
        initial = {"take_down_at": item.take_down_at, "seen": history.stamp(item)}
        if change is None:
            initial["go_live_at"] = item.published_at
        form = DecisionForm(request.POST or None, item=item, change=change, initial=initial)
        if request.method == "POST":
            if not can_publish(request.user):
                raise PermissionDenied
            if form.is_valid():
                done = self.decide(request, review, form)
                if done:
                    return HttpResponseRedirect(reverse("admin:review_queue"))
        return self.page(
            request, "admin/workspace/review.html", f"Review “{item}”",
            review=review, item=item, form=form, changes=workflow.changes(item),
            item_url=admin_url(item), can_publish=can_publish(request.user),
            opts=item._meta, pending_change=workflow.pending(item),
            needed=dependencies.for_review(workflow.needed(item)),
        )  # fmt: skip

    def decide(self, request, review, form):
        """Approve or send back, as the button says; False when the form must be shown again."""
        data = form.cleaned_data
        sending_back = request.POST.get("_decision") == "send_back"
        if sending_back and not data["comment"].strip():
            form.add_error("comment", "Say what should change, so the editor knows what to do.")
            return False
        if not sending_back and "change_kind" in form.fields and not data["change_kind"]:
            form.add_error("change_kind", "Say whether learners should confirm it again.")
            return False
        try:
            if sending_back:
                workflow.send_back(review, request.user, data["comment"])
                messages.success(request, f"Sent “{review.title}” back to its editor.")
                return True
            take_down = data.get("take_down_at", workflow.KEEP)
            material = data.get("change_kind") == "material"
            item = workflow.approve(
                review, request.user, data["seen"], data["go_live_at"], take_down,
                data["comment"], material,
            )  # fmt: skip
        except workflow.Moved as error:
            form.moved(error)
            return False
        except (workflow.WorkflowError, history.RevisionError) as error:
            form.add_error(None, str(error))
            return False
        messages.success(request, f"Approved “{item}”: {self.outcome(item)}.")
        return True

    @staticmethod
    def outcome(item):
        change = workflow.pending(item)
        if change is not None and change.takes_effect_at:
            when = date_and_time(change.takes_effect_at)
            return f"the change takes effect at {when}; readers keep the live version until then"
        return "it is live now" if item.is_published else "it is scheduled"

    # The calendar.

    def calendar(self, request):
        """What goes live, comes down or changes by schedule, by day: a month, or a week
        (?scope=week), around ?day=YYYY-MM-DD (today when left out)."""
        try:
            shown = schedule_calendar.Calendar.around(
                request.GET.get("day"), request.GET.get("scope", "month")
            )
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain")
        return self.page(
            request, "admin/workspace/calendar.html", shown.title,
            calendar=shown, weeks=shown.weeks(dashboard.happenings(*shown.span)),
            today=timezone.localdate(), time_zone=settings.TIME_ZONE,
            per_day=ENTRIES_PER_DAY, per_day_negative=-ENTRIES_PER_DAY,
        )  # fmt: skip

    # Previews.

    @staticmethod
    def previewed(app_label, model_name, pk):
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        model = content_type.model_class() if content_type else None
        if model is None or registry.of(model) is None:
            raise Http404("The library has no such kind of item.")
        return get_object_or_404(model, pk=pk)

    def preview(self, request, app_label, model_name, pk):
        return preview.render_as_reader(request, self.previewed(app_label, model_name, pk))

    def share(self, request, app_label, model_name, pk):
        """The item's working share links, a button for a new one, and one to revoke each."""
        item = self.previewed(app_label, model_name, pk)
        links = ShareLink.of(item).working().select_related("created_by")
        if request.method == "POST":
            revoked = links.filter(pk=request.POST.get("revoke") or None).first()
            if revoked is not None:
                preview.revoke(revoked, request.user)
                messages.success(request, "Withdrawn: that link no longer opens.")
            else:
                preview.make_link(item, request.user)
                messages.success(request, "A new link is ready, at the top of the list.")
            return HttpResponseRedirect(request.path)
        links = [(link, preview.share_url(request, link)) for link in links]
        return self.page(
            request, "admin/workspace/share.html", f"Share a preview of “{item}”",
            item=item, days=preview.SHARE_FOR.days, opts=item._meta, links=links,
            content_type_id=ContentType.objects.get_for_model(item).pk,
        )  # fmt: skip

    @staticmethod
    @require_POST
    def markdown_preview(request):
        """The site's own rendering of Markdown an editor is typing (sanitised HTML)."""
        text = request.POST.get("text", "")
        if len(text) > MARKDOWN_PREVIEW_LIMIT:
            return HttpResponse("Too long to preview.", status=400, content_type="text/plain")
        return HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")

    @staticmethod
    @require_GET
    def tag_suggestions(request):
        return JsonResponse({"tags": tags.suggestions(request.GET.get("q", "")[:100])})
