"""The headers an A+ on a header scanner asks for, on pages and on static files alike."""

import pytest

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
