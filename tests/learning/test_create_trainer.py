"""`manage.py create_trainer` (make trainer): a login by email in the Trainers group, not staff."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from csx.learning import roles

pytestmark = pytest.mark.django_db


def test_create_trainer_makes_a_trainer_who_is_not_staff(monkeypatch):
    monkeypatch.setenv("TRAINER_PASSWORD", "teal-otter-harbour-93")
    call_command("create_trainer", "Tess@Example.org", password_from_env="TRAINER_PASSWORD")
    tess = User.objects.get(username="tess@example.org")
    assert (roles.is_trainer(tess), tess.is_staff) == (True, False)
