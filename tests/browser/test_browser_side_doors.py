"""No side door around review, in a real browser: merging tags asks first, says which live
pages change and can be undone; a source made in a draft's "+" popup stays out of readers'
sight until the draft is approved; an editor cannot log a check on a live statistic."""

import re

import pytest
from playwright.sync_api import expect

from principles.models import Statistic
from stories.models import Story
from tests.browser.test_browser_review import (  # noqa: F401 - people is a fixture
    people,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.usefixtures("people")


def test_a_publisher_merges_two_tags_sees_the_pages_first_and_undoes_it(page):
    first, second = Story.objects.published().order_by("title")[:2]
    first.tags.add("harbor")
    second.tags.add("harbour")
    sign_in(page, "pat")
    page.goto("/admin/taggit/tag/?q=harb")
    for name in ["harbor", "harbour"]:
        page.locator("tr", has=page.get_by_role("link", name=name, exact=True)).get_by_role(
            "checkbox"
        ).check()
    page.get_by_label("Action:").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    listed = page.locator(".csx-used-in")
    expect(listed).to_contain_text(first.title)
    expect(listed).to_contain_text(second.title)
    page.get_by_label("Merge them into the tag").fill("harbour")
    page.get_by_role("button", name="Merge them").click()
    expect(page.locator(".messagelist")).to_contain_text("merged into “harbour”")

    reader = page.context.new_page()
    reader.goto("/tags/harbor/")
    expect(reader).to_have_url(re.compile(r"/tags/harbour/$"))
    expect(reader.locator("main")).to_contain_text(first.title)

    page.get_by_role("link", name="Undo this change").click()
    page.get_by_role("button", name="Undo it").click()
    expect(page.locator(".messagelist")).to_contain_text("Undone")
    reader.goto("/tags/harbor/")
    expect(reader).to_have_url(re.compile(r"/tags/harbor/$"))
    expect(reader.locator("main")).not_to_contain_text(second.title)


def test_a_source_made_in_a_drafts_popup_is_public_only_once_the_draft_is_approved(page):
    sign_in(page, "edna")
    page.goto("/admin/stories/story/add/")
    page.get_by_label("Title:").fill("The ferry that waited")
    page.get_by_label("Summary:").fill("A ferry crew waited for a late passenger.")
    page.locator("#id_body").fill("The crew held the ramp for two minutes.")
    page.get_by_label("Outcome:").select_option("exemplary")
    page.get_by_label("How we know it:").select_option("review")
    page.get_by_label("Takeaway:").fill("Two minutes can make a customer for life.")
    with page.expect_popup() as opened:
        page.locator("#add_id_sources").click()
    popup = opened.value
    popup.get_by_label("Title:").fill("Ferry review on a travel forum")
    popup.get_by_label("Note:").fill("Ask the forum for the date.")
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")
    expect(page.locator(".field-sources")).to_contain_text("Ferry review on a travel forum")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted")
    sign_out(page)

    reader = page.context.new_page()
    reader.goto("/sources/")
    expect(reader.locator("main")).not_to_contain_text("Ferry review on a travel forum")
    address = "/sources/ferry-review-on-a-travel-forum/"
    assert reader.goto(address).status == 404
    assert address not in reader.goto("/sitemap-sources.xml").text()

    sign_in(page, "pat")
    page.goto("/admin/review/")
    request = page.locator(".csx-request", has_text="The ferry that waited")
    request.get_by_role("link", name="Review: approve or send back").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_contain_text("live now")

    assert reader.goto(address).status == 200
    expect(reader.locator("main")).to_contain_text("The ferry that waited")


def test_only_a_publisher_logs_a_check_on_a_live_statistic(page):
    statistic = Statistic.objects.published().exclude(verification="withdrawn").first()
    change_page = f"/admin/principles/statistic/{statistic.pk}/change/"
    sign_in(page, "edna")
    page.goto(change_page)
    expect(page.locator("#checks-group")).to_be_visible()
    expect(page.locator("#checks-group .add-row")).to_be_hidden()
    sign_out(page)

    sign_in(page, "pat")
    page.goto(change_page)
    page.get_by_role("button", name=re.compile("Add another verification check", re.I)).click()
    group = page.locator("#checks-group .inline-related:not(.empty-form)").last
    group.get_by_label("State after the check:").select_option("withdrawn")
    group.get_by_label("What was checked:").fill("The report's page 4.")
    group.get_by_label("Result:").fill("The figure is not in the report.")
    page.get_by_role("button", name="Publish change").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    page.goto(statistic.get_absolute_url())
    expect(page.locator("main")).to_contain_text("The figure is not in the report.")
