"""Without the page cache, a list page is drawn once per content version and address (its
fragment kept in the "rendered" cache, what its view works out kept by memo), and drawn
afresh once the content changes (docs/performance.md, "Cold path")."""

import pytest

from tests.factories import (
    make_company,
    make_path,
    make_principle,
    make_source,
    make_statistic,
    make_story,
)
from tests.pages import drawn

pytestmark = pytest.mark.django_db

LISTS = [
    "/",
    "/stories/",
    "/stories/?tag=x&outcome=exemplary",
    "/stories/?page=1",
    "/companies/",
    "/principles/",
    "/principles/cheat-sheet/",
    "/statistics/",
    "/resources/",
    "/tags/",
    "/tags/x/",
    "/sources/",
    "/paths/",
]


def library(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        principle = make_principle(tags=["x"])
        make_story(title="First story", outcome="exemplary", principles=[principle], tags=["x"])
        make_statistic(principles=[principle], tags=["x"])
        make_source()
        make_path()


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", LISTS)
def test_a_list_page_is_drawn_once_per_version(client, url, django_capture_on_commit_callbacks):
    library(django_capture_on_commit_callbacks)
    first, first_queries = drawn(client, url)
    second, second_queries = drawn(client, url)
    assert (first_queries > 0, second_queries) == (True, 0)
    assert second.content == first.content


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", ["/", "/stories/", "/tags/x/"])
def test_a_list_page_shows_a_change_at_once(client, url, django_capture_on_commit_callbacks):
    library(django_capture_on_commit_callbacks)
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="Added after", outcome="exemplary", tags=["x"])
    assert "Added after" in client.get(url).text


@pytest.mark.usefixtures("kept")
def test_a_kept_story_list_still_refuses_a_bad_filter_and_a_missing_page(
    client, django_capture_on_commit_callbacks
):
    library(django_capture_on_commit_callbacks)
    for _ in range(2):  # the second time from what the first kept
        assert client.get("/stories/?outcome=sideways").status_code == 400
        assert client.get("/stories/?page=99").status_code == 404


PAGES_FOUND_ONCE = [
    "/companies/kept-company/",
    "/sources/kept-source/",
    "/paths/first-week/",
    "/paths/first-week/steps/{step}/",
]


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", PAGES_FOUND_ONCE)
def test_a_page_is_found_once_per_version(client, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        company = make_company(slug="kept-company")
        principle = make_principle()
        source = make_source(slug="kept-source")
        story = make_story(title="First story", company=company, sources=[source])
        path = make_path(targets=[story, principle])
    url = url.format(step=list(path.steps())[1].number)
    first, first_queries = drawn(client, url)
    second, second_queries = drawn(client, url)
    assert (first_queries > 0, second_queries) == (True, 0)
    assert second.content == first.content
