"""The review loop in a real browser: an editor writes and submits a story, a publisher sees
the diff and sends it back, the editor fixes it, the publisher approves, a reader finds it."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.roles import role

PASSWORD = "a-long-enough-pass-phrase"


@pytest.fixture
def people(seed):
    for name, group in [("edna", "Editors"), ("pat", "Publishers")]:
        user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(role(group))


def sign_in(page, name):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Log out").click()


def choose(page, field, typed, option):
    """Pick `option` in the admin's search-as-you-type box for `field`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").last.fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_editor_submits_publisher_sends_back_then_approves_reader_sees_it(page, people):
    sign_in(page, "edna")
    page.goto("/admin/stories/story/add/")
    page.get_by_label("Title:").fill("The florist who remembered")
    page.get_by_label("Summary:").fill("A florist kept a note of a customer's anniversary.")
    body = page.locator("#id_body")
    body.fill("She called **a week early** to ask about the flowers.")
    # The text is shown rendered beside itself, by the site's own renderer.
    expect(page.locator(".field-body .csx-preview-body strong")).to_have_text("a week early")
    page.get_by_label("Outcome:").select_option("exemplary")
    page.get_by_label("How we know it:").select_option("review")
    page.get_by_label("Takeaway:").fill("Small notes make loyal customers.")
    choose(page, "principles", "Owner", "Ownership")
    page.locator("#id_tags").fill("Small Gestures, flowers")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted")
    sign_out(page)

    sign_in(page, "pat")
    page.get_by_role("link", name="The florist who remembered").first.click()
    diff = page.locator(".csx-diff")
    expect(diff.locator("ins").first).to_be_visible()
    expect(diff).to_contain_text("The florist who remembered")
    page.get_by_label("Comment for the editor").fill("Say which shop it was.")
    page.get_by_role("button", name="Send back with the comment").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent")
    sign_out(page)

    sign_in(page, "edna")
    sent_back = page.locator("section[aria-labelledby=sent-back-heading]")
    expect(sent_back).to_contain_text("Say which shop it was.")
    sent_back.get_by_role("link", name="The florist who remembered").click()
    page.get_by_label("Summary:").fill(
        "A florist in Leeds kept a note of a customer's anniversary."
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted")
    sign_out(page)

    sign_in(page, "pat")
    page.goto("/admin/review/")
    request = page.locator(".csx-request", has_text="The florist who remembered")
    expect(request.locator(".csx-diff")).to_contain_text("Leeds")
    request.get_by_role("link", name="Review: approve or send back").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("live now")
    sign_out(page)

    page.goto("/search/?q=florist")
    page.get_by_role("link", name="The florist who remembered").click()
    expect(page).to_have_url(re.compile(r"/stories/the-florist-who-remembered/$"))
    expect(page.locator(".prose strong")).to_have_text("a week early")
    tags = page.locator("article.story section", has=page.get_by_role("heading", name="Tags"))
    expect(tags.get_by_role("link")).to_have_text(["small gestures", "flowers"])
    expect(page.get_by_text("Edit this page")).to_have_count(0)


def test_leaving_a_changed_form_asks_first_and_saving_does_not(page, people):
    sign_in(page, "edna")
    page.goto("/admin/stories/story/add/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Review queue").click()  # nothing typed: leaves at once
    expect(page).to_have_url(re.compile(r"/admin/review/$"))

    page.goto("/admin/stories/story/add/")
    page.get_by_label("Title:").fill("Half written")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_label("Title:")).to_have_value("Half written")  # stayed, text kept
    assert asked == ["beforeunload"]

    page.get_by_label("Summary:").fill("Still being written.")
    page.get_by_label("Outcome:").select_option("exemplary")
    page.get_by_label("Takeaway:").fill("Finish what you start.")
    page.get_by_label("How we know it:").select_option("review")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert asked == ["beforeunload"]


# Issue 19, problem 1: approving publishes what the publisher read, or nothing.


def second_page(browser, live_server):
    """Another person's browser, beside `page`: its own context, so its own sign-in."""
    return browser.new_context(base_url=live_server.url).new_page()


def test_a_change_saved_again_while_the_publisher_reads_it_is_not_approved_unseen(
    page, people, browser, live_server
):
    from tests.factories import make_story

    story = make_story(title="The ring in the drain", slug="the-ring-in-the-drain")
    sign_in(page, "edna")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.get_by_label("Title:").fill("The ring found in the drain")
    page.get_by_role("button", name="Submit change for review").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted it for review")

    publisher = second_page(browser, live_server)
    sign_in(publisher, "pat")
    publisher.goto("/admin/review/")
    publisher.get_by_role("link", name="Review: approve or send back").click()
    expect(publisher.locator(".csx-diff")).to_contain_text("found")

    # While the publisher reads, the editor saves more into the same change.
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.get_by_label("Title:").fill("The ring a plumber found in the drain")
    page.get_by_role("button", name="Save change as draft").click()
    expect(page.locator(".messagelist")).to_contain_text("kept it as a draft")

    publisher.get_by_role("button", name="Approve the change").click()
    expect(publisher.locator(".errornote")).to_contain_text("saved again after you opened it")
    moved = publisher.locator("section[aria-labelledby=moved-heading]")
    expect(moved.locator("ins")).to_contain_text(["a plumber"])
    expect(publisher.locator("section[aria-labelledby=diff-heading]")).to_contain_text("plumber")
    page.goto("/stories/the-ring-in-the-drain/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The ring in the drain")

    # Approving what is shown now works.
    publisher.get_by_role("button", name="Approve the change").click()
    expect(publisher.locator(".messagelist")).to_contain_text("live now")
    publisher.goto("/stories/the-ring-in-the-drain/")
    expect(publisher.get_by_role("heading", level=1)).to_have_text(
        "The ring a plumber found in the drain"
    )
    publisher.context.close()


# Issue 19, problem 5: restoring and the list's publish and withdraw ask first.


def test_restoring_an_old_version_asks_then_waits_for_approval_with_its_diff(page, people):
    from tests.factories import make_story

    story = make_story(title="The late train", slug="the-late-train", status="draft")
    sign_in(page, "pat")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    page.get_by_label("Title:").fill("The train that was very late")
    page.get_by_role("button", name="Publish change").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    page.goto(f"/admin/stories/story/{story.pk}/history/")
    page.get_by_role("link", name="Restore this version…").first.click()
    diff = page.locator("section[aria-labelledby=diff-heading]")
    expect(diff.locator("del")).to_contain_text(["very late"])
    expect(page.get_by_text("Readers keep the live version.")).to_be_visible()
    page.get_by_role("button", name="Restore this version").click()

    # The review page: the live page is unchanged until a publisher approves.
    expect(page.locator(".messagelist")).to_contain_text("now a change waiting for approval")
    expect(page.locator(".csx-diff del")).to_contain_text(["very late"])
    page.get_by_role("button", name="Approve the change").click()
    expect(page.locator(".messagelist")).to_contain_text("live now")
    page.goto("/stories/the-late-train/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The late train")


def run_on_selection(page, titles, action):
    page.goto("/admin/stories/story/?q=" + titles[0].split()[0])
    for title in titles:
        page.locator("#result_list tr", has_text=title).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()


def test_publishing_and_withdrawing_a_selection_ask_first_showing_each_item(page, people):
    from tests.factories import make_path, make_story

    make_story(title="Quokka one", status="draft", body="A kind *word*.")
    make_story(title="Quokka two", status="draft", body="A kind deed.")
    sign_in(page, "pat")
    run_on_selection(page, ["Quokka one", "Quokka two"], "publish_selected")
    for title in ["Quokka one", "Quokka two"]:
        expect(page.locator(".csx-request", has_text=title).locator(".csx-diff")).to_contain_text(
            "A kind"
        )
    page.get_by_role("button", name="Publish them").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 2 item(s).")

    make_path([make_story(title="Quokka three")], title="Wombat week")
    run_on_selection(page, ["Quokka one", "Quokka three"], "withdraw_selected")
    expect(page.get_by_role("heading", name="“Quokka three” is used in")).to_be_visible()
    expect(page.locator("section", has_text="Quokka three")).to_contain_text("Wombat week")
    expect(page.get_by_role("heading", name="“Quokka one” is used in")).to_be_visible()
    page.get_by_role("button", name="Withdraw them").click()
    expect(page.locator(".messagelist")).to_contain_text("Withdrew 2 item(s)")
