"""Share links on the site as production serves it: gunicorn with one worker and with two,
the page cache on local memory and on Redis. Opening a draft's share link never makes the
draft a page for readers, and a reader's 404 never stands in for the share link (the
in-process tests of every order are in tests/csx/test_page_cache.py)."""

import json
import os
import uuid

import pytest
import redis

from tests.served import Site

# The site runs on a database of its own, whatever DATABASE_URL says (pyproject.toml).
pytestmark = pytest.mark.own_site

REDIS_URL = os.environ.get("CSX_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")

# Two drafts, each with a share link: one is opened by share link first, one by address first.
MAKE_DRAFTS = """
import json
from django.urls import reverse
from csx.editorial import preview
from tests.factories import make_story
drafts = [make_story(title=f"Draft {n}", status="draft") for n in (1, 2)]
print(json.dumps([[d.get_absolute_url(), reverse("shared_preview", args=[preview.share_token(d)])]
                  for d in drafts]))
"""


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("served"))
    drafts = json.loads(site.manage("shell", "-c", MAKE_DRAFTS).splitlines()[-1])
    return site, drafts


@pytest.fixture(params=["local", "redis"])
def cache_env(request):
    if request.param == "local":
        yield {}
        return
    prefix = f"csx-test-{uuid.uuid4().hex}"
    yield {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_PREFIX": prefix}
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.mark.parametrize("workers", [1, 2])
def test_no_order_of_share_link_and_address_shows_a_draft_to_readers(
    drafts_site, cache_env, workers
):
    site, [(first_address, first_share), (second_address, second_share)] = drafts_site
    tries = 12  # enough that, with two workers, each worker answers each address
    with site.serve(workers, **cache_env) as server:
        for _ in range(tries):
            shared = server.get(first_share)
            assert shared[0] == 200 and "Draft 1" in shared[2]
            assert server.get(first_address)[0] == 404
        for _ in range(tries):
            assert server.get(second_address)[0] == 404
            shared = server.get(second_share)
            assert shared[0] == 200 and "Draft 2" in shared[2]
