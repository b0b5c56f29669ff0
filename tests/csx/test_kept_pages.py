"""Without the page cache, the pages of stories, principles, statistics and paths, present
mode, search, the feed and the sitemaps are drawn once per content version and address
(fragments and memos in each process's memory), and drawn afresh once the content changes:
never stale (docs/performance.md, "Without the page cache, quiet machine"). A search is kept
in a small cache of its own."""

import pytest
from django.core.cache import caches

from csx.serving import reuse
from tests import markup
from tests.factories import make_path, make_principle, make_statistic, make_story
from tests.pages import drawn

pytestmark = pytest.mark.django_db

KEPT = [
    "/stories/giraffe-story/",
    "/paths/first-week/",
    "/paths/first-week/steps/{step}/",
    "/paths/first-week/handout/",
    "/paths/first-week/handout/learners/",
    "/paths/first-week/present/",
    "/stories/giraffe-story/present/",
    "/search/?q=giraffe",
    "/search/?q=girafe",
    "/feeds/stories/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
]


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="The giraffe left behind", slug="giraffe-story")
        make_path(targets=[make_principle(), story])
    return story


def address(url, story):
    return url.format(step=list(story.path_items.get().path.steps())[1].number)


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", KEPT)
def test_a_page_is_drawn_once_per_version(client, story, url):
    url = address(url, story)
    first, first_queries = drawn(client, url)
    second, second_queries = drawn(client, url)
    assert (first_queries > 0, second_queries) == (True, 0)
    assert second.content == first.content


def change(story):
    """A story renamed, and another published: what each kept page must show at once (the
    sitemaps list addresses, not titles; the index, its files)."""
    story.title = "The giraffe came home"
    story.save()
    make_story(title="Added later", slug="added-later")


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("cache_on", [False, True], ids=["page-cache-off", "page-cache-on"])
@pytest.mark.parametrize("url", KEPT)
def test_a_kept_page_shows_a_change_at_once(
    client, settings, story, url, cache_on, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = cache_on
    url = address(url, story)
    shown = "added-later" if "sitemap" in url else "giraffe came home"
    if url == "/sitemap.xml":  # the index names its files: a second story makes a second
        settings.SITEMAP_URLS_PER_FILE = 1
        shown = "sitemap-stories.xml?p=2"
    assert shown not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        change(story)
    assert shown in client.get(url).text


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", ["/principles/listening/", "/statistics/half-say/"])
def test_a_principles_or_a_statistics_page_is_kept_whole_until_it_changes(
    client, url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        principle = make_principle(title="Listen before answering", slug="listening")
        make_statistic(principles=[principle], slug="half-say")
    first, first_queries = drawn(client, url)
    second, second_queries = drawn(client, url)
    assert (first_queries > 0, second_queries) == (True, 0)
    assert second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        principle.title = "Listen, then answer"
        principle.save()
    assert "Listen, then answer" in client.get(url).text  # the statistic names its principle


@pytest.mark.usefixtures("kept")
def test_an_answer_in_the_address_gets_the_page_drawn_for_it(client, story):
    """A reader who answered the feedback panel (?feedback=…) sees the answer, never the page
    kept whole for everyone else, and the next plain reader never sees it."""
    client.get("/stories/giraffe-story/")
    answered = client.get("/stories/giraffe-story/?feedback=thanks").text
    plain = client.get("/stories/giraffe-story/").text
    assert (answered == plain, "Thank" in answered, "Thank" in plain) == (False, True, False)


@pytest.mark.usefixtures("kept")
def test_related_stories_never_carry_the_filters_of_whoever_came_first(client, story):
    """The end of a story's page is kept for every reader: its cards link plainly, whatever
    list the first reader to draw it came from (the walk carries the filters, not they)."""
    make_story(title="The giraffe sent home by post", slug="giraffe-posted")
    client.get("/stories/giraffe-story/?outcome=exemplary")
    for url in ["/stories/giraffe-story/?outcome=exemplary", "/stories/giraffe-story/"]:
        related = markup.one(client.get(url), "aside.related")
        assert [a["href"] for a in related.select(".card-title a")] == ["/stories/giraffe-posted/"]


@pytest.mark.usefixtures("kept")
def test_searches_are_kept_apart_and_push_out_only_searches(client, story):
    client.get("/paths/first-week/")
    before = set(caches["rendered"]._cache)
    for n in range(10):
        client.get(f"/search/?q=word{n}")
    assert set(caches["rendered"]._cache) == before  # nothing added, nothing pushed out
    assert 0 < len(caches["searches"]._cache) <= 3  # its own bound (MAX_ENTRIES)


@pytest.mark.usefixtures("kept")
def test_a_search_kept_still_counts_every_reader(client, story, monkeypatch):
    counted = []
    monkeypatch.setattr("csx.search.log.record", lambda text, total: counted.append(text))
    for _ in range(3):
        client.get("/search/?q=giraffe")
    assert counted == ["giraffe"] * 3


@pytest.mark.usefixtures("kept")
def test_without_a_searches_cache_a_search_is_kept_nowhere(client, settings, story):
    del settings.CACHES[reuse.SEARCHES]
    client.get("/search/?q=giraffe")
    before = set(caches["rendered"]._cache)
    assert drawn(client, "/search/?q=giraffe")[1] > 0
    assert set(caches["rendered"]._cache) == before


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", ["/stories/giraffe-story/", "/paths/first-week/"])
def test_a_readers_own_answer_is_drawn_afresh_beside_the_kept_page(client, story, url):
    client.get(url)  # the page every other reader gets, kept whole
    assert "Thank you" in client.get(f"{url}?feedback=thanks").text


@pytest.mark.usefixtures("kept")
def test_a_readers_filters_are_carried_beside_the_kept_story_page(client, story):
    client.get("/stories/giraffe-story/")
    walked = client.get("/stories/giraffe-story/?outcome=exemplary").text
    assert "?outcome=exemplary" in walked  # the breadcrumbs go back to the filtered list


@pytest.mark.usefixtures("kept")
def test_an_editor_is_warned_beside_the_page_kept_for_readers(
    reader, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_path([make_story(title="Live"), make_story(title="Unfinished", status="draft")])
    assert "Editors only" not in reader.get("/paths/first-week/").text
    assert "Editors only: readers skip 1 item" in editor_client.get("/paths/first-week/").text


@pytest.mark.usefixtures("kept")
@pytest.mark.parametrize("url", ["/paths/first-week/present/", "/stories/giraffe-story/present/"])
@pytest.mark.parametrize("first", ["reader", "editor"])
def test_slides_kept_for_readers_never_show_the_editors_hint(
    reader, editor_client, story, url, first
):
    """The trainer's notes tell an editor where the outcome is revealed: whoever draws the
    slides first, readers never get that line and editors always do."""
    hint = "Editors: the outcome is revealed"
    visitors = {"reader": reader, "editor": editor_client}
    visitors[first].get(url)
    assert (hint in reader.get(url).text, hint in editor_client.get(url).text) == (False, True)


@pytest.mark.parametrize(
    ("url", "shown"),
    [("/tags/", 'href="/tags/calm/"'), ("/stories/", "Calm at the counter"),
     ("/tags/calm/?kind=story", "Calm at the counter")],
)  # fmt: skip
def test_tokens_that_cannot_be_read_cost_counts_speed_not_the_page(
    client, settings, tmp_path, url, shown
):
    """The folder holding the version and the tokens is not a folder (a broken disk, a bad
    setting): the counts kept while their tokens hold are counted afresh, the page is served."""
    make_story(title="Calm at the counter", tags=["calm"])
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    settings.CACHES = {
        **settings.CACHES,
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(not_a_folder / "version"),
        },
    }
    response = client.get(url)
    assert (response.status_code, shown in response.text) == (200, True)
