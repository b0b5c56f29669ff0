"""No lost work, in a real browser (static/csx/admin/autosave.js): what was typed in a tab that
was closed is offered back; a session that expired while typing (its cookie or its row gone)
loses nothing, and saving works once the editor has signed in again in another tab; leaving
a changed form asks first."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from csx.models import Autosave, Status
from stories.models import Story
from tests.browser.test_browser_review import PASSWORD, sign_in
from tests.factories import make_story
from tests.roles import role

KEPT = re.compile(r"saved at \d\d:\d\d")


@pytest.fixture
def people(seed):
    from django.contrib.auth.models import User

    user = User.objects.create_user("edna", password=PASSWORD, is_staff=True)
    user.groups.add(role("Editors"))


def type_story(page):
    page.get_by_label("Title:").fill("The florist who remembered")
    page.get_by_label("Summary:").fill("A florist kept a note of a customer's anniversary.")
    page.get_by_label("Outcome:").select_option("exemplary")
    expect(page.locator(".csx-autosave")).to_contain_text(KEPT)  # on the server now


def test_a_closed_tabs_typing_is_offered_back_and_can_be_discarded(page, people):
    sign_in(page, "edna")
    page.goto("/admin/stories/story/add/")
    type_story(page)
    context = page.context
    page.close(run_before_unload=False)  # the tab is gone, unsaved

    again = context.new_page()
    again.goto("/admin/stories/story/add/")
    expect(again.get_by_label("Title:")).to_have_value("")
    again.get_by_role("button", name=KEPT).click()  # "Restore what you were typing (…)"
    expect(again.get_by_label("Title:")).to_have_value("The florist who remembered")
    expect(again.get_by_label("Outcome:")).to_have_value("exemplary")
    # Restored, it is this tab's unsaved typing: kept on the server again before another tab
    # discards it (an autosave sent after the discard is rightly offered again).
    expect(again.locator(".csx-autosave")).to_contain_text(KEPT)

    other = context.new_page()
    other.goto("/admin/stories/story/add/")
    other.get_by_role("button", name="Discard it").click()
    expect(other.locator(".csx-autosave")).to_be_hidden()
    other.goto("/admin/stories/story/add/")
    expect(other.get_by_role("button", name=KEPT)).to_have_count(0)


@pytest.mark.parametrize("expiry", ["cookie", "row"])
def test_an_expired_session_loses_nothing_and_saving_works_after_signing_in(page, people, expiry):
    story = make_story(title="The ring in the drain", status=Status.DRAFT)
    sign_in(page, "edna")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    if expiry == "cookie":
        page.context.clear_cookies(name="sessionid")
    else:
        Session.objects.all().delete()
    page.get_by_label("Title:").fill("The ring found in the drain")
    status = page.locator(".csx-autosave")
    expect(status).to_contain_text("You were signed out: sign in again in a new tab")
    page.get_by_role("button", name="Save draft").click()  # not sent: it would be lost
    expect(status).to_contain_text("your text is kept")
    expect(page.get_by_label("Title:")).to_have_value("The ring found in the drain")
    assert Story.objects.get(pk=story.pk).title == "The ring in the drain"

    tab = page.context.new_page()
    sign_in(tab, "edna")
    tab.close()
    expect(status).to_contain_text("Signed in again", timeout=15_000)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved")
    assert Story.objects.get(pk=story.pk).title == "The ring found in the drain"
    assert not Autosave.objects.exists()  # saved: the private copy is gone


def test_leaving_after_typing_asks_even_once_autosaved(page, people):
    sign_in(page, "edna")
    page.goto("/admin/stories/story/add/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    type_story(page)  # kept on the server, but the item is not saved
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_label("Title:")).to_have_value("The florist who remembered")
    assert asked == ["beforeunload"]
