"""Whom a request counts against (csx/serving/client_address.py): the connecting address, or behind
the proxy the address the proxy appended, never one the client wrote itself."""

import logging

import pytest
from django.test import RequestFactory

from csx.serving import client_address as module
from csx.serving.client_address import client_address, client_key


def request(remote="10.9.9.9", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_the_client_is_the_connecting_address_unless_behind_the_proxy(settings):
    settings.BEHIND_PROXY = False
    assert client_address(request(forwarded="1.2.3.4")) == "10.9.9.9"
    settings.BEHIND_PROXY = True
    assert client_address(request(forwarded="1.2.3.4")) == "1.2.3.4"


def test_behind_the_proxy_only_the_address_it_added_counts(settings):
    settings.BEHIND_PROXY = True
    assert client_address(request(forwarded="6.6.6.6, 1.2.3.4")) == "1.2.3.4"


def test_with_two_proxies_the_address_the_first_one_saw_counts(settings):
    settings.BEHIND_PROXY, settings.PROXY_HOPS = True, 2
    # The client wrote 6.6.6.6; the outer proxy appended 1.2.3.4; nginx appended 10.0.0.2.
    assert client_address(request(forwarded="6.6.6.6, 1.2.3.4, 10.0.0.2")) == "1.2.3.4"


def test_what_the_proxy_did_not_write_as_an_address_is_not_a_client(settings):
    settings.BEHIND_PROXY = True
    assert client_address(request(forwarded="1.2.3.4, unknown")) == "10.9.9.9"
    assert client_address(request(forwarded=" , ")) == "10.9.9.9"


def test_an_ipv6_client_counts_as_its_64(settings):
    settings.BEHIND_PROXY = True
    one = client_key("g", request(forwarded="2001:db8:1:2::5"))
    other = client_key("g", request(forwarded="2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::"
    assert client_key("g", request(forwarded="2001:db8:1:3::5")) != one


def test_a_proxy_the_settings_do_not_know_is_named_in_the_log_once(settings, caplog, monkeypatch):
    settings.BEHIND_PROXY = False
    monkeypatch.setattr(module, "WARNED", [])
    with caplog.at_level(logging.WARNING, logger="csx.serving.client_address"):
        client_address(request(remote="127.0.0.1", forwarded="1.2.3.4"))
        client_address(request(remote="127.0.0.1", forwarded="5.6.7.8"))
    assert caplog.text.count("DJANGO_BEHIND_PROXY is not set") == 1


@pytest.mark.parametrize("remote", ["8.8.8.8", "2606:4700:4700::1111"])
def test_a_client_on_the_internet_that_writes_the_header_is_not_taken_for_a_proxy(
    settings, caplog, monkeypatch, remote
):
    settings.BEHIND_PROXY = False
    monkeypatch.setattr(module, "WARNED", [])
    assert client_address(request(remote=remote, forwarded="1.2.3.4")) == remote
    assert "DJANGO_BEHIND_PROXY" not in caplog.text
