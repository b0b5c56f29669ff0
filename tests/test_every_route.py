"""Every public route answers HEAD as it answers GET, refuses the methods the site never
serves with 405, and answers a bad Host header with the 400 page, never a 5xx."""

import pytest
from django.test import Client

from tests.routes import CONFIGURED_ONLY, POST_ONLY, POSTED, public_routes, sample_urls

# Every test reads the seed, loaded once for the module (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]


@pytest.fixture
def urls(seeded):
    return sample_urls()


def test_the_samples_cover_every_public_route(urls):
    assert set(urls) == {name for name, _ in public_routes()}


def test_every_sample_reaches_its_page(client, urls):
    statuses = {
        name: client.get(url).status_code
        for name, url in urls.items()
        if name not in POST_ONLY | CONFIGURED_ONLY
    }
    assert {name: status for name, status in statuses.items() if status >= 400} == {}


def test_every_get_route_answers_head_with_the_get_headers_and_no_body(client, urls):
    differing = {}
    for name, url in urls.items():
        if name in POST_ONLY:
            continue
        get, head = client.get(url), client.head(url)
        body = b"".join(head.streaming_content) if head.streaming else head.content
        if (head.status_code, head.get("Content-Length")) != (
            get.status_code,
            get.get("Content-Length"),
        ) or body:
            differing[name] = (get.status_code, head.status_code, len(body))
    assert differing == {}


def test_a_method_the_site_never_serves_gets_405(client, urls):
    answers = {
        (method, name): client.generic(method, url)
        for method in ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
        for name, url in urls.items()
    }
    assert {key: r.status_code for key, r in answers.items() if r.status_code != 405} == {}
    assert {r["Allow"] for r in answers.values()} == {"GET, HEAD, POST"}


def test_a_post_to_a_page_gets_405_not_the_page(client, urls):
    # The test client skips the CSRF check; a browser's cross-site POST gets its 403 first.
    statuses = {
        name: client.post(url).status_code for name, url in urls.items() if name not in POSTED
    }
    assert {name: status for name, status in statuses.items() if status != 405} == {}


def test_a_bad_host_header_gets_the_400_page_on_every_route(urls):
    answers = {
        (host, name): Client(HTTP_HOST=host).get(url)
        for host in ["evil.example", "[::1", "a b", "localhost:port", ""]
        for name, url in urls.items()
    }
    assert {key: r.status_code for key, r in answers.items() if r.status_code != 400} == {}
    assert all("We could not understand that request" in r.text for r in answers.values())
