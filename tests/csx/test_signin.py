"""Admin sign-in: django-axes locks a user name out after repeated failures from anywhere,
and a client address after repeated failures with any name; `manage.py axes_reset_username`
(or `axes_reset_ip`, `axes_reset`) unlocks at once."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
RIGHT = "a-long-test-password"  # the editor fixture's


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_right_password_signs_in(client, editor):
    assert sign_in(client, "editor", RIGHT).headers["Location"] == "/admin/"


def test_five_failures_lock_the_name_out_wherever_they_come_from(client, editor, settings):
    statuses = [
        sign_in(client, "editor", "wrong", address=f"10.0.1.{attempt}").status_code
        for attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = sign_in(client, "editor", RIGHT, address="10.0.2.1")
    assert locked.status_code == 429
    assert "Signing in is locked for now" in locked.text
    assert locked.headers["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME * 3600))


def test_five_failures_lock_the_address_out_whatever_the_name(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong", address="10.0.3.1")
    assert sign_in(client, "editor", RIGHT, address="10.0.3.1").status_code == 429
    assert sign_in(client, "editor", RIGHT, address="10.0.3.2").status_code == 302


def test_the_lockout_page_says_when_it_ends_and_who_can_help(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong")
    page = sign_in(client, "editor", RIGHT).text
    assert "After 5 failed attempts" in page
    assert "they can unlock you at once" in page
    assert "CSX Library editors" in page  # the admin's own header


def test_resetting_the_name_unlocks_it(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong", address=f"10.0.4.{attempt}")
    call_command("axes_reset_username", "editor")
    assert sign_in(client, "editor", RIGHT, address="10.0.5.1").status_code == 302
