"""Invitations (csx/learning/invitations.py): a signed link that expires; choosing a password
makes a learner of the cohort, signed in; an address with an account signs in and joins."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from csx.learning import invitations, roles
from csx.learning.models import Invitation
from tests import markup
from tests.learning.helpers import cohort_with, learner, person, three_step_path, trainer

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "teal-otter-harbour-93"


@pytest.fixture
def invited():
    cohort = cohort_with([], [three_step_path()])
    return Invitation.objects.create(cohort=cohort, email="new@example.com", invited_by=trainer())


def link(invitation):
    return invitations.url(invitation)


def choose(client, invitation, **fields):
    form = {"name": "Noor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **fields}
    return client.post(link(invitation), form)


def test_choosing_a_password_makes_a_signed_in_learner_of_the_cohort(client, invited):
    response = choose(client, invited)
    assert (response.status_code, response["Location"]) == (302, reverse("learning:my_learning"))
    user = User.objects.get(username="new@example.com")
    assert list(user.cohorts.all()) == [invited.cohort]
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNERS]
    assert markup.one(client.get(response["Location"]), ".course h2 a").text


def test_the_new_learner_is_signed_in_as_the_invited_address(client, invited):
    choose(client, invited)
    assert client.get(reverse("learning:my_learning")).context["user"].email == invited.email


def test_an_accepted_invitation_is_marked_used(client, invited):
    choose(client, invited)
    invited.refresh_from_db()
    assert (invited.accepted_at is not None, invited.learner.username) == (True, invited.email)


def test_passwords_that_differ_are_refused_and_the_name_is_kept(client, invited):
    response = choose(client, invited, password2="something-else-entirely")
    assert response.status_code == 200
    assert markup.one(response, "#id_name")["value"] == "Noor"
    assert markup.text(markup.one(response, ".error-summary li")) == (
        "The two passwords differ: type the same one twice."
    )
    assert not User.objects.filter(username=invited.email).exists()


def test_a_common_password_is_refused_by_the_sites_rules(client, invited):
    response = choose(client, invited, password1="password123", password2="password123")
    assert markup.one(response, ".error-summary")
    assert not User.objects.filter(username=invited.email).exists()


def test_an_altered_link_is_not_found(client, invited):
    response = client.get(link(invited)[:-3] + "xyz/")
    assert response.status_code == 404
    assert markup.text(markup.one(response, "main h1")) == "This invitation link does not work"


def test_a_link_older_than_the_setting_has_expired(client, invited, settings):
    url = link(invited)
    later = timezone.now() + datetime.timedelta(days=settings.LEARNING_INVITATION_DAYS, hours=1)
    with time_machine.travel(later):
        response = client.get(url)
    assert response.status_code == 410
    assert markup.text(markup.one(response, "main h1")) == "This invitation has expired"


def test_a_withdrawn_invitations_link_is_not_found(client, invited):
    url = link(invited)
    invited.delete()
    assert client.get(url).status_code == 404


def test_a_used_link_makes_no_second_account(client, invited):
    choose(client, invited)
    client.logout()
    response = choose(client, invited, name="Someone else")
    assert markup.text(markup.one(response, "main h1")) == "This invitation was used"
    assert User.objects.filter(username=invited.email).count() == 1


def test_an_address_with_an_account_is_asked_to_sign_in_to_join(client, invited):
    learner(invited.email)
    address = link(invited)  # signed with the time: made once, so a second ticking by is no matter
    response = client.get(address)
    button = markup.one(response, "main a.button")
    assert button["href"] == f"{reverse('learning:sign_in')}?{urlencode({'next': address})}"


def test_signed_in_as_the_invited_account_one_press_joins_the_cohort(client, invited):
    user = learner(invited.email)
    client.force_login(user)
    response = client.post(link(invited))
    assert response["Location"] == reverse("learning:my_learning")
    assert list(user.cohorts.all()) == [invited.cohort]


def test_signing_in_takes_the_email_in_any_case(client):
    learner("lee@example.com")
    response = client.post(
        reverse("learning:sign_in"),
        {"username": "Lee@Example.com", "password": "a-long-test-password"},
    )
    assert (response.status_code, response["Location"]) == (302, reverse("learning:my_learning"))


def test_a_wrong_password_says_so_and_keeps_the_email(client):
    learner("lee@example.com")
    response = client.post(
        reverse("learning:sign_in"), {"username": "lee@example.com", "password": "wrong"}
    )
    assert markup.one(response, "#id_username")["value"] == "lee@example.com"
    assert markup.text(markup.one(response, ".error-summary li")).startswith(
        "That email and password do not match an account."
    )


def test_staff_are_sent_to_the_admins_sign_in_with_its_code(client):
    person("edna", is_staff=True)
    response = client.post(
        reverse("learning:sign_in"), {"username": "edna", "password": "a-long-test-password"}
    )
    assert markup.text(markup.one(response, ".error-summary li")) == (
        "Editors sign in on the admin's sign-in page, at /admin/."
    )
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session(client):
    client.force_login(learner())
    response = client.post(reverse("learning:sign_out"))
    assert response["Location"] == reverse("home")
    assert client.get(reverse("learning:my_learning")).status_code == 302


def test_the_invitation_page_is_never_kept_in_the_page_cache(client, invited, settings):
    settings.PAGE_CACHE = True
    client.get(link(invited))
    assert "X-Page-Cache" not in client.get(link(invited))
