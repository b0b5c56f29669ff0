"""The team in the admin: people, their roles and emails, managed by a managing editor
(csx/editorial/permissions.py) as well as by a superuser.

A managing editor may invite someone (an email with a link to choose their password),
deactivate people, change their names and emails, and give the roles (Editors, Publishers,
Managing editors) and nothing else: they never see or change a superuser, never make one,
and never grant a single permission outside the roles. Their other groups stay as they are.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from csx.editorial.notifications import site_url
from csx.editorial.permissions import ROLES, WITH
from csx.serving import mail, tasks

User = get_user_model()


class InviteForm(AdminUserCreationForm):
    """A new team member: who, where to write to, and their role. Left without a password,
    they choose their own from the invitation."""

    role = forms.ModelChoiceField(
        queryset=Group.objects.filter(name__in=ROLES).order_by("name"),
        help_text="Editors write and submit; Publishers also approve and publish; Managing "
        "editors are publishers who also manage the team.",
    )

    class Meta(AdminUserCreationForm.Meta):
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The invitation, reminders and notifications go here."
        if "usable_password" in self.fields:
            self.fields["usable_password"].initial = "false"  # they choose it themselves


def invitation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("admin:welcome", args=[uid, default_token_generator.make_token(user)])


@task()
def send_invitation(user_pk, inviter, tries=0):
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.email or user.has_usable_password():
        return  # gone, or has chosen a password already: the link would not work
    with mail.retried(send_invitation, user_pk, inviter, tries=tries):
        invitation(user, inviter).send()


def invitation(user, inviter):
    return EmailMessage(
        subject="CSX Library: you are invited to the editors' desk",
        body=(
            f"Hello {user.get_full_name() or user.get_username()},\n\n"
            f"{inviter} has invited you to edit CSX Library. Choose your password here "
            f"(the link works once, for a few days):\n\n{site_url(invitation_path(user))}\n\n"
            f"Then sign in as {user.get_username()} at {site_url(reverse('admin:login'))}\n"
        ),
        to=[user.email],
    )


class TeamAdmin(UserAdmin):
    add_form = InviteForm
    list_display = ["username", "email", "first_name", "last_name", "roles", "is_active",
                    "last_login"]  # fmt: skip
    list_filter = ["is_active", "groups"]
    actions = ["deactivate", "invite_again"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": [
            "username", "first_name", "last_name", "email", "role",
            "usable_password", "password1", "password2",
        ]}),
    ]  # fmt: skip
    team_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email"]}),
        ("Role", {"fields": ["is_active", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]

    @admin.display(description="Roles")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        people = super().get_queryset(request).prefetch_related("groups")
        return people if request.user.is_superuser else people.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.team_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["last_login", "date_joined"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # People are deactivated, never deleted, except by a superuser: their names stay
        # on what they did.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = False  # not in their form; never by a crafted post either
        obj.is_staff = True  # a team member signs in to the admin
        request.csx_other_groups = (
            list(obj.groups.exclude(name__in=ROLES)) if change and obj.pk else []
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        user.groups.add(*getattr(request, "csx_other_groups", []))
        role = form.cleaned_data.get("role")
        if role is not None:
            user.groups.add(role)
        for name in user.groups.filter(name__in=WITH).values_list("name", flat=True):
            user.groups.add(*Group.objects.filter(name__in=WITH[name]))
        if not change:
            self.invite(request, user)

    def invite(self, request, user):
        if user.has_usable_password() or not user.email:
            return
        inviter = request.user.get_full_name() or request.user.get_username()
        tasks.enqueue(send_invitation, user.pk, inviter)
        self.message_user(request, f"An invitation is on its way to {user.email}.")

    @admin.action(description="Deactivate the selected people (they can no longer sign in)")
    def deactivate(self, request, queryset):
        count = queryset.exclude(pk=request.user.pk).update(is_active=False)
        self.message_user(request, f"Deactivated {count} person(s).", messages.SUCCESS)

    @admin.action(description="Send the invitation again")
    def invite_again(self, request, queryset):
        for user in queryset:
            self.invite(request, user)


admin.site.unregister(User)
admin.site.register(User, TeamAdmin)
