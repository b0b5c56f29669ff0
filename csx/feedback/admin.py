"""Moderating what readers send: the queue of shared stories (turned into draft stories or
rejected, personal data erased), the answers to "was this helpful?" per item, and the
verification tasks a doubted statistic opens."""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from csx.content.admin_links import admin_url, change_url
from csx.editorial.admin.filters import TypeFilter
from csx.editorial.admin.library import ReadOnlyAdmin
from csx.feedback import dashboard
from csx.feedback.models import Feedback, Submission, VerificationTask


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Stories readers shared, waiting for an editor: never public as they are."""

    list_display = [
        "received",
        "status",
        "opening",
        "went",
        "consent",
        "channel",
        "company",
        "draft",
    ]
    list_filter = ["status", "consent", "went", "channel", "received"]
    list_select_related = ["story"]
    search_fields = ["what_happened", "company"]
    date_hierarchy = "received"
    actions = ["make_draft_stories", "accept", "reject", "erase_personal_data"]
    fields = [
        "what_happened", "company", "channel", "went", "name", "email", "consent",
        "received", "erased", "draft", "status", "editor_note",
    ]  # fmt: skip
    readonly_fields = [
        "what_happened", "company", "channel", "went", "name", "email", "consent",
        "received", "erased", "draft",
    ]  # fmt: skip

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

    @admin.action(description="Mark as accepted", permissions=["change"])
    def accept(self, request, queryset):
        count = queryset.update(status=Submission.Status.ACCEPTED)
        self.message_user(request, f"Accepted {count}.", messages.SUCCESS)

    @admin.action(description="Mark as rejected", permissions=["change"])
    def reject(self, request, queryset):
        count = queryset.update(status=Submission.Status.REJECTED)
        self.message_user(request, f"Rejected {count}.", messages.SUCCESS)

    @admin.action(
        description="Erase name and email (accepted or rejected only)", permissions=["change"]
    )
    def erase_personal_data(self, request, queryset):
        erasable = queryset.decided()
        for submission in erasable:
            submission.erase()
        waiting = queryset.count() - len(erasable)
        message = f"Erased the name and email of {len(erasable)}."
        if waiting:
            message += f" {waiting} still new: accept or reject them first."
        self.message_user(request, message, messages.WARNING if waiting else messages.SUCCESS)


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    """Readers' answers to "was this helpful?". Read-only; see also the per-item summary."""

    list_display = ["day", "item_link", "content_type", "helpful", "reason", "comment_start"]
    list_filter = ["helpful", "reason", ("content_type", TypeFilter), "day"]
    list_select_related = ["content_type"]
    search_fields = ["comment"]
    date_hierarchy = "day"
    show_full_result_count = False  # no second count(*) of every answer (ContentAdmin's reason)

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
            "items": dashboard.feedback_by_item(limit=50),
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
class VerificationTaskAdmin(admin.ModelAdmin):
    """Statistics readers think look wrong: check each against its source, then close."""

    list_display = ["statistic", "opened", "report_count", "closed"]
    list_filter = [("closed", admin.EmptyFieldListFilter), "opened"]
    list_select_related = ["statistic"]
    fields = ["statistic", "record_check", "opened", "closed", "answered_by", "finding"]
    readonly_fields = ["statistic", "record_check", "opened", "closed", "answered_by"]
    inlines = [ReportInline]
    actions = ["close"]

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

    @admin.action(description="Close: checked", permissions=["change"])
    def close(self, request, queryset):
        tasks = VerificationTask.objects.open().filter(pk__in=[task.pk for task in queryset])
        count = tasks.update(closed=timezone.now())
        self.message_user(request, f"Closed {count} task(s).", messages.SUCCESS)
