"""Moderating what readers send: the queue of shared stories (turned into draft stories from
their own page, answered by email, personal data erased), the answers to "was this
helpful?" per item, and the verification tasks a doubted statistic opens; each handled the
same way (csx/feedback/handling.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from csx.content.admin_links import admin_url, change_url
from csx.editorial.admin.filters import TypeFilter
from csx.feedback import dashboard, replies
from csx.feedback.handling import HANDLING_ACTIONS, HANDLING_FIELDS, HANDLING_FILTERS, HandledAdmin
from csx.feedback.models import Feedback, Reply, Submission, VerificationTask


class ReplyInline(admin.TabularInline):
    """The replies sent to the reader, as a log on the submission."""

    model = Reply
    fields = ["written", "written_by", "subject", "body", "sent"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # written on the submission's "Reply by email" page

    @admin.display(description="sent")
    def sent(self, reply):
        return reply.sent_at or "Waiting to be sent"


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12, "cols": 80})}


@admin.register(Submission)
class SubmissionAdmin(HandledAdmin):
    """Stories readers shared, waiting for an editor: never public as they are."""

    list_display = [
        "received",
        "state",
        "assignee",
        "opening",
        "went",
        "consent",
        "channel",
        "company",
        "draft",
    ]
    list_filter = [*HANDLING_FILTERS, "consent", "went", "channel", "received"]
    list_select_related = ["story", "assignee"]
    search_fields = ["what_happened", "company"]
    date_hierarchy = "received"
    actions = ["make_draft_stories", *HANDLING_ACTIONS, "erase_personal_data"]
    fields = [
        "what_happened", "company", "channel", "went", "name", "email", "consent",
        "received", "erased", "draft", *HANDLING_FIELDS,
    ]  # fmt: skip
    readonly_fields = [
        "what_happened", "company", "channel", "went", "name", "email", "consent",
        "received", "erased", "draft",
    ]  # fmt: skip
    inlines = [ReplyInline]
    change_form_template = "admin/feedback/submission/change_form.html"

    def has_add_permission(self, request):
        return False  # readers send them, at /share/

    @admin.display(description="What happened")
    def opening(self, submission):
        return Truncator(submission.what_happened).chars(90)

    @admin.display(description="Draft story")
    def draft(self, submission):
        story = submission.story
        if story is None:
            return "—"
        url = admin_url(story)
        return format_html('<a href="{}">{}</a> ({})', url, story.title, story.get_status_display())

    @admin.action(description="Make a draft story from each", permissions=["change"])
    def make_draft_stories(self, request, queryset):
        private = queryset.filter(story=None, consent=False).count()
        made = [
            submission.make_draft_story(request.user)
            for submission in queryset.filter(story=None, consent=True)
        ]
        if private:
            self.message_user(
                request,
                f"{private} sent without consent to publish: for the editors' eyes only, "
                "so no draft story was made.",
                messages.WARNING,
            )
        skipped = queryset.count() - len(made) - private
        if skipped:
            self.message_user(
                request, f"{skipped} already had a draft story; left as they were.", messages.INFO
            )
        if not made:
            return None
        if len(made) == 1:
            self.message_user(
                request,
                "Draft story made. Write its takeaway and edit it, then send it through review.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(admin_url(made[0]))
        self.message_user(request, f"Made {len(made)} draft stories.", messages.SUCCESS)
        return None

    @admin.action(
        description="Erase name and email (answered or dismissed only)", permissions=["change"]
    )
    def erase_personal_data(self, request, queryset):
        erasable = queryset.handled()
        for submission in erasable:
            submission.erase()
        waiting = queryset.count() - len(erasable)
        message = f"Erased the name and email of {len(erasable)}."
        if waiting:
            message += f" {waiting} still open: answer or dismiss them first."
        self.message_user(request, message, messages.WARNING if waiting else messages.SUCCESS)

    def get_urls(self):
        def view(name, function):
            wrapped = self.admin_site.admin_view(function)
            return path(f"<int:pk>/{name}/", wrapped, name=f"feedback_submission_{name}")

        draft = require_POST(self.draft_view)
        return [view("reply", self.reply_view), view("draft", draft), *super().get_urls()]

    def editable(self, request, pk):
        submission = get_object_or_404(Submission, pk=pk)
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        return submission

    def reply_view(self, request, pk):
        """Write to the reader at the address they left; the email goes by a task."""
        submission = self.editable(request, pk)
        if not submission.email:
            raise Http404("The reader left no address, or it has been erased.")
        form = ReplyForm(request.POST or None, initial={"subject": "Your story on CSX Library"})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            replies.write(submission, data["subject"], data["body"], request.user)
            self.message_user(request, f"Reply on its way to {submission.email}.")
            return HttpResponseRedirect(admin_url(submission))
        context = {
            **self.admin_site.each_context(request),
            "title": "Reply by email",
            "opts": self.opts,
            "original": submission,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/feedback/submission/reply.html", context)

    def draft_view(self, request, pk):
        """The submission's own "Make a draft story" button: the draft, through the workflow."""
        submission = self.editable(request, pk)
        if submission.story is not None:
            self.message_user(request, "It already has a draft story.", messages.INFO)
            return HttpResponseRedirect(admin_url(submission.story))
        try:
            story = submission.make_draft_story(request.user)
        except PermissionDenied:
            self.message_user(
                request,
                "Sent without consent to publish: for the editors' eyes only, "
                "so no draft story was made.",
                messages.ERROR,
            )
            return HttpResponseRedirect(admin_url(submission))
        self.message_user(
            request,
            "Draft story made. Write its takeaway and edit it, then send it through review.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(admin_url(story))


@admin.register(Feedback)
class FeedbackAdmin(HandledAdmin):
    """Readers' answers to "was this helpful?": what they said is read-only; editors set its
    state, assignee and note. See also the per-item summary."""

    # The item's link says what it is; the type is a filter. So the list fits 1280 px.
    list_display = ["day", "item_link", "helpful", "reason", "comment_start", "state", "assignee"]
    list_filter = [*HANDLING_FILTERS, "helpful", "reason", ("content_type", TypeFilter), "day"]
    list_select_related = ["content_type", "assignee"]
    search_fields = ["comment"]
    date_hierarchy = "day"
    show_full_result_count = False  # no second count(*) of every answer (ContentAdmin's reason)
    actions = HANDLING_ACTIONS
    fields = ["item_link", "helpful", "reason", "comment", "day", "task", *HANDLING_FIELDS]
    readonly_fields = ["item_link", "helpful", "reason", "comment", "day", "task"]

    def has_add_permission(self, request):
        return False  # readers answer on the pages

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    @admin.display(description="Item")
    def item_link(self, feedback):
        url = dashboard.admin_url(feedback.item)
        return format_html('<a href="{}">{}</a>', url, feedback.item) if url else "(deleted)"

    @admin.display(description="Comment")
    def comment_start(self, feedback):
        return Truncator(feedback.comment).chars(120)

    def get_urls(self):
        summary = self.admin_site.admin_view(self.summary_view)
        return [path("summary/", summary, name="feedback_feedback_summary"), *super().get_urls()]

    def summary_view(self, request):
        if not self.has_view_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Feedback per item, last {dashboard.DAYS} days",
            "opts": self.model._meta,
            "items": dashboard.feedback_by_item(limit=50, everything=True),
            "days": dashboard.DAYS,
        }
        return TemplateResponse(request, "admin/feedback/feedback/summary.html", context)


class ReportInline(admin.TabularInline):
    model = Feedback
    fields = ["day", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "reader's report"
    verbose_name_plural = "readers' reports"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VerificationTask)
class VerificationTaskAdmin(HandledAdmin):
    """Statistics readers think look wrong: check each against its source, then close."""

    list_display = ["statistic", "state", "assignee", "opened", "report_count", "closed"]
    list_filter = [*HANDLING_FILTERS, "opened"]
    list_select_related = ["statistic", "assignee"]
    fields = [
        "statistic", "record_check", "opened", "closed", "answered_by", "finding",
        *HANDLING_FIELDS,
    ]  # fmt: skip
    readonly_fields = ["statistic", "record_check", "opened", "closed", "answered_by"]
    inlines = [ReportInline]
    actions = HANDLING_ACTIONS

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    @admin.display(description="Check it")
    def record_check(self, task):
        # The check goes in the statistic's verification log; logging it closes this task.
        url = change_url("principles", "statistic", task.statistic_id)
        return format_html(
            '<a href="{}#checks-group">Record a check in the statistic’s verification log</a>'
            " (adding it closes this task with its result)",
            url,
        )

    @admin.display(description="Reports", ordering="report_count")
    def report_count(self, task):
        return task.report_count
