import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test import Client

from csx.editorial.scheduled import schedule
from tests import migrated
from tests.clock import TODAY, noon_today
from tests.connections import others_let_go
from tests.module_data import held_for_the_module, load_seed
from tests.roles import role


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests marked reads_only share one seeded database that stays until the
    end of the run (tests/browser/conftest.py): they run after every other test, in their
    own order (a stable sort, after pytest-django's)."""
    items.sort(key=lambda item: item.get_closest_marker("reads_only") is not None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook just before the test databases are made: they are copied from
    one migrated once, not migrated each (tests/migrated.py)."""
    migrated.copy_when_created()


@pytest.fixture(scope="session", autouse=True)
def server_threads_let_go(django_db_setup, django_db_blocker):
    """Set up at the first test, right after the test database, so torn down last, just
    before the database is dropped: on PostgreSQL, the live server's request threads end on
    their own time after the browser closes, each closing its connection, and DROP DATABASE
    refuses while one is still open. Wait for them (they are done serving), then end any
    left."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            # A test that ends the database's other sessions (tests/csx/test_backup.py, before
            # copying it) can leave this thread's connection broken: start afresh.
            connection.close()
            others_let_go()


@pytest.fixture(autouse=True)
def schedule_just_read():
    """Each test starts as if this process had just read the schedule of changes and found
    none (csx/editorial/scheduled.py reads it at most every few seconds): no page's query count then
    depends on when the last read was. A change scheduled in a test is read at once."""
    schedule.remember(None)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no one over a rate limit."""
    caches["ratelimit"].clear()


@pytest.fixture
def frozen_today():
    """Time stands still at noon on TODAY."""
    with noon_today():
        yield TODAY


def staff(username, group):
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(role(group))
    return user


@pytest.fixture
def editor(db):
    return staff("editor", "Editors")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(scope="module")
def seed_for_the_module(django_db_setup, django_db_blocker):
    """The seed, loaded once for a module whose tests all read it (tests/module_data.py); a
    module asks for it with `pytestmark = pytest.mark.usefixtures("seed_for_the_module")`."""
    with held_for_the_module(django_db_blocker, load_seed):
        yield


@pytest.fixture
def seeded(request, db):
    """The seed content, loaded for this test unless its module holds it for all its tests."""
    if "seed_for_the_module" not in request.fixturenames:
        load_seed()


@pytest.fixture
def publisher(db):
    return staff("publisher", "Publishers")


@pytest.fixture
def publisher_client(publisher):
    """A browser of its own, so a test can have an editor and a publisher side by side."""
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def reader():
    """An anonymous visitor's browser, apart from any signed-in client in the same test."""
    return Client()


@pytest.fixture
def kept(settings, tmp_path):
    """The caches of a deployment without Redis (csx/config/caches.py), page cache off: what a
    page keeps per content version is kept."""
    from django.core.cache import caches

    settings.PAGE_CACHE = False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "version"),
        },
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "rendered": {"BACKEND": "csx.serving.cache_backend.RenderedCache", "LOCATION": "r"},
        "searches": {
            "BACKEND": "csx.serving.cache_backend.RenderedCache",
            "LOCATION": "s",
            "OPTIONS": {"MAX_ENTRIES": 3},
        },
    }
    for alias in ("default", "rendered", "searches"):
        caches[alias].clear()  # local memory outlives settings


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: what one test stored never answers another.

    Except the content version, as on a running site, where it is made once per change of
    content (by one query), not per page: tests that count a page's queries count its own.
    """
    from django.core.cache import caches

    from csx.search import log_buffer
    from csx.serving import cache as page_cache

    log_buffer.MEMORY.take()  # searches another test counted
    for cache in caches.all():
        cache.clear()
    steady = page_cache.Version(token="tests", changed=0.0, until=None)
    page_cache.version_cache().set(page_cache.VERSION_KEY, steady)
    yield
    log_buffer.MEMORY.take()  # never written after the test database is gone
