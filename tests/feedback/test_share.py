"""Share your story (/share/): what a reader sends arrives, bad input gets errors that keep
what was typed, and spam gets nowhere: a honeypot, a time check and a rate limit (429)."""

import re
import time

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from csx.feedback.models import Submission
from tests.feedback.helpers import STORY, share_form, started

pytestmark = pytest.mark.django_db

SHARE = "/share/"


def section(html, start, end):
    """The part of a page from the first `start` to the next `end` after it."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_share_page_is_a_form_with_a_csrf_token(client):
    response = client.get(SHARE)
    assert response.status_code == 200
    assert "<title>Share your customer-service story · CSX Library</title>" in response.text
    form = section(response.text, '<form class="share-form"', "</form>")
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'action="/share/"' in form


def test_home_story_list_and_footer_link_to_it(client):
    home = client.get("/").text
    assert f'href="{SHARE}"' in section(home, '<section class="share-invite"', "</section>")
    stories = client.get(reverse("stories:story_list")).text
    assert f'href="{SHARE}"' in section(stories, '<header class="page-header">', "</header>")
    assert f'href="{SHARE}"' in section(home, '<footer class="site-footer">', "</footer>")


def test_a_story_arrives_in_the_queue_and_the_reader_is_thanked(client):
    response = client.post(SHARE, share_form(), follow=True)
    assert response.redirect_chain == [("/share/thanks/", 302)]
    assert "Thank you for your story" in response.text
    assert "What happens next" in response.text
    submission = Submission.objects.get()
    assert (submission.what_happened, submission.company, submission.channel) == (
        STORY, "Grand Hotel", "in_person",
    )  # fmt: skip
    assert (submission.went, submission.name, submission.email) == (
        "well",
        "Sam",
        "sam@example.org",
    )
    assert submission.consent and submission.state == "open"


def test_only_the_story_and_how_it_went_are_required(client):
    optional = {"company": None, "channel": None, "name": None, "email": None, "consent": None}
    assert client.post(SHARE, share_form(**optional)).status_code == 302
    assert Submission.objects.get().email == ""


def test_a_story_sent_without_consent_is_kept_private(client):
    client.post(SHARE, share_form(consent=None))
    assert Submission.objects.get().consent is False


def test_the_form_says_consent_is_optional_and_what_private_means(client):
    consent = section(client.get(SHARE).text, '<div class="form-consent"', "</div>")
    assert "required" not in consent
    assert "only the editors read your story" in client.get(SHARE).text


def test_form_errors_keep_what_was_typed(client):
    response = client.post(
        SHARE,
        share_form(what_happened="Too short to tell.", email="not-an-email"),
    )
    assert response.status_code == 200
    summary = section(response.text, '<div class="error-summary"', "</div>")
    assert "at least 80 characters (you wrote 18)" in summary
    assert "does not look like an email address" in summary
    assert ">\nToo short to tell.</textarea>" in response.text
    assert 'value="Grand Hotel"' in response.text
    assert 'value="not-an-email"' in response.text
    assert re.search(r'value="well"[^>]*checked', response.text)
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"what_happened": ""}, "what_happened"),
        ({"what_happened": "x" * 5001}, "what_happened"),
        ({"went": None}, "went"),
        ({"went": "sideways"}, "went"),
        ({"channel": "pigeon"}, "channel"),
        ({"email": "sam@"}, "email"),
        ({"name": "n" * 81}, "name"),
    ],
)
def test_each_rule_names_its_field(client, changes, field):
    response = client.post(SHARE, share_form(**changes))
    assert list(response.context["form"].errors) == [field]
    assert not Submission.objects.exists()


def test_the_honeypot_takes_nothing_and_looks_like_success(client):
    response = client.post(SHARE, share_form(website="http://spam.example"))
    assert response.status_code == 302 and response.url == "/share/thanks/"
    assert not Submission.objects.exists()


def test_the_honeypot_is_hidden_from_people(client):
    trap = section(client.get(SHARE).text, '<div class="form-trap"', "</div>")
    assert 'aria-hidden="true"' in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap


def test_a_story_pasted_and_sent_at_once_is_taken(client):
    response = client.post(SHARE, share_form(started=started(seconds_ago=0)))
    assert response.status_code == 302 and response.url == "/share/thanks/"
    assert Submission.objects.get().what_happened == STORY


@pytest.mark.parametrize("stamp", ["", "12345", "1700000000:forged"])
def test_a_missing_or_forged_start_is_refused(client, stamp):
    response = client.post(SHARE, share_form(started=stamp))
    assert "open too long to send" in response.text
    assert not Submission.objects.exists()


def test_a_form_left_open_over_two_hours_is_refused(client):
    response = client.post(SHARE, share_form(started=started(seconds_ago=2 * 3600 + 60)))
    assert "open too long to send" in response.text
    assert not Submission.objects.exists()


def test_a_start_stamp_is_good_for_one_post(client):
    form = share_form()
    assert client.post(SHARE, form).status_code == 302
    again = client.post(SHARE, {**form, "company": "Replayed Co"})
    assert again.status_code == 200
    assert "This form was sent already" in again.text
    assert Submission.objects.count() == 1


def test_a_refused_post_gives_a_fresh_stamp_to_send_again(client):
    form = share_form(what_happened="Too short.")
    page = client.post(SHARE, form)
    fresh = page.context["started"]
    assert fresh != form["started"]
    with time_machine.travel(time.time() + 10):
        assert (
            client.post(SHARE, {**form, "what_happened": STORY, "started": fresh}).status_code
            == 302
        )


def test_over_the_rate_limit_answers_429_with_when_to_retry(client):
    for _ in range(5):
        assert client.post(SHARE, share_form()).status_code == 302
    response = client.post(SHARE, share_form(company="Sixth Co"))
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    minutes = response.context["retry_minutes"]
    assert f"send this one again in about {minutes} minute" in response.text
    assert STORY in response.text and 'value="Sixth Co"' in response.text  # kept to resend
    assert Submission.objects.count() == 5


def test_the_rate_limit_is_per_client(client):
    for _ in range(6):
        client.post(SHARE, share_form(), REMOTE_ADDR="198.51.100.1")
    response = client.post(SHARE, share_form(), REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 302


def test_the_share_form_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(SHARE, share_form()).status_code == 403
    assert not Submission.objects.exists()


def test_no_ip_address_is_stored(client):
    client.post(SHARE, share_form(), REMOTE_ADDR="203.0.113.77")
    row = Submission.objects.values().get()
    assert "203.0.113.77" not in {str(value) for value in row.values()}
    keys = list(caches["ratelimit"]._cache)  # the counter's key is a hash, not the address
    assert keys and not any("203.0.113.77" in key for key in keys)


def test_head_and_get_only_besides_post(client):
    assert client.head(SHARE).status_code == 200
    assert client.put(SHARE).status_code == 405
