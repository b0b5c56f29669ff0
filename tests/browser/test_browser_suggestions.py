"""Suggestions in the header's search box, driven with the keyboard in a real browser."""

import re

import pytest
from playwright.sync_api import expect

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only


def test_arrow_keys_choose_a_suggestion_and_enter_opens_it(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search the library")
    box.press_sequentially("giraf")
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/ritz-carlton-joshie-the-giraffe/$"))


def test_escape_closes_the_list_and_enter_then_searches_as_typed(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search the library")
    box.press_sequentially("zappos")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=zappos$"))
