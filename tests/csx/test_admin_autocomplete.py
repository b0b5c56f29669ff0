"""The admin's autocompletes answer what they cannot read with 400 (the JSON view) or show it
as nothing chosen (the select boxes), never with a 500 (csx/editorial/admin/autocomplete.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_company

pytestmark = pytest.mark.django_db

ASKED = {"app_label": "stories", "model_name": "story", "field_name": "company", "term": "zap"}


@pytest.fixture
def editor_browser(editor):
    """An editor whose requests end in the answer a browser gets, a 500 included."""
    browser = Client(raise_request_exception=False)
    browser.force_login(editor)
    return browser


def autocomplete(browser, **changed):
    return browser.get(reverse("admin:autocomplete"), {**ASKED, **changed})


@pytest.mark.parametrize(
    "changed",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"term": "zap\x00"},
        {"term": "z" * 201},
        {"app_label": "stories; drop"},
        {"model_name": ""},
        {"field_name": "company\x00"},
    ],
    ids=["page-word", "page-0", "page-negative", "term-nul", "term-long", "app-label",
         "no-model", "field-nul"],
)  # fmt: skip
def test_a_malformed_autocomplete_request_is_400(editor_browser, changed):
    response = autocomplete(editor_browser, **changed)
    assert response.status_code == 400
    assert response.json()["error"]


def test_a_well_formed_request_still_finds_and_pages(editor_browser):
    make_company(title="Zappos")
    response = autocomplete(editor_browser, page="1")
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Zappos"]


def test_a_well_formed_but_unknown_field_is_still_refused_as_django_does(editor_browser):
    assert autocomplete(editor_browser, field_name="nothing_here").status_code == 403


def test_anonymous_visitors_are_still_sent_to_sign_in(client):
    response = client.get(reverse("admin:autocomplete"), {**ASKED, "page": "abc"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/admin/stories/story/add/?company=abc",
        "/admin/stories/story/add/?principles=abc",
        "/admin/stories/story/add/?company=1.5",
        "/admin/stories/story/add/?company=99999999999999999999",
        "/admin/principles/statistic/add/?cited_in=abc",
    ],
)
def test_an_add_page_given_a_chosen_value_that_is_no_key_shows_nothing_chosen(editor_browser, url):
    response = editor_browser.get(url)
    assert response.status_code == 200
    assert 'selected value="abc"' not in response.text


def test_a_form_sent_back_with_a_value_that_is_no_key_says_so(editor_browser):
    response = editor_browser.post(
        reverse("admin:stories_story_add"),
        {"title": "A story", "company": "abc", "principles": ["abc"]},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Select a valid choice" in errors["company"][0]
    assert "abc" in errors["principles"][0]


def test_a_real_chosen_company_is_still_shown(editor_browser):
    company = make_company(title="Zappos")
    response = editor_browser.get(f"/admin/stories/story/add/?company={company.pk}")
    assert f'<option value="{company.pk}" selected>Zappos</option>' in response.text
