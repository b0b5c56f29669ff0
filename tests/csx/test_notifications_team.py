"""The managing editor (csx/editorial/admin/team.py): invites people, deactivates them, gives
roles and emails, without being a superuser and without being able to make one or touch one."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from csx.editorial.permissions import MANAGING_EDITORS, can_manage_team, can_publish
from tests.csx.test_notifications import staff
from tests.roles import role

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-pass-phrase"


@pytest.fixture
def manager(client):
    user = staff("morgan", MANAGING_EDITORS)
    user.groups.add(role("Publishers"))
    client.force_login(user)
    return user


@pytest.fixture
def root():
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


def change(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def change_data(client, user, **changes):
    """The fields of `user`'s change form as the managing editor sees it, with `changes`."""
    form = client.get(change(user)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "password"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["groups"] = [str(pk) for pk in data.get("groups", [])]
    return {**data, **changes}


def test_the_role_is_a_publisher_who_manages_the_team_and_is_no_superuser(manager):
    assert can_publish(manager) and can_manage_team(manager)
    assert not manager.is_superuser
    assert not can_manage_team(staff("pat", "Publishers"))
    team = Group.objects.get(name=MANAGING_EDITORS).permissions.values_list("codename", flat=True)
    assert set(team) == {"add_user", "change_user", "view_user", "view_group"}


def test_the_team_page_lists_people_but_no_superuser(client, manager, root):
    staff("edna", "Editors")
    page = client.get(reverse("admin:auth_user_changelist"))
    assert page.status_code == 200
    names = {user.username for user in page.context["cl"].result_list}
    assert names == {"morgan", "edna"}
    assert client.get(change(root)).status_code in (302, 403)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker runs
def test_an_invitation_makes_a_staff_login_with_a_role_and_emails_a_link(client, manager):
    answer = client.post(
        reverse("admin:auth_user_add"),
        {"username": "nova", "email": "nova@example.org", "first_name": "Nova",
         "last_name": "", "role": role("Editors").pk,
         "usable_password": "false", "password1": "", "password2": ""},
    )  # fmt: skip
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    nova = User.objects.get(username="nova")
    assert (nova.is_staff, nova.is_superuser, nova.has_usable_password()) == (True, False, False)
    assert list(nova.groups.values_list("name", flat=True)) == ["Editors"]
    call_command("worker", "--batch", verbosity=0)
    [invitation] = mail.outbox
    assert invitation.to == ["nova@example.org"]
    link = next(word for word in invitation.body.split() if "/admin/welcome/" in word)
    chooser = client.get(link.replace(settings.SITE_URL, ""), follow=True)
    assert chooser.status_code == 200
    done = client.post(
        chooser.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert done.status_code == 302
    nova.refresh_from_db()
    assert nova.check_password(PASSWORD)


def test_roles_and_emails_are_changed_but_superuser_and_permissions_are_not_offered(
    client, manager
):
    edna = staff("edna", "Editors")
    form = client.get(change(edna)).context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == {
        "Editors", "Publishers", MANAGING_EDITORS,
    }  # fmt: skip
    publishers = str(Group.objects.get(name="Publishers").pk)
    anything = Permission.objects.first().pk
    data = change_data(client, edna, email="edna@example.org", groups=[publishers],
                       is_superuser="on", user_permissions=[anything])  # fmt: skip
    answer = client.post(change(edna), data)
    assert answer.status_code == 302
    edna.refresh_from_db()
    assert (edna.email, edna.is_superuser, edna.user_permissions.count()) == (
        "edna@example.org", False, 0,
    )  # fmt: skip
    assert list(edna.groups.values_list("name", flat=True)) == ["Publishers"]


def test_giving_the_managing_editor_role_makes_a_publisher_too(client, manager):
    edna = staff("edna", "Editors")
    managing = str(Group.objects.get(name=MANAGING_EDITORS).pk)
    client.post(change(edna), change_data(client, edna, groups=[managing]))
    assert set(edna.groups.values_list("name", flat=True)) == {MANAGING_EDITORS, "Publishers"}
    assert can_manage_team(User.objects.get(pk=edna.pk))


def test_groups_beyond_the_roles_are_kept_when_roles_change(client, manager):
    edna = staff("edna", "Editors")
    edna.groups.add(Group.objects.create(name="Auditors"))
    client.post(change(edna), change_data(client, edna))
    assert set(edna.groups.values_list("name", flat=True)) == {"Editors", "Auditors"}


def test_deactivating_someone_stops_their_sign_in_but_keeps_them(client, manager):
    edna = staff("edna", "Editors")
    answer = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [edna.pk, manager.pk]},
    )
    assert answer.status_code == 302
    edna.refresh_from_db()
    manager.refresh_from_db()
    assert (edna.is_active, manager.is_active) == (False, True)  # never themselves


def test_a_managing_editor_deletes_nobody_and_cannot_touch_a_superuser(client, manager, root):
    edna = staff("edna", "Editors")
    assert client.get(reverse("admin:auth_user_delete", args=[edna.pk])).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[root.pk])
    answer = client.post(password, {"password1": "x" * 20, "password2": "x" * 20})
    assert answer.status_code == 404  # out of its sight
    root.refresh_from_db()
    assert root.check_password(PASSWORD) and root.is_superuser


def test_create_editor_makes_a_managing_editor_when_asked(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", PASSWORD)
    call_command("create_editor", "mo", "--managing-editor", "--email", "mo@example.org",
                 "--password-from-env", "NEW_PASSWORD", stdout=io.StringIO())  # fmt: skip
    mo = User.objects.get(username="mo")
    assert set(mo.groups.values_list("name", flat=True)) == {"Publishers", MANAGING_EDITORS}
    assert can_manage_team(mo) and can_publish(mo) and not mo.is_superuser


def test_an_editor_or_publisher_does_not_manage_the_team(client):
    client.force_login(staff("pat", "Publishers"))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
