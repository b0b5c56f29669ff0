"""Browser tests: Playwright (sync API) driving Debian's Chromium against the live server.

A browser that cannot start fails the tests that need it; nothing here is ever skipped.
"""

import http.server
import json
import os
import re
import threading
import time
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread, and the session-wide
# browser keeps it there until the whole run ends. Django sees that loop and raises
# SynchronousOnlyOperation on every ORM call from this thread: loading the seed, the database
# flush between tests, and any test that runs after the browser tests. Nothing here runs ORM
# code inside a coroutine, so the guard only gets in the way; it must be off before the first
# query, and for the whole process, hence at import time rather than in a fixture.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.module_data import load_seed  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    # The machines run as root with no internet: no sandbox, and nothing phoning home.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test here is marked `browser` (.ci/run runs them on its SQLite pass only)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; failing to launch it fails the tests."""
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    except PlaywrightError as error:
        problem = f"Chromium could not start from {CHROMIUM}: {error.message}"
    else:
        problem = None
    if problem:
        manager.stop()
        pytest.fail(problem, pytrace=False)
    yield browser
    browser.close()
    manager.stop()


def reads_only(request):
    return request.node.get_closest_marker("reads_only") is not None


@pytest.fixture(scope="session")
def shared_seed(django_db_setup, django_db_blocker):
    """The seed, loaded once and committed, for the tests marked reads_only: they change
    nothing, so loading it (and emptying the database after) once for each of them is
    pure cost. They run last (tests/conftest.py), so no other test sees it."""
    with django_db_blocker.unblock():
        load_seed()


@pytest.fixture
def seed(request):
    """The real seed content in fixtures/: loaded fresh for a test that may change it (in a
    database emptied after it), shared by the tests marked reads_only."""
    if reads_only(request):
        request.getfixturevalue("shared_seed")
    else:
        request.getfixturevalue("transactional_db")
        load_seed()


def request_threads():
    """The live server's threads still answering a request (or holding a kept-alive
    connection): daemon threads, which its server_close() does not wait for."""
    return [
        thread
        for thread in threading.enumerate()
        if getattr(getattr(thread, "_target", None), "__name__", "") == "process_request_thread"
    ]


@pytest.fixture(scope="session")
def served(live_server):
    """The live server, which at the end of the run waits for its request threads before it
    stops (this fixture, set up after it, is torn down first): a thread still closing its
    connection after the server stopped sharing SQLite's in-memory database with threads
    fails with "DatabaseWrapper objects created in a thread can only be used in that same
    thread", and on PostgreSQL holds the test database open."""
    yield live_server
    for _ in range(100):
        if not request_threads():
            return
        time.sleep(0.05)


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """pytest-django's fixture of this name (which it makes autouse for every test) gives
    each test of the live server a database emptied after it (transactional_db). Here, a
    test marked reads_only gets the shared seed instead, with the database open to it and
    the server and left as it is; every other test is served as pytest-django serves it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if reads_only(request):
        request.getfixturevalue("shared_seed")
        access = django_db_blocker.unblock()
    else:
        request.getfixturevalue("transactional_db")
        access = nullcontext()
    live_server = request.getfixturevalue("served")
    live_server._live_server_modified_settings.enable()
    with access:
        yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def fixture_data():
    """The seed files as plain data, so tests derive expected titles from the real content."""

    def read(name):
        return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))

    return read


@pytest.fixture
def foreign_requests():
    """URLs on other hosts that the test's page asked for; any at all fails the test."""
    return []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Checked after the test body, so a stray request fails the test itself (not teardown).
    result = yield
    foreign = item.funcargs.get("foreign_requests")
    if foreign:
        raise AssertionError(
            "The page requested other hosts (the site must be self-contained):\n"
            + "\n".join(f"  {url}" for url in foreign)
        )
    return result


@pytest.fixture
def page(browser, live_server, seed, foreign_requests):
    """A fresh page on the live server, in its own context, guarded against other hosts.

    A request to any host but the live server is aborted and recorded in `foreign_requests`,
    which fails the test. Only those reach the route: Playwright matches a pattern in its
    driver, where a route that every request went through cost each a round trip to this
    thread.
    """
    elsewhere = re.compile(rf"^(?!{re.escape(live_server.url)}/)(https?|wss?)://")

    def guard(route):
        foreign_requests.append(route.request.url)
        route.abort()

    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.route(elsewhere, guard)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def other_site(tmp_path):
    """A page on another local port, like a course in an LMS, that frames our pages."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
