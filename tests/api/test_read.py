"""The read API shows what the pages show, by the same rules: published items only, the
story list's filters, permanent links, the site's search; and it behaves as a JSON API
should (cursor pages, revalidation, CORS for reading, rate limits)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from csx.models import Status
from tests.factories import (
    add_item,
    make_company,
    make_path,
    make_principle,
    make_source,
    make_statistic,
    make_story,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_a_list_holds_live_items_only(client):
    make_story(slug="live")
    make_story(slug="draft", status=Status.DRAFT)
    make_story(slug="scheduled", published_at=timezone.now() + timedelta(days=1))
    make_story(slug="withdrawn", status=Status.WITHDRAWN)
    assert slugs(client.get("/api/v1/stories/")) == ["live"]


def test_the_story_filters_narrow_the_list(client):
    principle = make_principle(slug="empathy")
    make_story(slug="kept", outcome="cautionary", channel="phone", principles=[principle],
               company=make_company(slug="acme"), tags=["airlines"])  # fmt: skip
    make_story(slug="other", outcome="exemplary", channel="email", tags=["hotels"])
    query = "outcome=cautionary&channel=phone&principle=empathy&company=acme&tag=airlines"
    assert slugs(client.get(f"/api/v1/stories/?{query}")) == ["kept"]


def test_an_unknown_filter_value_is_a_400_that_names_it(client):
    make_story()
    response = client.get("/api/v1/stories/?outcome=wonderful")
    assert (response.status_code, response.json()["detail"][:8]) == (400, "outcome:")


def test_the_list_comes_a_cursor_page_at_a_time_without_repeats(client):
    for n in range(5):
        make_story(slug=f"s{n}")
    first = client.get("/api/v1/stories/?size=2").json()
    seen = [item["slug"] for item in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [item["slug"] for item in page["results"]]
        url = page["next"]
    assert sorted(seen) == ["s0", "s1", "s2", "s3", "s4"]


def test_a_renamed_slug_answers_301_with_the_new_resource(client):
    story = make_story(slug="old-name")
    story.slug = "new-name"
    story.save()
    response = client.get("/api/v1/stories/old-name/")
    assert (response.status_code, response["Location"]) == (
        301,
        "http://testserver/api/v1/stories/new-name/",
    )


def test_a_withdrawn_item_answers_410_with_what_it_was(client):
    story = make_story(slug="gone", title="The story that went")
    story.status = Status.WITHDRAWN
    story.save()
    response = client.get("/api/v1/stories/gone/")
    assert (response.status_code, response.json()["title"]) == (410, "The story that went")


def test_a_withdrawal_with_a_replacement_answers_301_to_its_resource(client):
    from csx.models import Withdrawal

    make_story(slug="instead")
    story = make_story(slug="gone")
    story.status = Status.WITHDRAWN
    story.save()
    Withdrawal.objects.filter(slug="gone").update(replacement="/stories/instead/")
    response = client.get("/api/v1/stories/gone/")
    assert (response.status_code, response["Location"]) == (
        301,
        "http://testserver/api/v1/stories/instead/",
    )


def test_a_draft_never_published_is_a_404(client):
    make_story(slug="draft", status=Status.DRAFT)
    assert client.get("/api/v1/stories/draft/").status_code == 404


def test_a_story_shows_its_company_principles_sources_and_evidence(client):
    source = make_source(slug="the-article", title="The article")
    principle = make_principle(slug="empathy")
    make_principle(slug="hidden", status=Status.DRAFT)
    make_story(slug="s", company=make_company(slug="acme"), principles=[principle],
               sources=[source])  # fmt: skip
    data = client.get("/api/v1/stories/s/").json()
    assert (
        data["company"]["slug"],
        [p["slug"] for p in data["principles"]],
        [s["slug"] for s in data["sources"]],
        data["evidence"]["heading"],
    ) == ("acme", ["empathy"], ["the-article"], "How we know it")


def test_a_source_lists_the_published_items_citing_it(client):
    source = make_source(slug="study")
    make_statistic(slug="cited", cited_in=source)
    make_statistic(slug="draft", cited_in=source, status=Status.DRAFT)
    data = client.get("/api/v1/sources/study/").json()
    assert [item["slug"] for item in data["cited_by"]] == ["cited"]


def test_a_path_lists_the_steps_readers_see_in_order(client):
    first, second = make_story(slug="first"), make_story(slug="second")
    hidden = make_story(slug="hidden", status=Status.DRAFT)
    path = make_path(slug="week-one")
    for order, target in enumerate([second, hidden, first]):
        add_item(path, target, order=order)
    data = client.get("/api/v1/paths/week-one/").json()
    assert [step["item"]["slug"] for step in data["steps"]] == ["second", "first"]
    # A step's number is its page's address, kept though the step between is hidden.
    assert [step["number"] for step in data["steps"]] == [1, 3]


def test_a_tag_lists_its_published_items_across_types(client):
    make_story(slug="story", tags=["airlines"])
    make_statistic(slug="figure", tags=["airlines"])
    make_story(slug="draft", tags=["airlines"], status=Status.DRAFT)
    data = client.get("/api/v1/tags/airlines/").json()
    found = {s["type"]: [i["slug"] for i in s["items"]] for s in data["sections"]}
    assert found == {"story": ["story"], "statistic": ["figure"]}


def test_search_finds_what_the_site_finds_in_the_same_order(client, seeded):
    page = client.get("/search/?q=apology")
    api = client.get("/api/v1/search/?q=apology").json()
    site_titles = [r.title for r in page.context["found"].results]
    assert [r["title"] for r in api["results"]] == site_titles and site_titles


def test_search_without_a_query_is_a_400(client):
    assert client.get("/api/v1/search/").status_code == 400


def test_a_client_with_the_etag_gets_304(client):
    make_story()
    etag = client.get("/api/v1/stories/")["ETag"]
    assert client.get("/api/v1/stories/", headers={"if-none-match": etag}).status_code == 304


def test_a_response_carries_last_modified(client):
    make_story()
    assert client.get("/api/v1/stories/").has_header("Last-Modified")


def test_any_site_may_read_the_api(client):
    make_story()
    response = client.get("/api/v1/stories/", headers={"origin": "https://desk.example"})
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_browser_preflight_for_the_api_is_answered_for_reading_only(client):
    response = client.options(
        "/api/v1/stories/",
        headers={"origin": "https://desk.example", "access-control-request-method": "GET"},
    )
    assert (response.status_code, response["Access-Control-Allow-Methods"]) == (
        200,
        "GET, HEAD, OPTIONS",
    )


def test_the_pages_send_no_cors_headers(client):
    make_story()
    response = client.get("/stories/", headers={"origin": "https://desk.example"})
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_client_over_the_rate_limit_gets_429_with_retry_after(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "client": "2/minute", "write": "2/minute"}}  # fmt: skip
    answers = [client.get("/api/v1/tags/") for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0


def test_the_schema_is_openapi_3_1(client):
    assert client.get("/api/v1/openapi.json").json()["openapi"] == "3.1.0"


def test_the_docs_load_nothing_from_another_site(client):
    from tests import markup

    page = client.get("/api/v1/docs/")
    sources = [e.get("src") or e.get("href") for e in markup.parse(page).select("script, link")]
    assert sources and all(s.startswith("/") for s in sources if s)
