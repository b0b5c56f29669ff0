"""Was this helpful? Yes or no, then an optional reason and comment, on stories, principles,
statistics and paths: without JavaScript (plain posts that come back to the page) and with it
(the panel's next state as JSON). No account, cookie or IP address; rate limited; served
from cached pages, so no CSRF token; "the statistic looks wrong" opens a verification task."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csx.editorial import preview
from csx.feedback import limits, tokens
from csx.feedback.models import Feedback, VerificationTask
from tests import markup
from tests.factories import make_path, make_principle, make_statistic, make_story

pytestmark = pytest.mark.django_db

VOTE, DETAIL = "/feedback/", "/feedback/more/"
JSON = {"HTTP_ACCEPT": "application/json"}


def panel(html):
    start = html.index('<section class="helpful')
    return html[start : html.index("</section>", start)]


def vote(client, item, helpful="no", kind=None, **extra):
    kind = kind or item._meta.model_name
    return client.post(VOTE, {"kind": kind, "item": item.pk, "helpful": helpful}, **extra)


def ticket_from(response):
    return parse_qs(urlsplit(response.url).query)["feedback"][0]


@pytest.fixture
def story():
    return make_story(title="The giraffe", slug="giraffe")


# --- on every page that asks ----------------------------------------------------------


@pytest.mark.parametrize(
    "make, kind",
    [(make_story, "story"), (make_principle, "principle"), (make_statistic, "statistic"),
     (make_path, "path")],
)  # fmt: skip
def test_the_question_is_on_each_kind_of_page(client, make, kind):
    item = make()
    form = panel(client.get(item.get_absolute_url()).text)
    assert f"Was this {kind} helpful?" in form
    assert f'<input type="hidden" name="kind" value="{kind}">' in form
    assert f'<input type="hidden" name="item" value="{item.pk}">' in form
    assert 'action="/feedback/"' in form


def test_the_question_carries_no_csrf_token_and_the_page_sets_no_cookie(client, story):
    response = client.get(story.get_absolute_url())
    assert "csrfmiddlewaretoken" not in panel(response.text)
    assert "Set-Cookie" not in response.headers


@override_settings(
    MIDDLEWARE=[
        "django.middleware.cache.UpdateCacheMiddleware",
        *__import__("django.conf").conf.settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ],
    CACHE_MIDDLEWARE_SECONDS=60,
)
def test_a_cached_page_carries_no_csrf_cookie_and_its_form_still_works(story):
    caches["default"].clear()
    first = Client().get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        cached = Client().get(story.get_absolute_url())
    assert len(queries) == 0  # served from the page cache
    for response in (first, cached):
        assert "csrftoken" not in response.cookies
        assert "Set-Cookie" not in response.headers
    assert panel(cached.text) == panel(first.text)
    posted = Client(enforce_csrf_checks=True).post(
        VOTE, {"kind": "story", "item": story.pk, "helpful": "yes"}
    )
    assert posted.status_code == 302
    assert Feedback.objects.count() == 1


# --- without JavaScript ---------------------------------------------------------------


def test_without_javascript_an_answer_comes_back_to_the_page_with_a_thank_you(client, story):
    response = vote(client, story, "no")
    assert response.status_code == 302
    assert response.url.startswith("/stories/giraffe/?feedback=")
    assert response.url.endswith("#feedback")
    page = panel(client.get(response.url).text)
    assert "Thank you for telling us" in page
    assert f'value="{ticket_from(response)}"' in page
    assert 'action="/feedback/more/"' in page
    row = Feedback.objects.get()
    assert (row.item, row.helpful, row.reason, row.comment) == (story, False, "", "")


def test_without_javascript_a_reason_and_comment_follow(client, story):
    ticket = ticket_from(vote(client, story, "no"))
    response = client.post(DETAIL, {"ticket": ticket, "reason": "unclear", "comment": "Why?"})
    assert response.status_code == 302
    assert response.url == "/stories/giraffe/?feedback=thanks#feedback"
    assert "Editors read every answer" in panel(client.get(response.url).text)
    row = Feedback.objects.get()
    assert (row.reason, row.comment) == ("unclear", "Why?")


def test_a_yes_asks_what_helped_without_reasons(client, story):
    page = panel(client.get(vote(client, story, "yes").url).text)
    assert "What helped most?" in page
    assert 'name="reason"' not in page


def test_both_follow_up_questions_are_optional(client, story):
    ticket = ticket_from(vote(client, story, "no"))
    assert client.post(DETAIL, {"ticket": ticket}).status_code == 302
    assert not Feedback.objects.get().is_answered


# --- with JavaScript ------------------------------------------------------------------


def test_with_javascript_the_answer_returns_the_panels_next_state(client, story):
    response = vote(client, story, "no", **JSON)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Thank you for telling us" in html and 'name="ticket"' in html
    ticket = html.split('name="ticket" value="')[1].split('"')[0]
    done = client.post(DETAIL, {"ticket": ticket, "comment": "Good."}, **JSON)
    assert "Editors read every answer" in done.json()["html"]
    assert Feedback.objects.get().comment == "Good."


def test_the_script_is_on_the_page_and_the_panel_is_marked_for_it(client, story):
    html = client.get(story.get_absolute_url()).text
    assert '<script src="/static/js/helpful.js" defer></script>' in html
    assert "data-helpful" in panel(html)


# --- the statistic looks wrong --------------------------------------------------------


def test_the_statistic_looks_wrong_is_offered_on_statistics_only(client, story):
    statistic = make_statistic(slug="figure")
    on_statistic = panel(client.get(vote(client, statistic, "no").url).text)
    on_story = panel(client.get(vote(client, story, "no").url).text)
    assert "The statistic looks wrong" in on_statistic
    assert "The statistic looks wrong" not in on_story


def test_the_statistic_looks_wrong_opens_a_verification_task(client):
    statistic = make_statistic(slug="figure")
    ticket = ticket_from(vote(client, statistic, "no"))
    client.post(DETAIL, {"ticket": ticket, "reason": "statistic_wrong", "comment": "It's 68%."})
    task = VerificationTask.objects.get()
    assert (task.statistic, task.closed) == (statistic, None)
    assert [(r.comment, r.reason) for r in task.reports.all()] == [("It's 68%.", "statistic_wrong")]


def test_more_readers_doubting_a_statistic_join_its_open_task(client):
    statistic = make_statistic(slug="figure")
    for comment in ["One", "Two"]:
        ticket = ticket_from(vote(client, statistic, "no"))
        client.post(DETAIL, {"ticket": ticket, "reason": "statistic_wrong", "comment": comment})
    assert VerificationTask.objects.get().reports.count() == 2


def test_another_reason_opens_no_task(client):
    statistic = make_statistic(slug="figure")
    ticket = ticket_from(vote(client, statistic, "no"))
    client.post(DETAIL, {"ticket": ticket, "reason": "outdated"})
    assert not VerificationTask.objects.exists()


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"kind": "company", "item": "1", "helpful": "no"}, {"kind": "story", "item": "x"},
     {"kind": "story", "item": "999999", "helpful": "no"}, {"kind": "story", "helpful": "maybe"}],
)  # fmt: skip
def test_a_vote_that_cannot_be_read_is_a_400(client, story, data):
    response = client.post(VOTE, data)
    assert response.status_code == 400
    assert "We could not read that answer" in response.text
    assert not Feedback.objects.exists()


def test_a_draft_cannot_be_answered(client):
    draft = make_story(status="draft")
    assert vote(client, draft).status_code == 400


def test_a_reason_that_does_not_apply_is_a_400(client, story):
    ticket = ticket_from(vote(client, story, "no"))
    response = client.post(DETAIL, {"ticket": ticket, "reason": "statistic_wrong"})
    assert response.status_code == 400
    yes = ticket_from(vote(client, story, "yes"))
    assert client.post(DETAIL, {"ticket": yes, "reason": "unclear"}).status_code == 400
    assert not VerificationTask.objects.exists()


def test_a_ticket_says_more_once(client, story):
    ticket = ticket_from(vote(client, story, "no"))
    client.post(DETAIL, {"ticket": ticket, "comment": "First."})
    response = client.post(DETAIL, {"ticket": ticket, "comment": "Second."})
    assert response.status_code == 400
    assert "already told us more" in response.text
    assert Feedback.objects.get().comment == "First."


@pytest.mark.parametrize("ticket", ["", "forged", "eyJpZCI6MX0:forged:sig"])
def test_a_forged_ticket_is_a_400(client, story, ticket):
    vote(client, story, "no")
    response = client.post(DETAIL, {"ticket": ticket, "comment": "Sneaky."}, **JSON)
    assert response.status_code == 400
    assert Feedback.objects.get().comment == ""


def test_an_overlong_comment_is_a_400(client, story):
    ticket = ticket_from(vote(client, story, "no"))
    assert client.post(DETAIL, {"ticket": ticket, "comment": "x" * 1001}).status_code == 400


def test_only_post(client):
    assert client.get(VOTE).status_code == 405
    assert client.get(DETAIL).status_code == 405


# --- no account, cookie or address ----------------------------------------------------


def test_no_ip_address_or_cookie_is_stored_or_set(client, story):
    response = vote(client, story, "no", REMOTE_ADDR="203.0.113.50")
    detail = client.post(
        DETAIL, {"ticket": ticket_from(response), "comment": "Hi"}, REMOTE_ADDR="203.0.113.50"
    )
    assert [field.name for field in Feedback._meta.fields] == [
        "id", "state", "assignee", "note",  # the editors' handling, never the reader's
        "content_type", "object_id", "helpful", "reason", "comment", "day", "task",
    ]  # fmt: skip
    row = Feedback.objects.values().get()
    assert "203.0.113.50" not in {str(value) for value in row.values()}
    for answer in (response, detail):
        assert "Set-Cookie" not in answer.headers
    assert not client.cookies


def test_a_ticket_names_only_the_answer():
    feedback = Feedback.objects.create(
        content_type=ContentType.objects.get_for_model(make_story()), object_id=1, helpful=False
    )
    assert tokens.read_ticket(tokens.ticket(feedback)) == (feedback.pk, False)


# --- rate limited ---------------------------------------------------------------------


@pytest.fixture
def two_an_hour(monkeypatch):
    monkeypatch.setitem(limits.RATES, "feedback", "2/h")


def test_over_the_limit_a_plain_post_answers_429_with_when_to_retry(client, story, two_an_hour):
    vote(client, story)
    vote(client, story)
    response = vote(client, story)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "You can answer again in about" in response.text
    assert 'href="/stories/giraffe/"' in response.text.split("<main")[1]
    assert Feedback.objects.count() == 2


def test_over_the_limit_the_script_gets_the_panel_saying_to_wait(client, story, two_an_hour):
    vote(client, story, **JSON)
    vote(client, story, **JSON)
    response = vote(client, story, **JSON)
    assert response.status_code == 429
    assert "Please wait a moment" in response.json()["html"]


def test_a_share_link_preview_asks_no_question_readers_cannot_answer_yet(client):
    draft = make_story(status="draft")
    page = client.get(reverse("shared_preview", args=[preview.share_token(draft)]))
    panel = markup.one(page, "#feedback")
    assert markup.text(panel) == (
        "Was this story helpful? Readers are asked this here once the story is published; "
        "answers from a preview are not counted."
    )
    assert panel.select("form") == []
