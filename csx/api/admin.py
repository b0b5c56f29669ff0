"""Tokens for integrations (each shown once, when made), webhook subscriptions, and the log
of deliveries with every attempt, where a publisher can send one again."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from csx.api import webhooks
from csx.api.models import Attempt, Delivery, Subscription, Token
from csx.api.scopes import EVENTS, SCOPES


class TokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=SCOPES.items(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Token
        fields = ["user", "name", "scopes", "revoked_at"]


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    form = TokenForm
    list_display = ["name", "user", "prefix", "scope_labels", "created", "last_used", "revoked_at"]
    list_filter = ["revoked_at"]
    readonly_fields = ["prefix", "created", "last_used"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            secret = obj.issue()
            messages.warning(
                request,
                f"The token for “{obj.name}”: {secret} — copy it now; it is not shown again.",
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        done = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{done} token(s) revoked.")


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https",
                         help_text="Where events are POSTed.")  # fmt: skip
    events = forms.MultipleChoiceField(choices=EVENTS.items(), widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Subscription
        fields = ["url", "events", "secret", "active", "note"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        webhooks.validate_target(url)
        return url


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["url", "event_labels", "active", "created"]
    list_filter = ["active"]


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = readonly_fields = ["at", "response_code", "error", "milliseconds"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created", "event", "subscription", "status", "attempts", "last_answer",
                    "delivered_at"]  # fmt: skip
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    fields = readonly_fields = [
        "subscription", "event", "message_id", "status", "attempts", "next_attempt_at",
        "created", "delivered_at", "payload",
    ]  # fmt: skip
    inlines = [AttemptInline]
    actions = ["deliver_again"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="last answer")
    def last_answer(self, delivery):
        attempt = delivery.tries.last()
        if attempt is None:
            return "—"
        return attempt.response_code or attempt.error

    @admin.action(description="Deliver the selected again")
    def deliver_again(self, request, queryset):
        for delivery in queryset:
            webhooks.redeliver(delivery)
        self.message_user(request, f"{queryset.count()} delivery(ies) queued again.")
