"""Readers talk back, in a real browser: sharing a story from a phone, and "was this
helpful?" with JavaScript (the panel changes in place) and without it (plain posts)."""

import re

from playwright.sync_api import expect

from csx.feedback.models import Feedback, Submission, VerificationTask

PHONE = {"width": 360, "height": 740}
STATISTIC = "/statistics/86-percent-pay-more-for-better-service/"
STORY_TEXT = (
    "My train was cancelled late at night. The man at the ticket desk phoned a taxi firm, "
    "paid the fare from the station's own budget, and wrote down my number to check I got home."
)


def test_a_reader_shares_a_story_from_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator(".share-invite").get_by_role("link", name="Share your story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share your customer-service story")

    page.get_by_label("What happened?").fill(STORY_TEXT)
    page.get_by_label("Which company? (optional)").fill("Northern Rail")
    page.get_by_label("How were you in touch?").select_option("in_person")
    page.get_by_label("It went well").check()
    page.get_by_label("Your name as you would like it shown (optional)").fill("Priya")
    page.get_by_label("You may publish an edited version").check()
    page.get_by_role("button", name="Send my story").click()

    expect(page).to_have_url(re.compile(r"/share/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your story")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    submission = Submission.objects.get()
    assert (submission.company, submission.name, submission.email) == ("Northern Rail", "Priya", "")


def test_form_errors_keep_what_the_reader_typed(page):
    page.set_viewport_size(PHONE)
    page.goto("/share/")
    page.get_by_label("What happened?").fill("Too short.")
    page.get_by_label("It went badly").check()
    page.get_by_label("You may publish an edited version").check()
    page.get_by_role("button", name="Send my story").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("at least 80 characters (you wrote 10)")
    expect(page.get_by_label("What happened?")).to_have_value("Too short.")
    expect(page.get_by_label("It went badly")).to_be_checked()
    assert not Submission.objects.exists()


def test_with_javascript_a_statistic_is_marked_as_looking_wrong_in_place(page):
    page.goto(STATISTIC)
    panel = page.locator("[data-helpful]")
    panel.get_by_role("button", name="No").click()
    expect(page.locator("[data-helpful]")).to_contain_text("Thank you for telling us")
    expect(page).to_have_url(re.compile(re.escape(STATISTIC) + "$"))  # no page load
    panel = page.locator("[data-helpful]")
    panel.get_by_label("The statistic looks wrong").check()
    panel.get_by_label("What should we change?").fill("The survey behind it is from 2011.")
    panel.get_by_role("button", name="Send").click()
    expect(page.locator("[data-helpful]")).to_contain_text("Editors read every answer")

    task = VerificationTask.objects.get()
    assert task.statistic.slug == "86-percent-pay-more-for-better-service"
    assert [report.comment for report in task.reports.all()] == [
        "The survey behind it is from 2011."
    ]


def test_without_javascript_the_same_answer_comes_back_to_the_page(browser, live_server, seed):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(STATISTIC)
    page.locator("[data-helpful]").get_by_role("button", name="No").click()
    expect(page).to_have_url(re.compile(re.escape(STATISTIC) + r"\?feedback=.+#feedback$"))
    panel = page.locator("[data-helpful]")
    panel.get_by_label("The statistic looks wrong").check()
    panel.get_by_label("What should we change?").fill("Looks too round.")
    panel.get_by_role("button", name="Send").click()
    expect(page).to_have_url(re.compile(re.escape(STATISTIC) + r"\?feedback=thanks#feedback$"))
    expect(page.locator("[data-helpful]")).to_contain_text("Editors read every answer")
    assert context.cookies() == []
    context.close()
    assert Feedback.objects.get().comment == "Looks too round."
