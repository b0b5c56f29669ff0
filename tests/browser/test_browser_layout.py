"""The layout, looked at and measured (issue 14): every page type at 360, 768 and 1280 px,
light and dark. Each is measured (and screenshotted when $CSX_SCREENSHOTS names a folder:
`make screenshots` fills .artifacts/screenshots/ for a person to look at, not committed;
a full-page PNG of each page costs a third of these tests' time, so not on every run): no
horizontal scroll, no line of the main column longer than 90 characters, no line of a
card's text shorter than 35, and (at the widths the accessibility test does not cover) no
axe violation.
"""

import os
from pathlib import Path

import pytest

from csx.paths.models import Path as TrainingPath
from tests.browser.axe import described, violations

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only

SHOTS = os.environ.get("CSX_SCREENSHOTS")

PAGES = {
    "home": "/",
    "story-list": "/stories/?outcome=exemplary",
    "story": "/stories/ritz-carlton-joshie-the-giraffe/",
    "principle-list": "/principles/",
    "principle": "/principles/empathy/",
    "statistic-list": "/statistics/",
    "statistic": "/statistics/86-percent-pay-more-for-better-service/",
    "company-list": "/companies/",
    "company": "/companies/zappos/",
    "resource-list": "/resources/",
    "path-list": "/paths/",
    "path": "/paths/first-week-on-the-service-desk/",
    "path-step": "/paths/first-week-on-the-service-desk/steps/{second_step}/",
    "path-present": "/paths/first-week-on-the-service-desk/present/",
    "path-handout": "/paths/first-week-on-the-service-desk/handout/",
    "tag-list": "/tags/",
    "tag": "/tags/complaint-handling/",
    "search": "/search/?q=lost+property",
    "source-list": "/sources/",
    "source": "/sources/{a_source}/",
    "share": "/share/",
    "embed": "/embed/stories/ritz-carlton-joshie-the-giraffe/",
}
# Pages read as text. Not the embed (a card framed by another site, its lines capped by its
# height: test_browser_embeds.py) nor present mode (slides sized for a room).
READING = [name for name in PAGES if name not in {"embed", "path-present"}]
WIDTHS = [360, 768, 1280]
MAIN_LONGEST = 90
CARD_SHORTEST = 35

# Characters on each line of each text block, found the way a reader sees them: the browser's
# own line boxes, a new line wherever a character starts left of the one before it. The last
# line of a block is left out (it is as short as the sentence ends), and so is text hidden
# for screen readers only.
MEASURE = """([selector, skip]) => {
  const range = document.createRange();
  const out = [];
  for (const block of document.querySelectorAll(selector)) {
    if (skip && block.closest(skip)) continue;
    if (!block.getClientRects().length) continue;
    const lines = [];
    let line = "", lastLeft = -Infinity, lastTop = -Infinity;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      if (node.parentElement.closest(".visually-hidden, pre, code, svg")) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) continue;
        if (rect.left < lastLeft - 2 && rect.top > lastTop + 2) { lines.push(line); line = ""; }
        line += node.data[i]; lastLeft = rect.left; lastTop = rect.top;
      }
    }
    lines.push(line);
    if (lines.length > 1) out.push({text: block.textContent.trim().slice(0, 60), lines});
  }
  return out;
}"""
MAIN_TEXT = [
    "main p, main li, main dd, main blockquote",
    ".card, .detail-aside, nav, .share, .citation, .tag-list, .grid, .story-lines,"
    " .home-principles",
]
CARD_TEXT = [".card .card-summary", ""]
CARD_PAGES = ["home", "story-list", "principle", "company", "tag"]


def address(path):
    steps = list(TrainingPath.objects.get(slug="first-week-on-the-service-desk").steps())
    from csx.models import Source

    return path.format(
        second_step=steps[1].number, a_source=Source.objects.order_by("slug")[0].slug
    )


def look(page, name, path, width, scheme):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(address(path))
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    shoot(page, name, width, scheme)


def shoot(page, name, width, scheme):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SHOTS) / f"{name}-{width}-{scheme}.png", full_page=True)


def sideways(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def too_long_lines(page):
    return [
        (block["text"], longest)
        for block in page.evaluate(MEASURE, MAIN_TEXT)
        if (longest := max(len(line.strip()) for line in block["lines"])) > MAIN_LONGEST
    ]


def too_short_card_lines(page, name):
    blocks = page.evaluate(MEASURE, CARD_TEXT)
    assert blocks, f"{name} shows no card text to measure"
    return [
        (block["text"], room)
        for block in blocks
        if (room := narrowest(block["lines"])) < CARD_SHORTEST
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES.keys())
def test_page_holds_its_layout_at_each_width(page, name, width):
    """The measure of a page at one width, drawn once (loading a page costs more than
    measuring it): nothing scrolls sideways in light or dark, no main-column line is longer
    than 90 characters, no card line shorter than 35."""
    look(page, name, PAGES[name], width, "light")
    assert sideways(page) <= 0, f"{name} at {width} px scrolls sideways by {sideways(page)} px"
    if name in READING:
        too_long = too_long_lines(page)
        assert not too_long, f"{name} at {width} px has lines over {MAIN_LONGEST}: {too_long}"
    if name in CARD_PAGES:
        too_short = too_short_card_lines(page, name)
        assert not too_short, (
            f"{name} at {width} px has card lines under {CARD_SHORTEST}: {too_short}"
        )
    page.emulate_media(color_scheme="dark")  # the page redraws as it is, no reload
    shoot(page, name, width, "dark")
    overflow = sideways(page)
    assert overflow <= 0, f"{name} at {width} px (dark) scrolls sideways by {overflow} px"


def narrowest(lines):
    """The fewest characters any line of a block had room for: the line, plus the space and
    the word that did not fit on it (a line that ends early before a long word is not short
    for want of room). The last line ends with its sentence, so it is not counted."""
    return min(
        len(line.rstrip()) + 1 + len(following.split()[0]) if following.split() else len(line)
        for line, following in zip(lines, lines[1:], strict=False)
    )


@pytest.mark.parametrize("width", [360, 768])
@pytest.mark.parametrize("name", PAGES.keys())
def test_no_axe_violation_on_narrow_screens_light_and_dark(page, name, width):
    look(page, name, PAGES[name], width, "light")
    found = violations(page)
    assert found == {"light": [], "dark": []}, f"{name} at {width} px:\n" + "\n".join(
        f"{scheme}:\n{described(each)}" for scheme, each in found.items() if each
    )


PHONE = {"width": 360, "height": 740}
# What a finger presses: controls, and links that stand alone (not links inside a sentence,
# which WCAG 2.5.8 exempts). A radio button or checkbox is pressed through its label.
TARGETS = (
    "button, select, input:not([type=hidden], [type=radio], [type=checkbox]), summary,"
    " .site-nav a, .breadcrumbs a, .tag, .chip, .pagination a, .sequence a, .button,"
    " .contents a, .kind-filter a, .result-types a, .home-principles a,"
    " .form-choices label, .form-consent"
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden"
               && !e.closest(".visually-hidden, .form-trap"))
  .map(e => [e.tagName + " " + e.textContent.trim().slice(0, 30),
             Math.round(e.getBoundingClientRect().height)])
  .filter(([, height]) => height < 44)"""


PHONE_PAGES = ["home", "story-list", "story", "principle", "statistic", "path-step", "search",
               "share", "tag", "resource-list"]  # fmt: skip


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_touch_targets_are_at_least_44_px_high_on_a_phone(page, name):
    page.set_viewport_size(PHONE)
    page.goto(address(PAGES[name]))
    assert page.evaluate(SMALL_TARGETS, TARGETS) == []


def test_the_story_list_shows_a_result_on_the_first_phone_screen(page):
    page.set_viewport_size(PHONE)
    page.goto("/stories/")
    first = page.locator(".story-card").first.bounding_box()
    assert first["y"] + 150 < PHONE["height"], f"the first story starts at {first['y']} px"


def test_the_filters_wait_behind_one_control_on_a_phone_and_open_on_a_wide_screen(page):
    page.set_viewport_size(PHONE)
    page.goto("/stories/?outcome=exemplary")
    assert page.locator("details.filter-panel").evaluate("panel => panel.open") is False
    assert " ".join(page.locator("summary").text_content().split()) == "Filter stories (1 active)"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/stories/?outcome=exemplary")
    assert page.locator("details.filter-panel").evaluate("panel => panel.open") is True


def test_the_home_page_reaches_the_principles_in_two_phone_screens_and_a_figure_in_three(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    principles, figure = page.evaluate(
        "() => ['.home-principles', '.statistic-card'].map("
        "s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert principles < 2 * PHONE["height"], principles
    assert figure < 3 * PHONE["height"], figure


def test_every_featured_story_shows_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    cards = page.locator(".home-featured .story-card")
    assert cards.count() == 3
    for index in range(3):
        assert cards.nth(index).is_visible(), f"featured story {index + 1} is hidden"


# Each word of the element's text that the browser draws on more than one line ("sourc/es"),
# addresses left out: those may break anywhere.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(/\\S+/g)) {
      if (match[0].includes("/")) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_of_the_side_panel_is_broken_across_lines(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(PAGES["story"])
    assert page.evaluate(BROKEN_WORDS, ".detail-aside") == []


def test_a_wrapped_breadcrumb_starts_no_line_with_a_separator(page):
    page.set_viewport_size(PHONE)
    page.goto("/stories/airline-agent-sarah-rebooks-delayed-traveller/")
    # Each item's left edge, the trail's left edge, and what each item draws before itself.
    items, left, before = page.evaluate(
        """() => {
          const items = [...document.querySelectorAll('.breadcrumbs li')];
          return [items.map(li => li.getBoundingClientRect().left),
                  document.querySelector('.breadcrumbs ol').getBoundingClientRect().left,
                  items.map(li => getComputedStyle(li, '::before').content)];
        }"""
    )
    starting_lines = [i for i, x in enumerate(items) if i and abs(x - left) < 1]
    assert starting_lines, "the trail fits one line here: the test needs a longer title"
    assert all(content == "none" for content in before)  # so a line starts with an item
