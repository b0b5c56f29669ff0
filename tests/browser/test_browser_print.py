"""Ordinary pages and handouts on paper, as Chromium prints them to A4 (issue 25, item 4):
a story in at most two pages at full width, with nothing that only works on a screen and
an address printed only for a link that leaves the site; every principle's and statistic's
handout in at most two pages."""

import pytest

from tests.browser.printing import pdf_of, text_of
from tests.factories import make_story

# Tests marked reads_only change nothing: the seed is loaded once for all of them.
reads_only = pytest.mark.reads_only

SCREEN_ONLY = ["On this page", "Previous story", "Next story", "Was this helpful", "Skip to"]


# (seed file, the printed page of each of its items): each holds to two A4 pages.
TWO_PAGES = [
    ("stories", "/stories/{}/"),
    ("principles", "/principles/{}/handout/"),
    ("statistics", "/statistics/{}/handout/"),
]


@reads_only
@pytest.mark.parametrize("seed_file, address", TWO_PAGES, ids=[a for _, a in TWO_PAGES])
def test_every_seed_item_prints_on_at_most_two_pages(page, fixture_data, seed_file, address):
    for item in fixture_data(seed_file):
        reader = pdf_of(page, address.format(item["slug"]))
        assert len(reader.pages) <= 2, f"{item['slug']} prints on {len(reader.pages)} pages"


@reads_only
def test_a_printed_story_leaves_out_what_only_works_on_screen(page):
    text = text_of(pdf_of(page, "/stories/ritz-carlton-joshie-the-giraffe/"))
    assert "The giraffe who stayed on for a vacation" in text
    for words in SCREEN_ONLY:
        assert words not in text, f"{words!r} is printed"


@reads_only
def test_a_printed_story_runs_the_full_width_of_the_paper(page):
    page.goto("/stories/ritz-carlton-joshie-the-giraffe/")
    page.emulate_media(media="print")
    paper, text = page.evaluate(
        "[document.querySelector('main').clientWidth,"
        " document.querySelector('.detail-main .prose p').clientWidth]"
    )
    assert text >= paper * 0.98, f"the text is {text}px wide on {paper}px of paper"


def test_only_links_that_leave_the_site_print_their_address(page):
    story = make_story(body="See [the report](https://example.org/report) and [ours](/stories/).")
    page.goto(story.get_absolute_url())
    page.emulate_media(media="print")
    printed = page.evaluate(
        """[...document.querySelectorAll('.prose a[href]')].map(a => [
             a.href.startsWith(location.origin),
             getComputedStyle(a, '::after').content !== 'none'])"""
    )
    assert sorted(printed) == [[False, True], [True, False]]  # outside: shown; ours: not


@reads_only
def test_a_statistic_handout_words_the_origin_by_its_state(page):
    text = " ".join(
        text_of(pdf_of(page, "/statistics/60-percent-leave-over-poor-service/handout/")).split()
    )
    assert "Said to come from a Microsoft study; not traced." in text
    assert "Read it online:" in text
    assert "Back to the page" not in text
