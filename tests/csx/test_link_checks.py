"""External links checked (csx/editorial/link_checks.py, `manage.py check_links`, the
dashboard's panel), against an HTTP server this module starts on 127.0.0.1: no request
leaves the machine."""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from csx.editorial import link_checks
from csx.models import LinkCheck, Status
from tests import markup
from tests.factories import make_resource, make_source, make_story

pytestmark = [
    pytest.mark.django_db,
    # No waiting between requests unless a test asks; a slow answer is given up quickly.
    pytest.mark.usefixtures("quick"),
]

SLOW = 3.0  # seconds /slow takes to answer: far beyond the timeout the tests set


class Site(BaseHTTPRequestHandler):
    """A small web site: each path answers as its name says; every request is noted."""

    seen = []  # (method, path, User-Agent, when)

    def answer(self):
        Site.seen.append((self.command, self.path, self.headers["User-Agent"], time.monotonic()))
        if self.path == "/slow":
            time.sleep(SLOW)
        status, headers = {
            "/ok": (200, {}),
            "/old": (301, {"Location": "/ok"}),
            "/for-now": (302, {"Location": "/ok"}),
            "/missing": (404, {}),
            "/slow": (200, {}),
            "/no-head": (405 if self.command == "HEAD" else 200, {}),
        }.get(self.path.partition("?")[0], (404, {}))
        self.send_response(status)
        for name, value in {**headers, "Content-Length": "0"}.items():
            self.send_header(name, value)
        self.end_headers()

    do_HEAD = do_GET = answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def quick():
    with override_settings(LINK_CHECK_INTERVAL=0, LINK_CHECK_TIMEOUT=0.5):
        yield


@pytest.fixture(autouse=True)
def forget_requests():
    Site.seen.clear()


def checked(address):
    link_checks.check({address: [{"label": "Story “Somewhere”", "admin": ""}]})
    return LinkCheck.objects.get(url=address)


def refused_port():
    """A port on this machine where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_working_link_is_kept_as_working(site):
    link = checked(f"{site}/ok")
    assert (link.outcome, link.status, link.detail) == ("ok", 200, "Answered 200 OK.")


def test_a_permanent_redirect_says_where_the_link_moved(site):
    link = checked(f"{site}/old")
    assert (link.outcome, link.status, link.moved_to) == ("moved", 200, f"{site}/ok")


def test_a_temporary_redirect_is_a_working_link(site):
    assert checked(f"{site}/for-now").outcome == "ok"


def test_a_page_that_is_not_found_is_broken(site):
    link = checked(f"{site}/missing")
    assert (link.outcome, link.status, link.detail) == ("broken", 404, "Answered 404 Not Found.")


def test_a_link_that_does_not_answer_in_time_is_unreachable(site):
    link = checked(f"{site}/slow")
    assert (link.outcome, link.status, link.detail) == (
        "unreachable", None, "No answer within 0.5 s."
    )  # fmt: skip


def test_a_refused_port_is_unreachable():
    link = checked(f"http://127.0.0.1:{refused_port()}/")
    assert (link.outcome, link.detail) == (
        "unreachable", "Could not connect (no such host, or refused)."
    )  # fmt: skip


def test_a_server_that_refuses_head_is_asked_with_get(site):
    link = checked(f"{site}/no-head")
    assert link.outcome == "ok"
    assert [method for method, *_ in Site.seen] == ["HEAD", "GET"]


def test_a_working_link_is_asked_with_head_only(site):
    checked(f"{site}/ok")
    assert [method for method, *_ in Site.seen] == ["HEAD"]


def test_the_checker_says_who_it_is(site):
    checked(f"{site}/ok")
    (agent,) = {agent for _, _, agent, _ in Site.seen}
    assert agent.startswith("CSX-Library-link-check/1.0 (+http")


def test_requests_to_one_host_keep_their_distance(site):
    with override_settings(LINK_CHECK_INTERVAL=0.3):
        link_checks.check({f"{site}/ok": [], f"{site}/ok?again": []})
    first, second = (when for *_, when in Site.seen)
    assert second - first >= 0.3


def test_hosts_take_turns_so_no_wait_holds_up_the_others():
    addresses = ["https://a.org/1", "https://a.org/2", "https://a.org/3", "https://b.org/1"]
    assert link_checks.by_turns(addresses) == [
        "https://a.org/1", "https://b.org/1", "https://a.org/2", "https://a.org/3"
    ]  # fmt: skip


def test_links_are_found_in_sources_resources_and_texts():
    make_source(
        title="A study", url="https://example.org/study", archive_url="https://example.org/copy"
    )
    make_resource(title="A book", url="https://example.org/book")
    make_story(title="A story", body="See [it](https://example.org/study) and [me](story:x).")
    found = {url: [p["label"] for p in places] for url, places in link_checks.collect().items()}
    assert found == {
        "https://example.org/study": ["Source “A study” (URL)", "Story “A story” (text)"],
        "https://example.org/copy": ["Source “A study” (archived copy)"],
        "https://example.org/book": ["Resource “A book” (URL)"],
    }


def test_a_link_written_nowhere_any_more_is_forgotten(site):
    checked(f"{site}/missing")
    link_checks.check({f"{site}/ok": []})
    assert list(LinkCheck.objects.values_list("url", flat=True)) == [f"{site}/ok"]


def test_the_command_checks_and_names_the_links_to_mend(site):
    make_story(title="A story", body=f"[gone]({site}/missing) and [fine]({site}/ok)")
    out = io.StringIO()
    call_command("check_links", stdout=out)
    assert out.getvalue().splitlines() == [
        "Checking 2 external link(s)…",
        "  works: 1",
        "  broken: 1",
        f"Broken: {site}/missing",
        "  Answered 404 Not Found.",
        "  in Story “A story” (text)",
    ]


def test_the_command_can_leave_the_check_to_the_worker():
    call_command("check_links", "--queue", stdout=io.StringIO())
    assert DBTaskResult.objects.filter(task_path=link_checks.check_all.module_path).count() == 1


def test_the_background_task_checks_the_links(site):
    make_story(body=f"[gone]({site}/missing)")
    link_checks.check_all.call()
    assert list(LinkCheck.objects.values_list("url", "outcome")) == [(f"{site}/missing", "broken")]


def test_the_dashboard_lists_the_links_to_mend_with_where_they_are(site, editor_client):
    story = make_story(title="A story", body=f"[gone]({site}/missing) and [fine]({site}/ok)")
    link_checks.check()
    page = editor_client.get(reverse("admin:index"))
    row = markup.one(page, ".csx-links tbody tr")
    assert markup.hrefs(row) == [
        f"{site}/missing",
        reverse("admin:stories_story_change", args=[story.pk]),
    ]
    assert markup.text(row.select("td")[1]) == "Broken 404 Answered 404 Not Found."
    assert markup.text(markup.one(page, ".csx-link-counts")).startswith(
        "Works: 1 · Moved: 0 · Broken: 1 · Unreachable: 0 Last checked"
    )


def test_the_dashboard_says_when_no_link_was_checked_yet(editor_client):
    page = editor_client.get(reverse("admin:index"))
    section = markup.one(page, "[aria-labelledby=links-heading]")
    assert markup.text(section.select_one(".csx-quiet")).startswith("No links checked yet.")


def test_a_publisher_asks_for_a_check_from_the_dashboard(publisher_client):
    response = publisher_client.post(reverse("admin:check_links"))
    assert (response.status_code, response["Location"]) == (
        302, reverse("admin:index") + "#links-heading"
    )  # fmt: skip
    assert DBTaskResult.objects.filter(task_path=link_checks.check_all.module_path).count() == 1


def test_an_editor_cannot_start_a_check(editor_client):
    assert editor_client.post(reverse("admin:check_links")).status_code == 403


def test_the_list_of_links_shows_drafts_links_too(site, editor_client):
    make_story(status=Status.DRAFT, title="Draft", body=f"[x]({site}/missing)")
    link_checks.check()
    page = editor_client.get(reverse("admin:csx_linkcheck_changelist"))
    assert markup.text(markup.one(page, "#result_list tbody .field-url")) == f"{site}/missing"
