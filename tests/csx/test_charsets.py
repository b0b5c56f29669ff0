"""A request's body is read as its headers declare it (a charset, a length), or refused with
the 400 page: never a 500 (csx/serving/http.py). Forms post to /share/, the feedback panel and the
admin's sign-in."""

import io
from urllib.parse import urlencode

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from csx.feedback.models import Submission
from csx.wsgi import application
from tests import markup
from tests.feedback.helpers import share_form
from tests.routes import API_WRITES, POSTED, public_routes

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
# Names Python's codecs know but no one can read a page in (bytes to bytes, or codecs that
# cannot replace what they cannot decode), Python's literal escapes, and a made-up name.
UNREADABLE = ["rot13", "base64", "zlib", "idna", "punycode", "unicode_escape", "x-nonsense"]
# Every route a form posts to at an address of its own (not one per item): the reader's
# forms, the learning side's sign-in and new cohort, and the admin's sign-in.
FIXED = {name for name, pattern in public_routes() if "<" not in pattern}
POST_ROUTES = [*sorted((POSTED - API_WRITES) & FIXED), "admin:login"]


@pytest.fixture
def post_addresses():
    return [reverse(name) for name in POST_ROUTES]


def api_write_addresses():
    patterns = dict(public_routes())
    # A route taking a draft's number gets any: the body is refused before a draft is sought.
    return [
        reverse(name, kwargs={"pk": 1} if "<int:pk>" in patterns[name] else None)
        for name in sorted(API_WRITES)
    ]


def shared(client, body, content_type):
    response = client.generic("POST", "/share/", body, content_type=content_type)
    assert response.status_code == 302, response.status_code
    return Submission.objects.get()


def test_a_form_declared_latin_1_is_read_as_latin_1(client):
    # Escaped (%E9) and raw (an \xe9 byte), as browsers and scripts send them.
    escaped = urlencode(share_form(name="Jérôme", company=None), encoding="latin-1")
    body = escaped.encode("ascii") + "&company=Café Müller".encode("latin-1")
    submission = shared(client, body, f"{FORM}; charset=latin-1")
    assert (submission.name, submission.company) == ("Jérôme", "Café Müller")


def test_a_form_declared_utf_16_is_read_as_utf_16(client):
    body = urlencode(share_form(name="Zoë")).encode("utf-16")
    assert shared(client, body, f"{FORM}; charset=utf-16").name == "Zoë"


def test_a_multipart_form_declared_latin_1_is_read_as_latin_1(client):
    parts = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (name.encode(), value.encode("latin-1"))
        for name, value in share_form(name="Jérôme").items()
    )
    submission = shared(
        client, parts + b"--b--\r\n", "multipart/form-data; boundary=b; charset=latin-1"
    )
    assert submission.name == "Jérôme"


@pytest.fixture
def browser():
    """A client that passes Django's CSRF check as a browser does, with the cookie and the
    token from the share page: the check reads the form before any view does."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/share/")
    return client, markup.one(page, "input[name=csrfmiddlewaretoken]")["value"]


@pytest.mark.parametrize("charset", UNREADABLE)
def test_a_form_in_a_charset_that_cannot_be_read_gets_the_400_page_on_every_post_route(
    browser, post_addresses, charset
):
    client, token = browser
    body = f"csrfmiddlewaretoken={token}&name=J%E9"
    answers = {
        address: client.generic("POST", address, body, content_type=f"{FORM}; charset={charset}")
        for address in post_addresses
    }
    assert {address: r.status_code for address, r in answers.items()} == dict.fromkeys(
        post_addresses, 400
    )
    heading = {markup.text(markup.one(r, "h1")) for r in answers.values()}
    assert heading == {"We could not understand that request"}


@pytest.mark.parametrize("charset", ["rot13", "x-nonsense"])
def test_a_body_in_a_charset_that_cannot_be_read_gets_a_400_in_json_from_the_api(charset):
    addresses = api_write_addresses()
    answers = {
        address: Client().generic(
            "POST",
            address,
            '{"title": "J\\u00e9"}',
            content_type=f"application/json; charset={charset}",
        )
        for address in addresses
    }
    assert {address: (r.status_code, r.json()) for address, r in answers.items()} == dict.fromkeys(
        addresses, (400, {"detail": "The request's body could not be read."})
    )


def served(environ):
    """Status and body of csx.wsgi.application (what gunicorn serves) for `environ`, with the
    test's database connection kept open as Django's test client keeps it."""
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(), **environ,
    }  # fmt: skip
    started = []
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, lambda status, headers: started.append(status))
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started[0], body.decode()


@pytest.mark.parametrize("charset", ["rot13", "idna"])
def test_an_address_read_in_a_charset_that_cannot_be_read_gets_the_400_page(charset):
    # Django reads the query string in the declared charset while it builds the request,
    # before any middleware: what gunicorn calls must take the charset out first.
    status, page = served(
        {
            "PATH_INFO": "/search/",
            "QUERY_STRING": "q=%E9",
            "CONTENT_TYPE": f"text/plain; charset={charset}",
        }
    )
    assert (status, markup.text(markup.one(page, "h1"))) == (
        "400 Bad Request",
        "We could not understand that request",
    )


def test_the_admin_sign_in_reads_a_latin_1_form_as_latin_1():
    client = Client()
    response = client.generic(
        "POST",
        "/admin/login/",
        "username=jos%E9&password=x",
        content_type=f"{FORM}; charset=latin-1",
    )
    field = markup.one(response, "input[name=username]")
    assert (response.status_code, field.get("value")) == (200, "josé")


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "²"])
def test_a_content_length_that_is_not_a_number_gets_the_400_page(client, length):
    body = urlencode(share_form())
    response = client.generic("POST", "/share/", body, content_type=FORM, CONTENT_LENGTH=length)
    assert (response.status_code, markup.text(markup.one(response, "h1"))) == (
        400,
        "We could not understand that request",
    )


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
def test_a_multipart_body_without_a_boundary_gets_the_400_page(client, content_type):
    """Found by the fuzz test: a view without CSRF that answers 404 (the LTI link picker's
    pick/, for a picker that expired) had Django's 404 page check the CSRF token, read the
    body it cannot split, and fail with a 500."""
    client.cookies["csrftoken"] = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"
    answer = client.generic(
        "POST", "/lti/deep-link/expired/pick/", b"xx", content_type=content_type
    )
    assert answer.status_code == 400
