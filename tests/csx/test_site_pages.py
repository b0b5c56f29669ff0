"""Cross-type pages, the machines' files, renames, meta tags and error pages."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests import markup, sitemaps
from tests.factories import (
    make_company,
    make_path,
    make_principle,
    make_resource,
    make_statistic,
    make_story,
)

pytestmark = pytest.mark.django_db


def test_home_shows_featured_principles_statistics_and_recent(client):
    make_story(title="Featured tale", featured=True)
    make_principle(title="Empathy")
    make_statistic(figure="86%")
    response = client.get("/")
    assert [s.title for s in response.context["featured"]] == ["Featured tale"]
    assert "Empathy" in response.text
    assert "86%" in response.text
    assert "Featured tale" in response.text


def test_empty_home_says_what_to_do(client):
    assert "make run" in client.get("/").text


def test_tag_index_counts_published_items_across_types(client):
    make_story(tags=["loyalty"])
    make_story(tags=["loyalty"], status="draft")
    make_statistic(tags=["loyalty"])
    make_principle(tags=["other"])
    response = client.get(reverse("tag_list"))
    assert {t.name: t.item_count for t in response.context["tags"]} == {"loyalty": 2, "other": 1}


def test_tag_page_shows_every_type_with_that_tag(client):
    story = make_story(tags=["loyalty"])
    principle = make_principle(tags=["loyalty"])
    statistic = make_statistic(tags=["loyalty"])
    resource = make_resource(tags=["loyalty"])
    company = make_company(tags=["loyalty"])
    response = client.get(reverse("tag_detail", args=["loyalty"]))
    sections = {s.kind.segment: s.items for s in response.context["sections"]}
    assert sections == {
        "stories": [story],
        "principles": [principle],
        "statistics": [statistic],
        "resources": [resource],
        "companies": [company],
    }


def test_tag_with_only_drafts_answers_404(client):
    make_story(tags=["secret"], status="draft")
    assert client.get(reverse("tag_detail", args=["secret"])).status_code == 404


def test_unknown_tag_is_404(client):
    assert client.get(reverse("tag_detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    "factory, kwargs",
    [
        (make_story, {}),
        (make_company, {}),
        (make_principle, {}),
        (make_statistic, {}),
    ],
)
def test_renamed_slug_answers_301_to_the_new_url(client, factory, kwargs):
    item = factory(slug="before", **kwargs)
    old_url = item.get_absolute_url()
    item.slug = "after"
    item.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


def test_renames_chain_to_the_latest_url(client):
    story = make_story(slug="one")
    for slug in ["two", "three"]:
        story.slug = slug
        story.save()
    assert client.get("/stories/one/")["Location"] == "/stories/three/"
    assert client.get("/stories/two/")["Location"] == "/stories/three/"


def test_old_slug_of_an_unpublished_story_answers_410_not_a_redirect(client):
    story = make_story(slug="before")
    story.slug = "after"
    story.status = "draft"
    story.save()
    assert client.get("/stories/before/").status_code == 410


def test_rename_in_the_admin_keeps_the_old_link(publisher_client, client):
    story = make_story(slug="old-slug", title="Story", summary="S.", takeaway="T.")
    response = publisher_client.post(
        reverse("admin:stories_story_change", args=[story.pk]),
        {
            "title": "Story",
            "slug": "new-slug",
            "summary": "S.",
            "body": "B.",
            "kind": "anecdote",
            "provenance": "review",
            "outcome": "exemplary",
            "channel": "",
            "takeaway": "T.",
            "discussion_questions": "",
            "tags": "",
            "_action": "publish",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    assert client.get("/stories/old-slug/")["Location"] == "/stories/new-slug/"


def test_each_page_has_title_description_canonical_and_open_graph(client):
    story = make_story(title="The giraffe", summary="A toy came home with photos.")
    page = client.get(story.get_absolute_url()).text
    assert "<title>The giraffe · CSX Library</title>" in page
    assert '<meta name="description" content="A toy came home with photos.">' in page
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in page
    assert '<meta property="og:title" content="The giraffe">' in page
    assert '<meta property="og:type" content="article">' in page


@pytest.mark.parametrize(
    "url",
    ["/", "/stories/", "/companies/", "/principles/", "/statistics/", "/resources/", "/tags/"],
)
def test_list_pages_have_their_own_title_and_one_h1(client, url):
    page = client.get(url).text
    titles = re.findall(r"<title>(.*?)</title>", page)
    assert len(titles) == 1 and titles[0] != " · CSX Library"
    assert page.count("<h1") == 1
    assert '<html lang="en">' in page
    assert 'class="skip-link" href="#main"' in page


def test_sitemap_lists_every_published_page(client):
    story = make_story()
    draft = make_story(status="draft")
    principle = make_principle()
    locations = set(sitemaps.locations(client))
    assert f"http://testserver{story.get_absolute_url()}" in locations
    assert f"http://testserver{principle.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
    assert "http://testserver/stories/" in locations


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_story_feed_is_atom_with_published_stories(client):
    make_story(title="In the feed")
    make_story(title="Not yet", status="draft")
    response = client.get("/feeds/stories/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "In the feed" in response.text
    assert "Not yet" not in response.text


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_path_gets_the_site_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert markup.text(markup.one(response, "main h1")) == "We could not find that page"


def test_404_page_links_to_all_stories(client):
    links = markup.one(client.get("/no/such/page/"), "main .link-list")
    assert markup.one(links, f'a[href="{reverse("stories:story_list")}"]').text == "All stories"


# One page per view (function or class) a reader can reach; {code} is the story's short code.
READER_PAGES = [
    "/", "/stories/", "/stories/s/", "/stories/s/handout/", "/companies/", "/companies/c/",
    "/principles/", "/principles/p/", "/statistics/", "/statistics/f/", "/resources/", "/tags/",
    "/tags/t/", "/search/?q=s", "/paths/", "/paths/first-week/", "/paths/first-week/steps/{step}/",
    "/embed/stories/s/", "/oembed?url=/stories/s/&format=json", "/s/{code}/", "/robots.txt",
    "/healthz",
]  # fmt: skip
WRITES = ["post", "put", "patch", "delete"]


@pytest.fixture
def one_of_each(db):
    """One published item of each type: {code: the story's short link, step: its path step}."""
    story = make_story(slug="s", tags=["t"])
    make_principle(slug="p")
    make_statistic(slug="f")
    make_company(slug="c")
    path = make_path(targets=[story])
    return {"code": story.short_code, "step": path.items.get().number}


@pytest.mark.parametrize("url", READER_PAGES)
def test_pages_answer_to_get_and_head_alike(client, one_of_each, url):
    url = url.format(**one_of_each)
    got, head = client.get(url), client.head(url)
    assert got.status_code in (200, 301)
    assert (head.status_code, head.get("Location")) == (got.status_code, got.get("Location"))
    assert head.content == b""


@pytest.mark.parametrize("url", READER_PAGES)
def test_pages_refuse_methods_that_would_change_something(client, one_of_each, url):
    url = url.format(**one_of_each)
    refused = {method: getattr(client, method)(url) for method in WRITES}
    assert {method: r.status_code for method, r in refused.items()} == dict.fromkeys(WRITES, 405)
    assert {"GET", "HEAD"} <= set(refused["post"]["Allow"].split(", "))


@override_settings(DEBUG=False)
def test_server_error_page_is_in_the_site_design(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", broken)]})
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert markup.text(markup.one(response, "main h1")) == "Something went wrong on our side"


OUTBOUND = "[elsewhere](https://example.org/a) ![tracker](https://example.org/p.png)"


def test_an_outbound_link_in_a_body_keeps_no_hold_on_the_page(client):
    story = make_story(body=OUTBOUND)
    body = markup.one(client.get(story.get_absolute_url()), "article .prose")
    link = markup.one(body, 'a[href="https://example.org/a"]')
    assert link["rel"] == ["noopener", "noreferrer"]


@pytest.mark.parametrize("page", ["home", "story"])
def test_pages_load_nothing_from_other_hosts(client, page):
    story = make_story(featured=True, body=OUTBOUND)
    document = markup.parse(client.get("/" if page == "home" else story.get_absolute_url()))
    loaded = [tag["src"] for tag in document.select("script[src], img[src], iframe[src]")]
    loaded += [tag["href"] for tag in document.select("link[href]")
               if {"stylesheet", "icon", "preload"} & set(tag["rel"])]  # fmt: skip
    assert loaded
    assert [url for url in loaded if not url.startswith("/")] == []


def test_recently_added_does_not_repeat_the_featured_stories(client):
    make_story(title="Featured tale", featured=True)
    make_story(title="Newer tale")
    response = client.get("/")
    assert [s.title for s in response.context["recent"]] == ["Newer tale"]


def test_404_page_links_to_a_way_to_reach_the_editors(client):
    lede = markup.one(client.get("/no/such/page/"), "main .lede")
    assert markup.one(lede, f'a[href="{reverse("feedback:share")}"]')
