"""No input makes a 5xx: hostile paths, query strings and headers on every public route.

A property-based test (hypothesis) with a fixed number of examples, derandomised so CI sees
the same ones every run; the page cache is on, as in production.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.routes import sample_urls

pytestmark = pytest.mark.django_db

EXAMPLES = 300  # per test

# Strings a page or a parser might choke on: huge, negative and fractional numbers, broken
# escapes, other hosts, IPv6 brackets, control characters, long and non-Latin text.
NASTY = st.one_of(
    st.sampled_from(
        [
            "", "0", "-1", "1.5", "1e9", "9" * 40, str(2**63), "NaN", "%", "%zz", "%ff%fe",
            "\x00", "a\x00b", "\r\n", "../../etc/passwd", "//evil.example/x",
            "http://[::1", "https://[", "http://evil.example/stories/x/", "javascript:alert(1)",
            "<script>", "' OR 1=1 --", '"', "OR", "-", "\"unclosed", "*", "🙂" * 30,
            "x" * 3000,
        ]
    ),
    st.text(max_size=60),
    st.integers().map(str),
)  # fmt: skip
ADDRESSES = st.sampled_from(
    [
        "http://[::1", "https://[/stories/x/", "http://]", "http://a:b@c:d/", "http://:80",
        "//evil.example/stories/x/", "/stories/%zz/", "/embed/stories/x/", "ftp://x/",
        "http://testserver/stories/x/?q=1#f", "/" * 300, "http://" + "a" * 300,
    ]
)  # fmt: skip
NUMBERS = st.one_of(st.integers(), st.sampled_from(["9" * 40, str(2**63), "-0", "1.0", "0x10"]))
# The parameters the site reads, each with what is most likely to upset its reader.
PARAMETERS = {
    "q": NASTY, "page": NUMBERS.map(str), "kind": NASTY, "type": NASTY, "tag": NASTY,
    "outcome": NASTY, "principle": NASTY, "company": NASTY, "channel": NASTY,
    "url": ADDRESSES | NASTY, "format": NASTY, "maxwidth": NUMBERS.map(str),
    "maxheight": NUMBERS.map(str),
}  # fmt: skip
LATIN_1 = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80)
HEADERS = st.dictionaries(
    st.sampled_from(
        [
            "host", "if-none-match", "if-modified-since", "range", "accept-language",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "cookie", "user-agent",
            "referer", "accept-encoding",
        ]
    ),
    st.one_of(LATIN_1, st.sampled_from(["127.0.0.1", "testserver", "evil.example", "[::1"])),
    max_size=4,
)  # fmt: skip


# The routes that read a query string, and what each reads.
READERS = {
    "search": ["q", "page", "kind", "type"],
    "stories:story_list": ["outcome", "kind", "principle", "company", "tag", "channel", "page"],
    "principles:resource_list": ["kind"],
    "oembed": ["url", "format", "maxwidth", "maxheight"],
}
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def query_strings(draw, urls):
    """(route path, query string) for a route that reads one: its own parameters with
    hostile values, what else it had, stray parameters and stray characters."""
    route = draw(st.sampled_from(sorted(READERS)))
    parts, reads = urlsplit(urls[route]), READERS[route]
    names = draw(st.lists(st.sampled_from(reads), min_size=1, max_size=len(reads), unique=True))
    params = {name: draw(PARAMETERS[name]) for name in names}
    params |= draw(st.dictionaries(st.text(max_size=8), NASTY, max_size=2))
    kept = dict(parse_qsl(parts.query)) if draw(st.booleans()) else {}
    query = urlencode(kept | params)
    if draw(st.booleans()):
        query += "&" + draw(st.text(st.characters(min_codepoint=33, max_codepoint=126)))
    return parts.path, query


@st.composite
def paths(draw, urls):
    """A route's address with a segment replaced or added, or a made-up one."""
    path = urlsplit(draw(st.sampled_from(sorted(urls.values())))).path
    mangle = draw(st.sampled_from(["keep", "append", "replace", "random"]))
    if mangle == "append":
        path += draw(NASTY).replace("?", "") + draw(st.sampled_from(["", "/"]))
    elif mangle == "replace":
        segments = path.strip("/").split("/")
        segments[draw(st.integers(0, len(segments) - 1))] = draw(NASTY).replace("?", "")
        path = "/" + "/".join(segments) + "/"
    elif mangle == "random":
        path = "/" + draw(st.text(max_size=40)).replace("?", "")
    return path


@pytest.fixture
def urls(seeded, settings):
    settings.PAGE_CACHE = True
    return sample_urls()


@pytest.fixture
def client():
    return Client(raise_request_exception=True)


def test_no_query_string_gets_a_server_error(client, urls):
    # What once answered 500: an address oEmbed cannot parse, absurd page numbers.
    @HYPOTHESIS
    @example(("/oembed", "url=http://[::1"))
    @example(("/search/", f"q=service&page={'9' * 40}"))
    @given(query_strings(urls))
    def never_5xx(request):
        path, query = request
        for method in ("GET", "HEAD"):
            response = client.generic(method, path, QUERY_STRING=query)
            assert response.status_code < 500, (method, path, query)

    never_5xx()


def test_no_path_method_or_header_gets_a_server_error(client, urls):
    # What once answered 500 on every route: a Host header not in ALLOWED_HOSTS.
    @HYPOTHESIS
    @example(("GET", "/stories/", {"host": "evil.example"}))
    @given(st.tuples(st.sampled_from(["GET", "HEAD", "POST"]), paths(urls), HEADERS))
    def never_5xx(request):
        method, path, headers = request
        response = client.generic(method, path, headers=headers)
        assert response.status_code < 500, (method, path, headers)

    never_5xx()
