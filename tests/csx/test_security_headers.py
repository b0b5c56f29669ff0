"""The headers an A+ on a header scanner asks for, on pages and on static files alike."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db

EVERYWHERE = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.mark.parametrize("url", ["/", "/static/css/site.css", "/static/favicon.svg"])
def test_security_headers_on_pages_and_static_files(client, url):
    response = client.get(url, secure=True)
    response.close()  # static files stream from an open file
    assert response.status_code == 200
    assert {name: response.get(name) for name in EVERYWHERE} == EVERYWHERE
    assert "camera=()" in response["Permissions-Policy"]


def test_permissions_policy_refuses_what_no_page_uses_and_keeps_full_screen(client):
    policy = client.get("/")["Permissions-Policy"].split(", ")
    assert {"camera=()", "geolocation=()", "microphone=()", "fullscreen=(self)"} <= set(policy)


def test_pages_refuse_to_be_framed_and_load_only_from_the_site(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_no_hsts_preload_unless_asked_for(client):
    assert "preload" not in client.get("/", secure=True)["Strict-Transport-Security"]


def test_a_forwarded_scheme_is_not_believed_by_default(client):
    response = client.get("/", headers={"x-forwarded-proto": "https"})
    assert response.wsgi_request.is_secure() is False


def test_plain_http_is_sent_to_https_but_the_health_check_is_answered(client, settings):
    """A load balancer checks /healthz over plain http: a redirect would mark the server down."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/").status_code == 301  # only the exact path is exempt
    response = client.get("/stories/")
    assert (response.status_code, response["Location"]) == (301, "https://testserver/stories/")


def no_exception_raised():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url, extra",
    [
        ("/static/css/site.css", {}),
        ("/static/favicon.svg", {}),
        ("/no-such-page/", {}),
        ("/", {"headers": {"host": "not-ours.example"}}),  # 400 from the Host check
        ("/", {"CONTENT_LENGTH": "ten"}),  # 400 from csx/serving/http.py, before the views
    ],
    ids=["css", "icon", "404", "bad-host", "bad-length"],
)
def test_static_files_and_error_pages_carry_the_content_security_policy(url, extra):
    response = no_exception_raised().get(url, **extra)
    response.close()
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_bad_host_under_the_https_redirect_gets_the_policy_too(settings):
    settings.SECURE_SSL_REDIRECT = True
    response = no_exception_raised().get("/", headers={"host": "not-ours.example"})
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_database_away_page_carries_the_policy(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = no_exception_raised().get("/")
    assert response.status_code == 503
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_server_error_page_carries_the_policy(monkeypatch):
    def bug(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("csx.public.views.pages.render", bug)
    response = no_exception_raised().get("/")
    assert response.status_code == 500
    assert "default-src 'self'" in response["Content-Security-Policy"]
