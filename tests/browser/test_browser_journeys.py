"""A reader's journeys through the library, clicked through in a real browser."""

import re

import pytest
from playwright.sync_api import expect

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only

STORY = "ritz-carlton-joshie-the-giraffe"


def by_slug(rows):
    return {row["slug"]: row for row in rows}


def count_text(n):
    return f"{n} story" if n == 1 else f"{n} stories"


def test_home_reaches_a_story_through_a_principle(page, fixture_data):
    principle = by_slug(fixture_data("principles"))["empathy"]
    story = next(s for s in fixture_data("stories") if "empathy" in s["principles"])

    page.goto("/")
    principles = page.locator("section[aria-labelledby=principles-heading]")
    principles.get_by_role("link", name=principle["title"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/principles/empathy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(principle["title"])

    stories = page.locator("section[aria-labelledby=principle-stories]")
    stories.locator(".story-card").get_by_role("link", name=story["title"], exact=True).click()

    expect(page).to_have_url(re.compile(rf"/stories/{story['slug']}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(story["title"])


def test_filters_narrow_the_story_list_and_chips_undo_them(page, fixture_data):
    stories = fixture_data("stories")
    per_page = 12
    matching = [s for s in stories if s["outcome"] == "cautionary" and "empathy" in s["principles"]]
    empathy = [s for s in stories if "empathy" in s["principles"]]
    assert 0 < len(matching) < len(empathy) < len(stories), "the seed no longer suits this test"

    page.goto("/stories/")
    count = page.locator(".result-count")
    cards = page.locator(".story-card")
    chips = page.locator(".chips .chip")
    expect(count).to_have_text(count_text(len(stories)))
    expect(cards).to_have_count(min(len(stories), per_page))
    expect(chips).to_have_count(0)

    form = page.get_by_role("form", name="Filter stories")
    form.get_by_label("Outcome").select_option("cautionary")
    form.get_by_label("Principle").select_option("empathy")
    form.get_by_role("button", name="Filter").click()

    expect(page).to_have_url(re.compile(r"[?&]outcome=cautionary(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]principle=empathy(&|$)"))
    expect(count).to_have_text(count_text(len(matching)))
    expect(cards).to_have_count(len(matching))
    expect(page.locator(".story-card.outcome-exemplary")).to_have_count(0)
    expect(chips).to_have_count(2)

    page.get_by_role("link", name=re.compile(r"^Remove filter Outcome")).click()

    expect(page).not_to_have_url(re.compile(r"outcome="))
    expect(page).to_have_url(re.compile(r"[?&]principle=empathy(&|$)"))
    expect(count).to_have_text(count_text(len(empathy)))
    expect(cards).to_have_count(min(len(empathy), per_page))
    expect(chips).to_have_count(1)

    page.get_by_role("link", name=re.compile(r"^Remove filter Principle")).click()

    expect(page).not_to_have_url(re.compile(r"(outcome|principle)=\w"))
    expect(count).to_have_text(count_text(len(stories)))
    expect(cards).to_have_count(min(len(stories), per_page))
    expect(chips).to_have_count(0)


def test_a_tag_on_a_story_leads_to_the_tag_page_listing_it(page, fixture_data):
    story = by_slug(fixture_data("stories"))[STORY]
    tag = "lost property"

    page.goto(f"/stories/{STORY}/")
    page.locator("section[aria-labelledby=tags]").get_by_role("link", name=tag).click()

    expect(page).to_have_url(re.compile(r"/tags/lost-property/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(tag)
    listed = page.locator(".story-card").get_by_role("link", name=story["title"], exact=True)
    expect(listed).to_have_attribute("href", f"/stories/{STORY}/")


def test_print_view_hides_navigation_and_keeps_sources(page):
    page.goto(f"/stories/{STORY}/")
    nav = page.locator(".site-header nav")
    sources = page.locator("section.sources")
    expect(nav).to_be_visible()

    page.emulate_media(media="print")

    expect(nav).to_be_hidden()
    expect(sources).to_be_visible()
    expect(sources.get_by_role("heading", name="Sources")).to_be_visible()


def test_the_filter_form_asks_for_the_chosen_filters_only(page, live_server):
    asked = []
    page.on(
        "request", lambda request: request.is_navigation_request() and asked.append(request.url)
    )
    page.goto("/stories/")
    form = page.get_by_role("form", name="Filter stories")
    form.get_by_label("Principle").select_option("empathy")
    form.get_by_role("button", name="Filter").click()

    expect(page).to_have_url(f"{live_server.url}/stories/?principle=empathy")
    # Straight there: the fields left at "any" never reached the address (no 301 between).
    assert asked == [f"{live_server.url}/stories/", f"{live_server.url}/stories/?principle=empathy"]

    page.go_back()
    expect(form.get_by_label("Outcome")).to_be_enabled()
