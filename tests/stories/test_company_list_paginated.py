"""The company list a page at a time: a library of 50,000 stories names some 5,000 companies."""

import pytest

from csx.search import index as search_index
from stories.views import COMPANIES_PER_PAGE
from tests import markup
from tests.factories import make_company, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies():
    with search_index.paused():
        made = [make_company(title=f"Company {i:03}") for i in range(COMPANIES_PER_PAGE + 1)]
        last = made[-1]
        make_story(company=last)
        make_story(company=last)
        make_story(company=last, status="draft")
    return made


def names(page):
    return [markup.text(link) for link in markup.parse(page).select("main .company-list li a")]


def test_the_first_page_lists_as_many_companies_as_a_page_holds(client, companies):
    page = client.get("/companies/")
    assert names(page) == [f"Company {i:03}" for i in range(COMPANIES_PER_PAGE)]
    assert markup.hrefs(markup.one(page, "main nav.pagination")) == ["?page=2"]


def test_the_next_page_lists_the_rest_with_their_published_stories_counted(client, companies):
    page = client.get("/companies/", {"page": 2})
    row = markup.one(page, "main .company-list li")
    assert markup.text(row) == f"Company {COMPANIES_PER_PAGE:03} 2 stories"
    assert markup.one(page, "title").text.startswith("Companies, page 2")


def test_a_company_page_past_the_last_answers_not_found(client, companies):
    assert client.get("/companies/", {"page": 3}).status_code == 404
