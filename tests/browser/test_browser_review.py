"""The review loop in a real browser: an editor writes and submits a story, a publisher sees
the diff and sends it back, the editor fixes it, the publisher approves, a reader finds it."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

PASSWORD = "a-long-enough-pass-phrase"
CURATED = ["csx", "stories", "principles", "paths", "taggit"]


def role(name, publish):
    """The group a migration made, or (after an earlier browser test flushed the database)
    one with the same reach: what the role's exact permissions are is test_roles.py's."""
    group, made = Group.objects.get_or_create(name=name)
    if made:
        grants = Permission.objects.filter(content_type__app_label__in=CURATED)
        group.permissions.set(grants if publish else grants.exclude(codename="publish_content"))
    return group


@pytest.fixture
def people(seed):
    for name, group, publish in [("edna", "Editors", False), ("pat", "Publishers", True)]:
        user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(role(group, publish))


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
