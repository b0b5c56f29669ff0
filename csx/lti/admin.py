"""Registering an LMS: the administrator types what the LMS gave (issuer, client id,
deployment ids, its three addresses) and copies what the library gives back (its four
addresses and its public key). The tool's key pair is made when the platform is saved the
first time; no one types or sees the private key. pylti1p3's own admins (which ask for keys
to be pasted) are replaced by this one."""

import json
from contextlib import suppress

from django import forms
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool, LtiToolKey

from csx.lti import platforms
from csx.lti.models import Platform

for model in (LtiTool, LtiToolKey):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class PlatformForm(forms.ModelForm):
    deployment_ids = forms.CharField(
        label="Deployment ids",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, as the LMS shows them (Moodle: the tool's Deployment ID; "
        "Canvas: the deployment id of the app installed from the developer key).",
    )

    class Meta:
        model = Platform
        fields = [
            "title", "is_active", "issuer", "client_id", "deployment_ids", "auth_login_url",
            "auth_token_url", "auth_audience", "key_set_url",
        ]  # fmt: skip
        labels = {
            "issuer": "Issuer (Platform ID)",
            "auth_login_url": "Authentication request URL",
            "auth_token_url": "Access token URL",
            "auth_audience": "Token audience",
            "key_set_url": "Public keyset URL",
        }
        help_texts = {
            "issuer": "Moodle: Platform ID (your Moodle's address). Canvas: "
            "https://canvas.instructure.com (a test instance: https://canvas.test.instructure.com).",
            "client_id": "Moodle: Client ID of the tool. Canvas: the developer key's number.",
            "auth_login_url": "Where the library sends the browser to be signed in by the LMS.",
            "auth_token_url": "Where the library asks for a token to send grades.",
            "key_set_url": "Where the LMS publishes the keys its launches are signed with.",
            "auth_audience": "Leave empty unless the LMS names one (Moodle and Canvas do not).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("deployment_ids")
        if stored:
            with suppress(ValueError, TypeError):
                self.initial["deployment_ids"] = "\n".join(json.loads(stored))
        self.fields["key_set_url"].required = True

    def clean_deployment_ids(self):
        lines = self.cleaned_data["deployment_ids"].splitlines()
        ids = [line.strip() for line in lines if line.strip()]
        if not ids:
            raise forms.ValidationError("Give at least one deployment id.")
        return json.dumps(ids)


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    form = PlatformForm
    list_display = ["title", "issuer", "client_id", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "issuer", "client_id"]
    readonly_fields = ["tool_addresses", "public_key"]
    fieldsets = [
        (None, {"fields": ["title", "is_active"]}),
        ("What the LMS gave you", {"fields": [
            "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url",
            "key_set_url", "auth_audience",
        ]}),
        ("What to paste into the LMS", {"fields": ["tool_addresses", "public_key"]}),
    ]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not obj.tool_key_id:
            obj.tool_key = platforms.new_key(obj.title)
        super().save_model(request, obj, form, change)

    @admin.display(description="The library's addresses")
    def tool_addresses(self, obj):
        rows = [
            ("Tool URL / Redirection URI / Target link URI", reverse("lti:launch")),
            ("Initiate login URL / OpenID Connect Initiation URL", reverse("lti:login")),
            ("Public keyset URL / JWK URL", reverse("lti:jwks")),
            ("Content-item (deep linking) URL", reverse("lti:launch")),
        ]
        request_base = settings.SITE_URL
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "", "<dt>{}</dt><dd><code>{}{}</code></dd>", ((n, request_base, u) for n, u in rows)
            ),
        )

    @admin.display(description="The library's public key (for an LMS that asks for it pasted)")
    def public_key(self, obj):
        if not obj.pk or not obj.tool_key_id:
            return "Made when you save."
        return format_html("<pre>{}</pre>", obj.tool_key.public_key)
