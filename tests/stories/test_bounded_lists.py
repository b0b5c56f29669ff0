"""Pages that stay bounded however big the library grows (issue 27: 50,000 stories, 5,000
companies, 2,000 tags): the story list's company and tag boxes suggest a few names instead of
listing every one, and a principle's or a company's page shows its first stories and links
the rest."""

import pytest
from django.urls import reverse

from csx.editorial import reviews
from principles.models.principles import STORIES_SHOWN
from stories import choosers
from stories.views import COMPANY_STORIES_SHOWN
from tests import markup
from tests.factories import make_company, make_principle, make_story

pytestmark = pytest.mark.django_db

LIST = reverse("stories:story_list")


def test_the_company_and_tag_boxes_suggest_the_newest_stories_most_used(client, monkeypatch):
    monkeypatch.setattr(choosers, "SUGGESTED", 2)
    busy, quieter, rare = (make_company(title=name) for name in ("Busy", "Quieter", "Rare"))
    for company, stories in ((busy, 3), (quieter, 2), (rare, 1)):
        for _ in range(stories):
            make_story(company=company, tags=[f"tag of {company.title.lower()}"])
    response = client.get(LIST)
    companies = markup.one(response, "datalist#id_company-suggestions")
    tags = markup.one(response, "datalist#id_tag-suggestions")
    assert [o.get("value") for o in companies.select("option")] == ["Busy", "Quieter"]
    assert [o.get("value") for o in tags.select("option")] == ["tag of busy", "tag of quieter"]
    assert not markup.parse(response).select("select[name=company], select[name=tag]")


def test_a_company_typed_by_its_name_answers_with_the_address_by_its_slug(client):
    make_story(company=make_company(title="Zappos", slug="zappos"), outcome="exemplary")
    response = client.get(LIST, {"company": "  zAPPOS ", "outcome": "exemplary"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{LIST}?company=zappos&outcome=exemplary",
    )


def test_a_name_typed_in_part_lists_the_names_that_hold_it(client):
    make_company(title="Zappos", slug="zappos")
    make_company(title="Lazy Zapper Inc", slug="lazy-zapper")
    make_company(title="Nordstrom", slug="nordstrom")
    response = client.get(LIST, {"company": "zap", "kind": "review"})
    assert response.status_code == 400
    near = markup.one(response, "main section.near")
    assert markup.hrefs(near) == [
        f"{LIST}?company=zappos&kind=review",
        f"{LIST}?company=lazy-zapper&kind=review",
    ]


def test_the_company_box_shows_the_chosen_companys_name(client):
    make_story(company=make_company(title="Zappos", slug="zappos"))
    response = client.get(LIST, {"company": "zappos"})
    assert markup.one(response, "input[name=company]").get("value") == "Zappos"


def test_suggestions_of_one_kind_name_only_that_kind(client):
    make_story(title="Zappos delivers", company=make_company(title="Zappos Shoes"))
    from csx.search import rebuild

    rebuild()
    answer = client.get(reverse("search_suggestions"), {"q": "zappos", "kind": "company"})
    assert [found["title"] for found in answer.json()["suggestions"]] == ["Zappos Shoes"]
    refused = client.get(reverse("search_suggestions"), {"q": "zappos", "kind": "nonsense"})
    assert refused.status_code == 400


def test_a_principle_page_shows_its_first_stories_and_links_them_all(client):
    principle = make_principle(slug="empathy", title="Empathy")
    for i in range(STORIES_SHOWN + 1):
        make_story(title=f"Story {i:02}", principles=[principle])
    make_story(title="A draft", principles=[principle], status="draft")
    response = client.get(principle.get_absolute_url())
    cards = markup.parse(response).select("section[aria-labelledby='principle-stories'] .grid > *")
    assert len(cards) == STORIES_SHOWN
    see_all = markup.one(response, "section[aria-labelledby='principle-stories'] .see-all")
    assert markup.hrefs(see_all) == [f"{LIST}?principle=empathy"]
    assert markup.text(see_all) == f"See all {STORIES_SHOWN + 1} stories that show Empathy"


def test_a_company_page_shows_its_first_stories_and_links_them_all(client):
    company = make_company(title="Zappos", slug="zappos")
    for i in range(COMPANY_STORIES_SHOWN + 1):
        make_story(title=f"Story {i:02}", company=company)
    response = client.get(company.get_absolute_url())
    cards = markup.parse(response).select("section[aria-labelledby='company-stories'] .grid > *")
    assert len(cards) == COMPANY_STORIES_SHOWN
    see_all = markup.one(response, "section[aria-labelledby='company-stories'] .see-all")
    assert markup.hrefs(see_all) == [f"{LIST}?company=zappos"]


def test_the_dashboard_reads_only_the_first_items_due_for_review():
    for i in range(3):
        make_story(title=f"Due {i}", review_by="2020-01-0" + str(3 - i))
    assert [item.title for item in reviews.due(limit=2)] == ["Due 2", "Due 1"]
    assert len(reviews.due()) == 3
