"""Registering an LMS: the administrator types what the LMS gave (issuer, client id,
deployment ids, its three addresses) and copies what the library gives back (its four
addresses, named as Moodle and Canvas name them, and its public key). The tool's key pair is
made when the platform is saved the first time; no one types or sees the private key.
pylti1p3's own admins (which ask for keys to be pasted) are replaced by this one.

The library's addresses are built from SITE_URL (DJANGO_SITE_URL), not from the address the
admin is read at: an administrator on an internal address must not hand that to the LMS. When
the two differ, the page says so above the addresses and at its top (docs/lms.md, 5.4)."""

import copy
import json
from contextlib import suppress
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool, LtiToolKey

from csx.lti import platforms
from csx.lti.models import Platform

# What Moodle and Canvas call each of the library's addresses (docs/lms.md, section 5 keeps
# the same table), and the address's name in csx/lti/urls.py.
TOOL_ADDRESSES = [
    (
        "Tool URL, Redirection URI(s) (Moodle); Redirect URIs, Target Link URI (Canvas)",
        "lti:launch",
    ),
    ("Initiate login URL (Moodle); OpenID Connect Initiation Url (Canvas)", "lti:login"),
    ("Public keyset (Moodle); Public JWK URL (Canvas)", "lti:jwks"),
    ("Content Selection URL (Moodle); each placement's Target Link URI (Canvas)", "lti:launch"),
]
PASTE = "What to paste into the LMS"

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
            "issuer": "Exactly as the LMS shows it (no / is added). Moodle: Platform ID, your "
            "Moodle's address, e.g. https://moodle.example.edu. Instructure's hosted Canvas: "
            "https://canvas.instructure.com (a test instance: https://canvas.test.instructure.com; "
            "beta: https://canvas.beta.instructure.com).",
            "client_id": "Moodle: Client ID of the tool. Canvas: the developer key's number.",
            "auth_login_url": "Where the library sends the browser to be signed in by the LMS. "
            "Moodle: …/mod/lti/auth.php. Hosted Canvas: "
            "https://sso.canvaslms.com/api/lti/authorize_redirect.",
            "auth_token_url": "Where the library asks for a token to send grades. Moodle: "
            "…/mod/lti/token.php. Hosted Canvas: https://sso.canvaslms.com/login/oauth2/token.",
            "key_set_url": "Where the LMS publishes the keys its launches are signed with. "
            "Moodle: …/mod/lti/certs.php. Hosted Canvas: "
            "https://sso.canvaslms.com/api/lti/security/jwks.",
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
        (PASTE, {"fields": ["tool_addresses", "public_key"]}),
    ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        elsewhere = viewed_elsewhere(request)
        if not elsewhere:
            return self.fieldsets
        fieldsets = copy.deepcopy(self.fieldsets)
        fieldsets[-1][1]["description"] = format_html(
            '<p class="errornote">{}</p>', site_url_warning(elsewhere)
        )
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET" and (elsewhere := viewed_elsewhere(request)):
            messages.warning(request, site_url_warning(elsewhere))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not obj.tool_key_id:
            obj.tool_key = platforms.new_key(obj.title)
        super().save_model(request, obj, form, change)

    @admin.display(description="The library's addresses")
    def tool_addresses(self, obj):
        rows = ((label, settings.SITE_URL + reverse(name)) for label, name in TOOL_ADDRESSES)
        return format_html(
            "<dl>{}</dl><p>Built from the setting DJANGO_SITE_URL, now <code>{}</code>.</p>",
            format_html_join("", "<dt>{}</dt><dd><code>{}</code></dd>", rows),
            settings.SITE_URL,
        )

    @admin.display(description="The library's public key (for an LMS that asks for it pasted)")
    def public_key(self, obj):
        if not obj.pk or not obj.tool_key_id:
            return "Made when you save."
        return format_html("<pre>{}</pre>", obj.tool_key.public_key)


def origin(url):
    """(scheme, host, port) of `url`, the port filled in when it is the scheme's default."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    with suppress(ValueError):
        return parts.scheme, (parts.hostname or "").lower(), parts.port or default
    return parts.scheme, parts.netloc.lower(), None


def viewed_elsewhere(request):
    """The address the admin is read at, when it is not SITE_URL's; None when it is."""
    viewed = request.build_absolute_uri("/").rstrip("/")
    return None if origin(viewed) == origin(settings.SITE_URL) else viewed


def site_url_warning(viewed):
    return (
        f"Check these addresses before pasting them into the LMS: they are built from the "
        f"setting DJANGO_SITE_URL, now {settings.SITE_URL}, but you are reading this page "
        f"at {viewed}. Set DJANGO_SITE_URL to the address the LMS and learners reach the "
        f"library at (if that is this one: DJANGO_SITE_URL={viewed}) in the library's "
        f"environment, and restart the library and its worker."
    )
