"""Whom a request comes from, for what is counted per client: readers' rate limits
(csx/feedback/limits.py), the API's (csx/api/throttles.py) and sign-in lockouts (django-axes).

Served directly, the client is the connection's address (REMOTE_ADDR). Behind a proxy
(DJANGO_BEHIND_PROXY=1) every connection comes from the proxy, so the client is the address
the proxy appended to X-Forwarded-For: the DJANGO_PROXY_HOPS'th from the right (1: one proxy;
2: a load balancer, then nginx). Addresses further left are whatever the client wrote, and
are never believed: a reader who sends X-Forwarded-For still counts as their own address.

An IPv6 client counts as its /64 (one household or host gets a whole /64 and could otherwise
take a fresh address for every try), as django-ratelimit does for its "ip" key.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

IPV6_PREFIX = 64


def client_address(request):
    """The client's address as text (axes' AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not settings.BEHIND_PROXY:
        if forwarded and is_private(remote):
            unproxied_warning()
        return remote
    hops = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not hops:
        return remote
    address = hops[-min(settings.PROXY_HOPS, len(hops))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:  # the proxy wrote something else (a port, a name): not a client's
        return remote


def client_key(group, request):
    """The client as rate limits count it (a django-ratelimit key): its address, an IPv6
    address as its /64."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return address


def is_private(address):
    try:
        return not ipaddress.ip_address(address).is_global
    except ValueError:
        return False


WARNED = []


def unproxied_warning():
    """Said once per process: requests with X-Forwarded-For come from this machine or a
    private network, so through a proxy the settings do not know of; every reader then
    counts as the proxy, and one could use up a limit for all."""
    if not WARNED:
        WARNED.append(True)
        logger.warning(
            "Requests carry X-Forwarded-For but DJANGO_BEHIND_PROXY is not set: every client "
            "counts as the proxy's address for rate limits and sign-in lockouts. Set it when "
            "the library runs behind a proxy (README, 'Running behind TLS')."
        )
