import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from tests.clock import TODAY, noon_today


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no one over a rate limit."""
    caches["ratelimit"].clear()


@pytest.fixture
def frozen_today():
    """Time stands still at noon on TODAY."""
    with noon_today():
        yield TODAY


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def seeded(db):
    from csx.seed import Loader

    return Loader().run()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: what one test stored never answers another.

    Except the content version, as on a running site, where it is made once per change of
    content (by one query), not per page: tests that count a page's queries count its own.
    """
    from django.core.cache import caches

    from csx import cache as page_cache

    for cache in caches.all():
        cache.clear()
    steady = page_cache.Version(token="tests", changed=0.0, until=None)
    page_cache.version_cache().set(page_cache.VERSION_KEY, steady)
