"""Learners' single sign-on (csx/learning/sso.py) against a real OpenID Connect provider the
tests start (tests/oidc/): the whole code flow, through the provider's own login and consent
pages, with Django's test client on our side and requests on the provider's."""

import datetime
import re
from urllib.parse import urljoin

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from csx.learning import roles
from csx.learning.models import Invitation
from tests import markup, oidc
from tests.learning.helpers import cohort_with, learner, person, trainer

CALLBACK = "http://testserver/learning/sso/callback/"


# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = pytest.mark.outside_the_database


@pytest.fixture(scope="module")
def issuer():
    with oidc.started(CALLBACK) as url:
        yield url


@pytest.fixture
def sso_on(issuer):
    with override_settings(
        LEARNING_OIDC_ISSUER=issuer,
        OIDC_RP_CLIENT_ID=oidc.CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=oidc.CLIENT_SECRET,
    ):
        yield


def through_provider(client, account, start="/learning/sso/?next=/learning/"):
    """Start at our sign-in, sign in at the provider as `account` and consent; returns our
    callback's answer."""
    answer = client.get(start)
    assert answer.status_code == 302
    browser = requests.Session()
    url = answer["Location"]
    while not url.startswith(CALLBACK):
        page = browser.get(url, allow_redirects=False, timeout=10)
        if page.is_redirect:
            url = urljoin(url, page.headers["Location"])
            continue
        prompt = re.search(r'name="prompt" value="(\w+)"', page.text).group(1)
        form = {"prompt": prompt, "login": account}
        page = browser.post(url, data=form, allow_redirects=False, timeout=10)
        url = urljoin(url, page.headers["Location"])
    return client.get(url.removeprefix("http://testserver"))


def invited(email="invited.learner@learners.example"):
    cohort = cohort_with([], [], name="March new hires")
    return Invitation.objects.create(cohort=cohort, email=email, invited_by=cohort.trainer)


@pytest.mark.django_db
def test_an_invited_person_signs_in_through_the_provider_and_joins_the_cohort(client, sso_on):
    invitation = invited()
    answer = through_provider(client, "invited")
    joined = User.objects.get(email__iexact=invitation.email)
    assert (answer.status_code, answer["Location"]) == (302, "/learning/")
    assert client.get("/learning/").context["user"] == joined
    assert list(joined.cohorts.all()) == [invitation.cohort]


@pytest.mark.django_db
def test_an_invitation_taken_up_through_the_provider_is_marked_accepted(client, sso_on):
    invitation = invited()
    through_provider(client, "invited")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.learner.email == "Invited.Learner@learners.example"


@pytest.mark.django_db
def test_a_learner_with_an_account_signs_in_through_the_provider(client, sso_on):
    account = learner("learner@learners.example")
    through_provider(client, "learner")
    assert client.get("/learning/").context["user"] == account


def refusal(answer):
    return answer.status_code, markup.text(markup.one(answer, "main h1"))


@pytest.mark.django_db
def test_someone_with_no_invitation_is_refused_with_a_page_saying_so(client, sso_on):
    answer = through_provider(client, "stranger")
    assert refusal(answer) == (403, "You cannot sign in here this way")
    assert "no invitation for your email address" in markup.text(markup.one(answer, "main .lede"))
    assert not User.objects.filter(email__iexact="stranger@elsewhere.example").exists()


@pytest.mark.django_db
def test_an_invitation_older_than_its_link_lasts_lets_no_one_in(client, sso_on, settings):
    invitation = invited()
    days = datetime.timedelta(days=settings.LEARNING_INVITATION_DAYS + 1)
    Invitation.objects.filter(pk=invitation.pk).update(created=timezone.now() - days)
    answer = through_provider(client, "invited")
    assert refusal(answer) == (403, "You cannot sign in here this way")


@pytest.mark.django_db
def test_an_address_the_provider_has_not_verified_is_refused_even_when_invited(client, sso_on):
    invited("invited-unverified@learners.example")
    answer = through_provider(client, "unverified")
    assert refusal(answer) == (403, "You cannot sign in here this way")
    assert "not confirmed your email address" in markup.text(markup.one(answer, "main .lede"))


@pytest.mark.django_db
def test_staff_never_sign_in_through_the_provider_even_when_invited(client, sso_on):
    person("editor@learners.example", email="editor@learners.example", is_staff=True)
    invited("editor@learners.example")
    answer = through_provider(client, "editor")
    assert refusal(answer) == (403, "You cannot sign in here this way")
    assert "_auth_user_id" not in client.session
    assert "never through single sign-on" in markup.text(markup.one(answer, "main .lede"))


@pytest.mark.django_db
def test_an_account_that_is_not_a_learners_is_refused(client, sso_on):
    trainer("colleague@learners.example")
    answer = through_provider(client, "colleague")
    assert refusal(answer) == (403, "You cannot sign in here this way")


@pytest.mark.django_db
def test_a_listed_domain_lets_new_learners_in_with_no_cohort(client, sso_on):
    with override_settings(LEARNING_OIDC_LEARNER_DOMAINS=["learners.example"]):
        through_provider(client, "colleague")
    made = User.objects.get(email="colleague@learners.example")
    assert (roles.is_learner(made), made.cohorts.count(), made.has_usable_password()) == (
        True,
        0,
        False,
    )


@pytest.mark.django_db
def test_a_sign_in_cancelled_at_the_provider_says_it_did_not_finish(client, sso_on):
    client.get("/learning/sso/")
    answer = client.get("/learning/sso/callback/?error=access_denied&state=x")
    assert refusal(answer) == (403, "Single sign-on did not finish")


@pytest.mark.django_db
def test_the_sign_in_page_offers_single_sign_on_when_configured(client, sso_on):
    page = client.get("/learning/sign-in/?next=/learning/")
    button = markup.one(page, "main a.button")
    assert (button["href"], markup.text(button)) == (
        "/learning/sso/?next=/learning/",
        "Sign in with single sign-on",
    )


@pytest.mark.django_db
def test_with_no_provider_configured_the_sign_in_page_has_no_button_and_sso_is_a_404(client):
    page = client.get("/learning/sign-in/")
    assert markup.hrefs(markup.one(page, "main")) == []
    assert client.get("/learning/sso/").status_code == 404


@pytest.mark.django_db
def test_a_refusal_is_not_counted_as_a_failed_password(client, sso_on):
    through_provider(client, "stranger")
    assert AccessAttempt.objects.count() == 0
