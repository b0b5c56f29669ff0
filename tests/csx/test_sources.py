"""Sources: public pages that list everything citing them, linked from every mention."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from csx.models import Source
from tests import sitemaps
from tests.factories import (
    make_company,
    make_principle,
    make_resource,
    make_source,
    make_statistic,
    make_story,
)
from tests.pages import definitions, soup, text, texts

pytestmark = pytest.mark.django_db


def cited_source(**fields):
    """A source readers see: a published story cites it."""
    source = make_source(**fields)
    make_story(sources=[source])
    return source


def links_in(page, selector):
    return [a["href"] for a in soup(page).select(f"{selector} a[href]")]


def test_source_page_lists_every_published_item_that_cites_it(client):
    source = make_source(title="A survey write-up")
    story = make_story(title="Cited story", sources=[source])
    make_story(title="Draft story", sources=[source], status="draft")
    quoted = make_statistic(title="Quoted figure", cited_in=source)
    primary = make_statistic(title="Traced figure", primary_source=source)
    principle = make_principle(title="Cited principle")
    principle.sources.set([source])
    company = make_company(title="Cited company")
    company.sources.set([source])
    resource = make_resource(title="Cited resource")
    resource.sources.set([source])
    page = client.get(source.get_absolute_url())
    assert page.status_code == 200
    cited = links_in(page, "section[aria-labelledby=cited-by] .card-title")
    for item in [quoted, primary, story, principle, company]:
        assert item.get_absolute_url() in cited, item
    assert resource.title in texts(page, "section[aria-labelledby=cited-by] .card-title")
    assert "Draft story" not in text(soup(page).select_one("main"))


def test_story_links_to_its_source_page_and_the_source_page_links_back(client):
    source = make_source(title="Where it was told")
    story = make_story(sources=[source])
    story_page = client.get(story.get_absolute_url())
    assert source.get_absolute_url() in links_in(story_page, "section.sources cite")
    source_page = client.get(source.get_absolute_url())
    assert story.get_absolute_url() in links_in(source_page, ".story-card .card-title")


def test_statistic_links_to_its_citing_and_primary_source_pages(client):
    citing = make_source(title="The blog that quotes it")
    study = make_source(title="The study", kind="primary", url="https://example.org/s")
    statistic = make_statistic(cited_in=citing, primary_source=study)
    page = client.get(statistic.get_absolute_url())
    origin = links_in(page, "section[aria-labelledby=origin] dl")
    assert citing.get_absolute_url() in origin
    assert study.get_absolute_url() in origin
    assert "https://example.org/s" in origin
    back = client.get(study.get_absolute_url())
    assert statistic.get_absolute_url() in links_in(back, ".statistic-card")


def test_principle_page_lists_its_sources(client):
    source = make_source(title="The principle's source")
    principle = make_principle()
    principle.sources.set([source])
    page = client.get(principle.get_absolute_url())
    assert texts(page, "section.sources cite") == ["The principle's source"]


def test_a_source_that_names_no_author_says_so(client):
    source = cited_source(title="Anonymous post", author="", publisher="")
    page = client.get(source.get_absolute_url())
    assert definitions(page, "dl.facts")["Author"] == "Not named"
    assert source.byline == "author not named"


def test_a_source_without_a_headline_is_named_by_its_opening_words(client):
    source = cited_source(title="In today's fast-paced world", untitled=True)
    assert str(source) == "In today's fast-paced world…"
    page = client.get(source.get_absolute_url())
    assert text(soup(page).h1) == "In today's fast-paced world…"
    assert "named here by its opening words" in text(soup(page).select_one("header.page-header"))


def test_a_full_date_sets_the_year():
    source = make_source()
    source.published_on = datetime.date(2024, 5, 2)
    source.full_clean()
    assert source.year == 2024
    assert source.byline == "author not named, 2 May 2024"


def test_source_list_shows_each_source_with_how_often_it_is_cited(client):
    cited = make_source(title="Cited twice")
    make_story(sources=[cited])
    make_statistic(cited_in=cited)
    make_story(sources=[make_source(title="Cited once")])
    page = client.get(reverse("sources:source_list"))
    entries = dict(zip(texts(page, ".source-index h3"), texts(page, ".source-index .muted"),
                       strict=True))  # fmt: skip
    assert entries["Cited twice"].endswith("cited by 2 published items")
    assert entries["Cited once"].endswith("cited by 1 published item")


def test_source_list_filters_by_kind(client):
    make_story(sources=[make_source(title="A study", kind="primary")])
    make_story(sources=[make_source(title="A blog post", kind="secondary")])
    page = client.get(reverse("sources:source_list"), {"kind": "primary"})
    assert texts(page, ".source-index h3") == ["A study"]


def test_source_list_refuses_an_unknown_kind_and_a_missing_page(client):
    assert client.get(reverse("sources:source_list"), {"kind": "rumour"}).status_code == 400
    assert client.get(reverse("sources:source_list"), {"page": "9"}).status_code == 404


def test_a_renamed_source_answers_with_a_redirect(client):
    source = make_source(slug="old-name")
    make_story(sources=[source])
    source.slug = "new-name"
    source.save()
    response = client.get("/sources/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/sources/new-name/"


def test_a_deleted_source_answers_gone(client):
    source = make_source(slug="gone-source")
    make_story(sources=[source])
    source.delete()
    assert client.get("/sources/gone-source/").status_code == 410
    assert not Source.objects.exists()


def test_a_deleted_source_readers_never_saw_answers_not_found(client):
    source = make_source(slug="never-seen")
    make_story(sources=[source], status="draft")
    source.delete()
    assert client.get("/sources/never-seen/").status_code == 404


def test_sitemap_lists_the_source_pages(client):
    source = make_source()
    make_story(sources=[source])
    locations = sitemaps.locations(client)
    assert f"http://testserver{source.get_absolute_url()}" in locations
    assert f"http://testserver{reverse('sources:source_list')}" in locations


def test_a_storys_note_on_its_evidence_links_the_source_it_names(client):
    source = make_source(slug="the-post", title="The post")
    story = make_story(sources=[source], provenance_note="Told in [a blog post](source:the-post).")
    page = client.get(story.get_absolute_url())
    assert links_in(page, ".evidence-note") == [source.get_absolute_url()]


def test_a_statistics_embed_links_its_citing_source(client):
    statistic = make_statistic()
    page = client.get(reverse("embed:statistic", kwargs={"slug": statistic.slug}))
    assert links_in(page, ".embed-note") == [
        f"http://testserver{statistic.cited_in.get_absolute_url()}"
    ]


# A source is public once a published item cites it (a draft's new source stays out of sight).


@pytest.fixture
def drafts_source():
    source = make_source(title="Made in a draft's popup", slug="popup", note="Check the date.")
    make_story(title="A draft", sources=[source], status="draft")
    return source


def test_a_source_only_a_draft_cites_has_no_page_for_readers(client, drafts_source):
    assert client.get(drafts_source.get_absolute_url()).status_code == 404


def test_a_source_only_a_draft_cites_is_not_on_the_source_list(client, drafts_source):
    make_story(sources=[make_source(title="Cited by a live story")])
    page = client.get(reverse("sources:source_list"))
    assert texts(page, ".source-index h3") == ["Cited by a live story"]


def test_a_source_only_a_draft_cites_is_not_in_the_sitemap(client, drafts_source):
    address = f"http://testserver{drafts_source.get_absolute_url()}"
    assert address not in sitemaps.locations(client)


def test_a_source_only_a_draft_cites_is_not_in_the_api(client, drafts_source):
    assert client.get(f"/api/v1/sources/{drafts_source.slug}/").status_code == 404


def test_staff_see_a_source_only_a_draft_cites(editor_client, drafts_source):
    assert editor_client.get(drafts_source.get_absolute_url()).status_code == 200


def test_a_source_goes_public_when_the_draft_citing_it_is_published(client, drafts_source):
    drafts_source.stories.update(status="published", published_at=timezone.now())
    assert client.get(drafts_source.get_absolute_url()).status_code == 200


def test_a_source_cited_by_a_scheduled_item_waits_for_it(client, drafts_source):
    later = timezone.now() + datetime.timedelta(days=1)
    drafts_source.stories.update(status="published", published_at=later)
    assert client.get(drafts_source.get_absolute_url()).status_code == 404
