"""Issue 21's journey, as far as knowledge checks, progress and the trainer's view go: a
trainer copies a path, trims it to 45 minutes and assigns it to a cohort of two with a due
date; one learner signs in through the OpenID Connect provider (tests/oidc/), the other
through their invitation's link; one finishes, answering the checks, the other stops
halfway; the trainer's table shows exactly that, and the CSV says the same."""

import csv
import datetime
import io
import re
from pathlib import Path as Path_
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from csx.learning import invitations, roles
from csx.learning.models import Invitation
from csx.paths.models import Path
from tests import oidc
from tests.browser.conftest import DESKTOP
from tests.learning.checks import question

ORIGINAL = "putting-it-right-after-a-mistake"  # the seed's 60-minute path, six steps
PASSWORD = "a-long-test-password"
DUE = timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def provider(live_server):
    with (
        oidc.started(f"{live_server.url}/learning/sso/callback/") as issuer,
        override_settings(
            LEARNING_OIDC_ISSUER=issuer,
            OIDC_RP_CLIENT_ID=oidc.CLIENT_ID,
            OIDC_RP_CLIENT_SECRET=oidc.CLIENT_SECRET,
        ),
    ):
        yield issuer


@pytest.fixture
def window(browser, live_server, foreign_requests):
    """window(*allowed): a page in a context of its own (a person's own browser), guarded
    as `page` is, but letting `allowed` origins (the provider) through."""
    contexts = []

    def make(*allowed):
        site = urlsplit(live_server.url).netloc
        ours = {site, *(urlsplit(a).netloc for a in allowed)}

        def guard(route):
            url = urlsplit(route.request.url)
            if url.scheme.startswith("http") and url.netloc not in ours:
                # Only our pages must be self-contained (the provider's asks for web fonts).
                if urlsplit(route.request.frame.url).netloc == site:
                    foreign_requests.append(route.request.url)
                return route.abort()
            return route.continue_()

        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        context.route("**/*", guard)
        context.set_default_timeout(5000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def walk(page, steps, answers):
    """From "My learning", take `steps` steps: answer the check where there is one (the
    `answers` labels, in turn), then mark the step done. Each click waits for the page it
    loads: a click does not, and reading the old page then answers the wrong step."""
    with page.expect_navigation():
        page.locator("main a.button").first.click()
    for _ in range(steps):
        for label in answers.pop(0) if page.locator("#check").count() else []:
            page.locator("#check").get_by_label(label, exact=True).check()
        if page.locator("#check form").count():
            with page.expect_navigation():
                page.get_by_role("button", name="Check my answers").click()
            assert page.locator(".check-verdict").count()  # they see which were right, and why
        with page.expect_navigation():
            page.get_by_role("button", name="Mark done and go on").click()


def test_a_trainer_assigns_a_trimmed_path_and_sees_who_finished(page, window, provider):
    trainer = User.objects.create_user("tess@example.com", "tess@example.com", PASSWORD)
    trainer.groups.add(Group.objects.get_or_create(name=roles.TRAINERS)[0])
    original = Path.objects.get(slug=ORIGINAL)
    steps = list(original.steps())
    trimmed = steps[3].target.title  # its 15-minute step, which the trainer removes
    # Questions an editor added: the first step's story asks one, the path asks one at its third.
    question(steps[0].target, prompt="What comes first?")
    question(
        path=original, step=steps[2], kind="multiple", prompt="Which help?",
        choices="[x] Name the mistake | Owning it.\n[x] Say what happens next | A plan.\n"
        "[ ] Blame the system | An excuse.",
    )  # fmt: skip

    page.set_default_timeout(5000)
    # The trainer copies the path, trims it to 45 minutes, and assigns it to a new cohort.
    page.goto("/learning/sign-in/")
    page.get_by_label("Email").fill("tess@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto("/learning/copies/")
    page.get_by_label("Path to copy").select_option(label=original.title)
    with page.expect_navigation():
        page.get_by_role("button", name="Make my copy").click()
    page.locator(".copy-step", has_text=trimmed).get_by_role("button", name="Remove").click()
    expect(page.locator(".copy-length")).to_have_text("45 of 45 minutes: exactly")
    copy_title = page.locator("h1").inner_text()
    page.goto("/learning/cohorts/new/")
    page.get_by_label("Name").fill("March new hires")
    with page.expect_navigation():
        page.get_by_role("button", name="Make the cohort").click()
    page.get_by_label("Email addresses").fill("invited.learner@learners.example\nbea@example.com")
    with page.expect_navigation():
        page.get_by_role("button", name="Send invitations").click()
    page.locator("select[name=path]").select_option(label=copy_title)
    page.get_by_label("Due date").fill(DUE.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Assign the path").click()

    # Ines signs in through the provider and finishes, answering both checks.
    ines = window(provider)
    ines.goto("/learning/sign-in/")
    ines.get_by_role("link", name=re.compile("Sign in with")).click()
    ines.locator("input[name=login]").fill("invited")
    ines.locator("input[name=password]").fill("any")
    ines.locator("button[type=submit]").click()
    ines.locator("button[type=submit]").click()  # consent
    ines.wait_for_url("**/learning/")
    walk(ines, 5, [["Apologise first"], ["Name the mistake", "Say what happens next"]])
    ines.goto("/learning/")
    assert ines.locator(".course-finished").count() == 1

    # Bea opens her invitation's link, chooses a password, and stops after two steps.
    bea_invitation = Invitation.objects.get(email="bea@example.com")
    invitations.send_invitation.call(bea_invitation.pk)
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/" in line)
    bea = window()
    bea.goto(urlsplit(link).path)
    bea.get_by_label("Your name").fill("Bea")
    bea.get_by_label("Choose a password").fill(PASSWORD)
    bea.get_by_label("The same password again").fill(PASSWORD)
    with bea.expect_navigation():
        bea.get_by_role("button", name="Join and start learning").click()
    walk(bea, 2, [["Quote the policy"]])

    # The trainer's table shows exactly that, and the CSV says the same.
    page.goto("/learning/cohorts/")
    page.get_by_role("link", name="March new hires").click()
    with page.expect_navigation():
        page.get_by_role("link", name=copy_title).first.click()
    rows = page.locator(".report-learners tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    done, open_ = "✓Done", "·Not done"
    assert rows == [
        ["Bea", "On track", "2 of 5", done, done, open_, open_, open_],
        ["Ines Invited (composite)", "Done", "5 of 5", *[done] * 5],
    ]
    questions = page.locator(".report-questions tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    assert questions == [
        ["What comes first?", "1", "2 of 2", "1 of 2"],
        ["Which help?", "3", "1 of 2", "1 of 1"],
    ]
    page.emulate_media(media="print")  # on paper: the tables, without the download link
    printed = (
        page.locator(".report-learners").is_visible(),
        page.locator(".report-actions").is_visible(),
    )
    assert printed == (True, False)
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    table = list(csv.reader(io.StringIO(Path_(download.value.path()).read_text())))
    assert [row[:4] + row[4:9] for row in table[1:3]] == [
        ["Bea", "bea@example.com", "On track", "2 of 5", "Done", "Done", *["Not done"] * 3],
        [
            "Ines Invited (composite)",
            "Invited.Learner@learners.example",
            "Done",
            "5 of 5",
            *["Done"] * 5,
        ],
    ]
    assert [row[9:] for row in table[1:3]] == [["wrong", "not answered"], ["right", "right"]]
