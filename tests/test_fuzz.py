"""No input makes a 5xx: hostile paths, query strings, headers, methods and bodies on every
route the URL resolver knows (the admin's included), as a reader, as a browser whose CSRF
token is good and as a signed-in editor.

A property-based test (hypothesis) with a fixed number of examples, derandomised so CI sees
the same ones every run; the page cache is on, as in production. `make fuzz` runs the same
tests with CSX_FUZZ_EXAMPLES times as many examples and prints the answers by status.
"""

import os
from collections import Counter
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from csx.serving.http import readable_environ
from tests.routes import sample_urls

# Every test reads the seed, loaded once for the module (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]

SCALE = int(os.environ.get("CSX_FUZZ_EXAMPLES", "1"))
EXAMPLES = 300 * SCALE  # per test
ANSWERS = Counter()  # every answer's status, for `make fuzz`

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
    """A route's address (a real page's, or one drawn from the resolver's patterns) with a
    segment replaced or added, or a made-up one."""
    path = urlsplit(draw(st.sampled_from(sorted(urls.values())) | RESOLVED)).path
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


def route_chains(patterns=None, chain=()):
    """Every route the URL resolver knows, as the patterns from the root to it."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from route_chains(pattern.url_patterns, (*chain, pattern.pattern))
        else:
            yield (*chain, pattern.pattern)


def address_of(chain):
    """An address the route `chain` matches, each part drawn from its pattern's regular
    expression (a slug, a number, any text for a path), %-escaped as a client sends it."""
    parts = [st.from_regex(pattern.regex, fullmatch=True) for pattern in chain]
    return st.tuples(*parts).map(lambda drawn: "/" + quote("".join(drawn), safe="/"))


CHAINS = list(route_chains())
RESOLVED = st.sampled_from(CHAINS).flatmap(address_of)


def admin_urls():
    """The admin's index, and each registered model's list, add form and first item."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        first = model._default_manager.first()
        if first is not None:
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    return urls


@pytest.fixture
def urls(seeded, settings):
    settings.PAGE_CACHE = True
    return sample_urls()


def counted(client):
    """`client` as gunicorn serves the site (csx/wsgi.py's readable_environ() before Django),
    its answers' statuses added to ANSWERS."""
    handler, generic = client.handler, client.generic
    client.handler = lambda environ: handler(readable_environ(environ))

    def counting(*args, **kwargs):
        response = generic(*args, **kwargs)
        ANSWERS[response.status_code] += 1
        return response

    client.generic = counting
    return client


@pytest.fixture(scope="module", autouse=True)
def report_answers():
    yield
    total = sum(ANSWERS.values())
    print(f"\nfuzz: {total:,} requests, by status: {dict(sorted(ANSWERS.items()))}")


@pytest.fixture
def client():
    return counted(Client(raise_request_exception=True))


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
    # What once answered 500 on every route: a Host header not in ALLOWED_HOSTS; and on
    # PostgreSQL, a NUL in an address that a route looks up as text.
    @HYPOTHESIS
    @example(("GET", "/stories/", {"host": "evil.example"}))
    @example(("GET", "/api/v1/stories/a\x00b/", {}))
    @given(st.tuples(st.sampled_from(["GET", "HEAD", "POST"]), paths(urls), HEADERS))
    def never_5xx(request):
        method, path, headers = request
        response = client.generic(method, path, headers=headers)
        assert response.status_code < 500, (method, path, headers)

    never_5xx()


METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]
FORM = "application/x-www-form-urlencoded"
# The CSRF cookie the browser client holds, and so the token its forms carry.
TOKEN = "fuzzfuzz" * 4
# Charsets a body may declare: readable ones, names Python knows but cannot read a page in,
# a made-up one, and broken spellings.
CHARSETS = st.sampled_from(
    [
        None, "utf-8", "UTF8", "latin-1", "iso-8859-15", "cp1252", "utf-16", "utf-16-le",
        "utf-32", "utf-7", "shift_jis", "koi8-r", "ascii", "rot13", "base64", "zlib", "idna",
        "punycode", "unicode_escape", "x-nonsense", "", '"utf-8"', "utf-8; charset=latin-1",
    ]
)  # fmt: skip
# Names the site's forms read (the reader's, the admin's sign-in and change forms), and others.
FIELD_NAMES = st.sampled_from(
    [
        "csrfmiddlewaretoken", "name", "what_happened", "company", "email", "consent",
        "started", "website", "went", "channel", "kind", "item", "helpful", "ticket",
        "reason", "comment", "username", "password", "title", "slug", "summary", "body",
        "status", "tags", "_action", "_message", "_save", "_decision", "text", "q",
    ]
) | st.text(max_size=10)  # fmt: skip
FIELDS = st.dictionaries(FIELD_NAMES, NASTY, max_size=6)


def encoded(text, charset):
    """`text` in `charset` when Python can write it, else in UTF-8."""
    try:
        return text.encode(charset or "utf-8", errors="replace")
    except (LookupError, UnicodeError, TypeError):
        return text.encode("utf-8", errors="surrogatepass")


def declared(content_type, charset):
    return content_type if charset is None else f"{content_type}; charset={charset}"


@st.composite
def form_bodies(draw):
    fields, charset = draw(FIELDS), draw(CHARSETS)
    fields = {"csrfmiddlewaretoken": TOKEN} | fields if draw(st.booleans()) else fields
    body = encoded(urlencode(fields), charset) + draw(st.sampled_from([b"", b"&\xe9=\xff", b"%"]))
    return body, declared(FORM, charset), {}


@st.composite
def multipart_bodies(draw):
    """multipart/form-data, well formed or not: parts with their own charsets, a file, a
    missing end, a boundary that is not the one declared."""
    boundary, charset = draw(st.sampled_from(["b", "----x", "a" * 80, ""])), draw(CHARSETS)
    parts = []
    for name, value in draw(FIELDS).items():
        headers = f'Content-Disposition: form-data; name="{name}"'
        if draw(st.booleans()):
            headers += '; filename="' + draw(NASTY) + '"'
        part_charset = draw(CHARSETS)
        if part_charset is not None:
            headers += f"\r\nContent-Type: text/plain; charset={part_charset}"
        if draw(st.booleans()):
            headers += "\r\nContent-Transfer-Encoding: " + draw(
                st.sampled_from(["base64", "8bit", "x"])
            )
        parts.append(encoded(f"--{boundary}\r\n{headers}\r\n\r\n{value}\r\n", part_charset))
    body = b"".join(parts) + draw(st.sampled_from([f"--{boundary}--\r\n".encode(), b"", b"--"]))
    said = draw(st.sampled_from([boundary, "other", None]))
    content_type = "multipart/form-data" + (f"; boundary={said}" if said is not None else "")
    return body, declared(content_type, charset), {}


@st.composite
def chunked_bodies(draw):
    """A form sent in chunks (Transfer-Encoding: chunked), its Content-Length absent, zero,
    unreadable or shorter than the body, as proxies and odd clients send it."""
    body = draw(form_bodies())[0]
    sizes = draw(st.lists(st.integers(1, 40), min_size=1, max_size=4))
    chunks, at = [], 0
    for size in sizes:
        chunks.append(b"%x\r\n%s\r\n" % (len(body[at : at + size]), body[at : at + size]))
        at += size
    chunked = b"".join(chunks) + b"0\r\n\r\n"
    length = draw(st.sampled_from(["", "0", "abc", "-1", str(len(chunked) // 2)]))
    extra = {"HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": length}
    return chunked, declared(FORM, draw(CHARSETS)), extra


RAW_TYPES = st.sampled_from(
    ["text/plain", "application/json", "application/xml", "multipart/form-data", FORM, "",
     "multipart/mixed; boundary=b", "application/octet-stream", ";;;", "text/html; charset"]
)  # fmt: skip
RAW_BODIES = st.tuples(st.binary(max_size=200), RAW_TYPES, st.just({}))
BODIES = st.one_of(
    st.just((b"", None, {})), form_bodies(), multipart_bodies(), chunked_bodies(), RAW_BODIES
)


def send(clients, who, method, path, body):
    data, content_type, extra = body
    kwargs = {"content_type": content_type} if content_type is not None else {}
    return clients[who].generic(method, path, data, **kwargs, **extra)


@pytest.fixture
def clients(urls, editor):
    """A reader (no CSRF check, as Django's test client), a browser that passes the CSRF
    check (its cookie matches TOKEN) and a signed-in editor."""
    browser = counted(Client(enforce_csrf_checks=True, raise_request_exception=True))
    browser.cookies["csrftoken"] = TOKEN
    signed_in = counted(Client(raise_request_exception=True))
    signed_in.force_login(editor)
    return {"reader": counted(Client(raise_request_exception=True)), "browser": browser,
            "editor": signed_in}  # fmt: skip


WHO = st.sampled_from(["reader", "browser", "editor"])


def test_no_method_body_or_charset_gets_a_server_error(clients, urls):
    # What once answered 500: a form declared in latin-1, on /share/ and the admin sign-in.
    latin_1 = (
        b"csrfmiddlewaretoken=" + TOKEN.encode() + b"&name=J\xe9",
        f"{FORM}; charset=latin-1",
        {},
    )
    addresses = st.sampled_from(sorted({*urls.values(), *admin_urls()})) | RESOLVED

    @HYPOTHESIS
    @example(("browser", "POST", "/share/", latin_1))
    @example(("browser", "POST", "/admin/login/", latin_1))
    @given(st.tuples(WHO, st.sampled_from(METHODS), addresses, BODIES))
    def never_5xx(request):
        response = send(clients, *request)
        assert response.status_code < 500, request

    never_5xx()


def every_route(chains):
    """For each route of `chains`, an address of it and, for each method in turn, who sends it
    and with what body: one strategy, so hypothesis times its drawing as one draw. (Drawn one
    by one in the test, their thousands of draws each got a row of hypothesis's health-check
    timing report, built in time cubic in their number: `make fuzz` never finished.)"""
    return st.tuples(
        *(
            st.tuples(address_of(chain), st.tuples(*(st.tuples(WHO, BODIES) for _ in METHODS)))
            for chain in chains
        )
    )


# Routes per example: with every route in one, an example outgrows what hypothesis draws for
# one and is drawn again and again.
ROUTES_AT_ONCE = 12


@pytest.mark.parametrize("first", range(0, len(CHAINS), ROUTES_AT_ONCE))
def test_every_route_takes_every_method_with_a_body_without_a_server_error(clients, first):
    @settings(HYPOTHESIS, max_examples=SCALE)
    @given(every_route(CHAINS[first : first + ROUTES_AT_ONCE]))
    def never_5xx(routes):
        for path, senders in routes:
            for method, (who, body) in zip(METHODS, senders, strict=True):
                request = (who, method, path, body)
                assert send(clients, *request).status_code < 500, request

    never_5xx()
