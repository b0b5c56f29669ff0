"""Handouts print to a clean PDF from Chromium; copy buttons appear where a clipboard is."""

import pytest
from playwright.sync_api import expect

from principles.models import Principle
from stories.models import Story
from tests.browser.printing import pdf_of, text_of

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only

STORY = "ritz-carlton-joshie-the-giraffe"


def test_story_handout_prints_to_a_short_pdf_with_sources_and_short_link(
    page, live_server, fixture_data
):
    story = next(s for s in fixture_data("stories") if s["slug"] == STORY)
    reader = pdf_of(page, f"/stories/{STORY}/handout/")
    text = text_of(reader)
    assert 1 <= len(reader.pages) <= 3, len(reader.pages)
    assert story["title"] in text
    assert "Takeaway" in text
    assert "Sources" in text
    short_url = live_server.url + Story.objects.get(slug=STORY).get_short_url()
    assert f"Read it online: {short_url}" in text  # the story's own short link, by the QR code
    assert "Back to the page" not in text  # screen-only help is not printed


def test_principle_handout_prints_with_its_practices_and_short_link(
    page, live_server, fixture_data
):
    principle = next(p for p in fixture_data("principles") if p["slug"] == "empathy")
    reader = pdf_of(page, "/principles/empathy/handout/")
    text = text_of(reader)
    assert principle["title"] in text
    for practice in principle["practices"]:
        assert practice["title"] in text
    short_url = live_server.url + Principle.objects.get(slug="empathy").get_short_url()
    assert f"Read it online: {short_url}" in text


def test_the_principles_cheat_sheet_prints_on_one_a4_page(page, fixture_data):
    reader = pdf_of(page, "/principles/cheat-sheet/")
    assert len(reader.pages) == 1
    text = text_of(reader)
    for principle in fixture_data("principles"):
        assert principle["title"] in text


def test_copy_link_button_appears_with_javascript(page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"/stories/{STORY}/")
    button = page.locator("button.copy").first
    expect(button).to_be_visible()
    expect(button).to_have_text("Copy link")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/stories/{STORY}/")


def test_print_view_of_a_story_shows_the_qr_code(page):
    page.goto(f"/stories/{STORY}/")
    qr = page.locator("img.qr")
    expect(qr).to_be_hidden()
    page.emulate_media(media="print")
    expect(qr).to_be_visible()


@pytest.mark.parametrize("number", range(4), ids=lambda n: f"seed-path-{n + 1}")
def test_path_handout_prints_the_path_on_a_page_then_one_page_per_step(page, fixture_data, number):
    path = fixture_data("paths")[number]
    reader = pdf_of(page, f"/paths/{path['slug']}/handout/")
    steps = len(path["items"])
    assert len(reader.pages) == 1 + steps
    assert path["title"] in reader.pages[0].extract_text()
    for step in range(1, steps + 1):
        assert f"Step {step} of {steps}" in reader.pages[step].extract_text()


def test_a_five_step_paths_learners_handout_prints_on_five_a4_pages_without_notes(
    page, fixture_data
):
    path = next(p for p in fixture_data("paths") if p["slug"] == "first-week-on-the-service-desk")
    assert len(path["items"]) == 5
    reader = pdf_of(page, f"/paths/{path['slug']}/handout/learners/")
    text = " ".join(text_of(reader).split())
    assert len(reader.pages) <= 5, len(reader.pages)
    assert "Takeaway" in text
    for item in path["items"]:
        assert " ".join(item["trainer_note"].split()[:6]) not in text
