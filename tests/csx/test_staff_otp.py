"""Staff sign-in with an authenticator app (django-otp's TOTP): whoever has one set up gives
its code; with CSX_STAFF_OTP_REQUIRED on, everyone must. Codes here are real ones, computed
from the device's key as the app on a phone would."""

from base64 import b32encode
from io import StringIO

import pytest
from django.conf import settings as project_settings
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
RIGHT = "a-long-test-password"  # the editor fixture's


def code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def wrong(device):
    return f"{(int(code(device)) + 1) % 1_000_000:06d}"


def sign_in(client, token=None):
    data = {"username": "editor", "password": RIGHT}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data, REMOTE_ADDR="10.0.9.1")


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)


def test_the_right_code_signs_in(client, device):
    assert sign_in(client, code(device)).headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, device):
    page = sign_in(client, wrong(device))
    assert page.status_code == 200
    assert "That code is wrong or has expired" in page.text
    assert client.get("/admin/").status_code == 302  # still signed out


def test_a_missing_code_is_refused_for_someone_with_an_authenticator(client, device):
    page = sign_in(client)
    assert "Enter the code your authenticator app shows" in page.text
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_lock_the_name_out_as_wrong_passwords_do(client, device, settings):
    statuses = [
        sign_in(client, wrong(device)).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(client, code(device)).status_code == 429


def test_an_unconfirmed_device_asks_for_no_code(client, editor):
    TOTPDevice.objects.create(user=editor, name="Half set up", confirmed=False)
    assert sign_in(client).headers["Location"] == "/admin/"


def test_without_an_authenticator_the_password_is_enough_by_default(client, editor):
    page = client.get(LOGIN)
    assert "Code from your authenticator app" in page.text
    assert "else leave it empty" in page.text
    assert sign_in(client).headers["Location"] == "/admin/"


def test_when_required_someone_without_an_authenticator_is_refused(client, editor, settings):
    settings.CSX_STAFF_OTP_REQUIRED = True
    page = sign_in(client)
    assert "you have none set up yet" in page.text
    assert client.get("/admin/").status_code == 302


def test_when_required_a_password_only_session_must_sign_in_again(client, editor, settings):
    client.force_login(editor)  # as a session begun before the setting was turned on
    assert client.get("/admin/").status_code == 200
    settings.CSX_STAFF_OTP_REQUIRED = True
    assert client.get("/admin/").headers["Location"].startswith("/admin/login/")


def test_when_required_the_right_code_signs_in(client, device, settings):
    settings.CSX_STAFF_OTP_REQUIRED = True
    assert sign_in(client, code(device)).headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_command_prints_an_address_whose_codes_sign_in(client, editor, device):
    out = StringIO()
    call_command("add_totp_device", "editor", stdout=out, stderr=StringIO())
    url = out.getvalue().strip()
    new = TOTPDevice.objects.get(user=editor)  # it replaced the old one
    assert new.pk != device.pk and new.confirmed
    secret = b32encode(new.bin_key).decode()
    assert url.startswith(f"otpauth://totp/CSX%20Library%3Aeditor?secret={secret}&")
    assert sign_in(client, code(new)).headers["Location"] == "/admin/"


def test_the_command_refuses_someone_who_is_not_staff(django_user_model):
    django_user_model.objects.create_user("reader", password=RIGHT)
    with pytest.raises(CommandError, match="No staff member is called 'reader'"):
        call_command("add_totp_device", "reader")


def test_a_staff_session_lasts_a_working_day():
    assert project_settings.SESSION_COOKIE_AGE == 10 * 60 * 60
