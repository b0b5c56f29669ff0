"""The two roles: Editors write and submit; Publishers also approve, publish and restore."""

import os
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from csx.editorial.permissions import PUBLISH, can_publish

pytestmark = pytest.mark.django_db


def permissions(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_publishers_may_do_everything_editors_may_and_publish():
    assert permissions("Publishers") == permissions("Editors") | {PUBLISH}


def test_editors_may_not_publish(editor, publisher):
    assert not can_publish(editor)
    assert can_publish(publisher)


def test_create_editor_makes_a_publisher_when_asked(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "a-long-enough-pass-phrase")
    call_command("create_editor", "chief", "--publisher", "--password-from-env", "NEW_PASSWORD")
    user = User.objects.get(username="chief")
    assert list(user.groups.values_list("name", flat=True)) == ["Publishers"]
    assert user.check_password("a-long-enough-pass-phrase")


def test_password_from_the_environment_is_never_printed(monkeypatch, capsys):
    monkeypatch.setenv("NEW_PASSWORD", "a-long-enough-pass-phrase")
    call_command("create_editor", "scripted", "--password-from-env", "NEW_PASSWORD")
    printed = capsys.readouterr()
    assert "a-long-enough-pass-phrase" not in printed.out + printed.err
    assert "Editor 'scripted'" in printed.out


def test_a_missing_password_variable_is_refused(monkeypatch):
    monkeypatch.delenv("NEW_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="NEW_PASSWORD is not set"):
        call_command("create_editor", "scripted", "--password-from-env", "NEW_PASSWORD")
    assert not User.objects.filter(username="scripted").exists()


def test_a_weak_password_from_the_environment_is_refused_without_echoing_it(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "abc")
    with pytest.raises(CommandError, match="is refused") as refusal:
        call_command("create_editor", "scripted", "--password-from-env", "NEW_PASSWORD")
    assert "abc" not in str(refusal.value).replace("NEW_PASSWORD", "")


@pytest.mark.own_site  # over a SQLite file of its own, whatever DATABASE_URL says
def test_make_editor_works_in_a_fresh_terminal(tmp_path):
    """What `make run` prints, run with none of the DJANGO_ settings a shell might carry."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        BOT_PASSWORD="a-long-enough-pass-phrase",
    )
    result = subprocess.run(
        ["make", "--no-print-directory", "editor", "NAME=bot", "PASSWORD_VAR=BOT_PASSWORD"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Editor 'bot' can now log in" in result.stdout
    assert "a-long-enough-pass-phrase" not in result.stdout + result.stderr
