import pytest
from django.urls import reverse

from tests import markup
from tests.factories import make_company, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db

LIST = reverse("stories:story_list")


def titles(response):
    return [story.title for story in response.context["page"].object_list]


def test_list_shows_published_stories_only(client):
    make_story(title="Live one")
    make_story(title="Hidden draft", status="draft")
    response = client.get(LIST)
    assert titles(response) == ["Live one"]


def test_filters_combine(client):
    empathy = make_principle(slug="empathy")
    zappos = make_company(slug="zappos")
    make_story(title="Both", outcome="exemplary", company=zappos, principles=[empathy])
    make_story(title="Wrong outcome", outcome="cautionary", company=zappos, principles=[empathy])
    make_story(title="Wrong company", outcome="exemplary", principles=[empathy])
    response = client.get(
        LIST, {"outcome": "exemplary", "company": "zappos", "principle": "empathy"}
    )
    assert titles(response) == ["Both"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "review"}, ["A review"]),
        ({"channel": "phone"}, ["A review"]),
        ({"tag": "refunds"}, ["An anecdote"]),
    ],
)
def test_each_simple_filter(client, params, expected):
    make_story(title="A review", kind="review", channel="phone")
    make_story(title="An anecdote", kind="anecdote", channel="email", tags=["refunds"])
    assert titles(client.get(LIST, params)) == expected


def test_active_filters_show_as_removable_chips(client):
    make_principle(slug="empathy", title="Empathy")
    make_story(outcome="cautionary")
    response = client.get(LIST, {"outcome": "cautionary", "principle": "empathy"})
    chips = {chip["label"]: chip["remove"] for chip in response.context["chips"]}
    assert chips == {"Cautionary": "principle=empathy", "Empathy": "outcome=cautionary"}
    assert 'href="?principle=empathy"' in response.text


def test_list_paginates_and_keeps_the_filters_in_page_links(client):
    for i in range(15):
        make_story(title=f"Story {i:02}", outcome="exemplary")
    first = client.get(LIST, {"outcome": "exemplary"})
    assert len(titles(first)) == 12
    assert 'href="?outcome=exemplary&amp;page=2"' in first.text
    second = client.get(LIST, {"outcome": "exemplary", "page": 2})
    assert len(titles(second)) == 3


@pytest.mark.parametrize(
    "query, address",
    [
        ("?outcome=&kind=&principle=empathy", f"{LIST}?principle=empathy"),
        ("?outcome=&kind=&principle=&company=&channel=&tag=", LIST),
        ("?tag=refunds&tag=", f"{LIST}?tag=refunds"),
    ],
)
def test_filters_left_at_any_leave_the_address_with_a_301(client, query, address):
    response = client.get(f"{LIST}{query}")
    assert (response.status_code, response["Location"]) == (301, address)


def test_filter_links_carry_no_empty_parameters(client):
    empathy = make_principle(slug="empathy", title="Empathy")
    for i in range(13):
        make_story(title=f"Story {i:02}", outcome="cautionary", principles=[empathy])
    query = "?outcome=cautionary&kind=&principle=empathy&page=2"
    response = client.get(f"{LIST}{query}", follow=True)
    links = [href for href in markup.hrefs(markup.one(response, "main")) if href[:1] == "?"]
    pairs = [pair for link in links for pair in link[1:].split("&")]
    assert len(links) == 3  # two chips and the previous page
    assert not [pair for pair in pairs if pair.endswith("=")]


@pytest.mark.parametrize("page", ["abc", "0", "99999", "-1"])
def test_a_page_that_is_not_there_is_a_helpful_404(client, page):
    make_story()
    response = client.get(LIST, {"page": page})
    assert response.status_code == 404
    assert "We could not find that page" in response.text


@pytest.mark.parametrize(
    "name, value, label",
    [("outcome", "brilliant", "Outcome"), ("kind", "x", "Kind"), ("channel", "fax", "Channel"),
     ("principle", "nope", "Principles"), ("company", "nope", "Company"), ("tag", "nope", "Tags")],
)  # fmt: skip
def test_an_unknown_filter_value_is_a_400_that_names_it(client, name, value, label):
    response = client.get(LIST, {name: value})
    assert response.status_code == 400
    assert markup.text(markup.one(response, "main h1")) == "That filter is not one we know"
    error = markup.text(markup.one(response, "main ul.errors li"))
    assert error.startswith(f"{label}: “{value}” — ")


def test_a_draft_principle_is_not_offered_as_a_filter(client):
    make_principle(slug="secret", status="draft")
    assert client.get(LIST, {"principle": "secret"}).status_code == 400


def test_empty_result_says_what_to_do(client):
    make_story(outcome="exemplary")
    response = client.get(LIST, {"outcome": "cautionary"})
    assert "No story matches all of these filters" in response.text


def test_detail_shows_everything_a_trainer_needs(client):
    principle = make_principle(title="Empathy")
    company = make_company(title="Zappos")
    source = make_source(title="The source article", author="A blog")
    story = make_story(
        title="Flowers with a return",
        company=company,
        channel="phone",
        body="## What happened\n\nThey sent *flowers*.",
        takeaway="Small gestures count.",
        discussion_questions="What would you have done?\nWhat did it cost?",
        principles=[principle],
        sources=[source],
        tags=["gifts"],
    )
    response = client.get(story.get_absolute_url())
    page = response.text
    for expected in [
        "<h1>Flowers with a return</h1>",
        f'href="{company.get_absolute_url()}"',
        "Phone",
        "<em>flowers</em>",
        "Small gestures count.",
        "What would you have done?",
        f'href="{principle.get_absolute_url()}"',
        f'href="{reverse("tag_detail", args=["gifts"])}"',
        "The source article",
    ]:
        assert expected in page, expected


def test_detail_suggests_the_stories_closest_in_meaning_first(client):
    story = make_story(title="A hotel sends a lost teddy bear home", summary="Toy returned.")
    near = make_story(title="A resort posts a forgotten stuffed rabbit back to a child")
    far = make_story(title="A bank fixes an overdraft fee", summary="Charges refunded.")
    make_story(title="Unpublished toy story", status="draft")
    response = client.get(story.get_absolute_url())
    assert response.context["related"] == [near, far]


def test_detail_hides_links_to_unpublished_company(client):
    company = make_company(status="draft")
    story = make_story(company=company)
    assert company.get_absolute_url() not in client.get(story.get_absolute_url()).text


def test_draft_is_404_to_the_public(client):
    draft = make_story(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_is_shown_to_editors_with_a_banner(editor_client):
    draft = make_story(status="draft")
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft, not public." in response.text


def test_published_story_has_no_draft_banner(editor_client):
    assert "Draft, not public." not in editor_client.get(make_story().get_absolute_url()).text


def test_unknown_slug_is_404(client):
    assert client.get(reverse("stories:story_detail", args=["no-such-story"])).status_code == 404


def test_company_page_lists_its_published_stories(client):
    company = make_company(title="Nordstrom")
    make_story(title="The tires", company=company)
    make_story(title="Draft tale", company=company, status="draft")
    response = client.get(company.get_absolute_url())
    assert [s.title for s in response.context["stories"]] == ["The tires"]


def test_company_list_counts_published_stories(client):
    company = make_company(title="Nordstrom")
    make_story(company=company)
    make_story(company=company, status="draft")
    response = client.get(reverse("stories:company_list"))
    assert [(c.title, c.story_count) for c in response.context["companies"]] == [("Nordstrom", 1)]
