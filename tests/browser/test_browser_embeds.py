"""Cards in a white course page on another local port: light whatever the reader's setting,
never clipped in the frame oEmbed suggests at 320, 480 and 800 px (stories, principles and
statistics here, at their longest; paths in test_browser_framing.py), and fitted exactly
when the page adds the host script."""

import json

import pytest

from principles.models import Principle, Statistic
from stories.models import Story
from tests.factories import make_company, make_source

WIDTHS = [320, 480, 800]
WHITE = "rgb(255, 255, 255)"
GIRAFFE = "/stories/ritz-carlton-joshie-the-giraffe/"


def oembed(page, live_server, address, **params):
    """oEmbed's answer for the page at `address` ("/stories/<slug>/")."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    url = f"{live_server.url}/oembed?url={live_server.url}{address}&format=json&{query}"
    return json.loads(page.request.get(url).text())


def course_page(folder, origin, html, host_script):
    """A white course page framing the card at each width, with or without the host script."""
    if not host_script:
        html = html.split("\n")[0]  # the iframe alone
    suggested = 'width="480"'
    frames = "".join(
        f'<div id="w{width}">{html.replace(suggested, f"width={width}")}</div>' for width in WIDTHS
    )
    (folder / "course.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Course</title>'
        f"<body style='background:#fff'><h1>Module 3</h1>{frames}</body></html>"
    )
    return f"{origin}/course.html"


def frames(page):
    """{width: (the frame's height, the card's own height, the card's background)}."""
    found = {}
    for width in WIDTHS:
        element = page.locator(f"#w{width} iframe")
        element.scroll_into_view_if_needed()
        frame = element.element_handle().content_frame()
        # Measured once the frame has loaded its stylesheet and fonts: the card is there
        # before them, unstyled and three times as tall.
        frame.wait_for_load_state("load")
        card = frame.evaluate(
            "async () => { await document.fonts.ready;"
            " const card = document.querySelector('.embed-card');"
            " return [Math.ceil(card.getBoundingClientRect().bottom),"
            " getComputedStyle(card).backgroundColor,"
            " document.documentElement.scrollHeight <= innerHeight]; }"
        )
        box = element.bounding_box()
        assert round(box["width"]) == width
        found[width] = (round(box["height"]), *card)
    return found


@pytest.fixture
def course(page, other_site):
    # The course lives on another port by design: lift the other-host guard for this test.
    page.context.unroute_all()
    page.emulate_media(color_scheme="dark")  # a reader whose system is dark
    return other_site


WIDE = "Wonderfully "


def wide(length):
    return (WIDE * (length // len(WIDE) + 1))[:length].strip()


def longest_story():
    """A story with every field at its longest, the worst case for the frame's height."""
    return Story.objects.create(
        slug="longest", title=wide(200), summary=wide(300), takeaway=wide(480),
        outcome="cautionary", status="published", company=make_company(title=wide(200)),
    )  # fmt: skip


def longest_principle():
    return Principle.objects.create(
        slug="longest", title=wide(200), definition=wide(200), summary=wide(300),
        status="published",
    )  # fmt: skip


def longest_statistic():
    """Every text at its longest (the figure too: two lines of it), under the longest
    verification label ("Cited by a secondary source only")."""
    source = make_source(title=wide(300), author=wide(200), publisher=wide(200), year=2024)
    return Statistic.objects.create(
        slug="longest", title=wide(200), figure=wide(40), claim=wide(300),
        attributed_to=wide(200), year=2024, cited_in=source, status="published",
    )  # fmt: skip


CARDS = {
    "seed story": lambda: "/stories/united-airlines-overbooked-flight-removal/",
    "longest story": lambda: longest_story().get_absolute_url(),
    "longest principle": lambda: longest_principle().get_absolute_url(),
    "longest statistic": lambda: longest_statistic().get_absolute_url(),
}


@pytest.mark.parametrize("card", CARDS)
def test_the_suggested_frame_holds_the_light_card_at_every_width(page, live_server, course, card):
    address = CARDS[card]()
    folder, origin = course
    answer = oembed(page, live_server, address)
    page.goto(course_page(folder, origin, answer["html"], host_script=False))
    for width, (frame, bottom, background, unclipped) in frames(page).items():
        assert frame == answer["height"], width
        assert bottom <= frame, f"the card is cut off at {width} px: it needs {bottom}"
        assert unclipped, f"the card scrolls at {width} px"
        assert background == WHITE, width


def test_with_the_host_script_each_frame_fits_its_card(page, live_server, course):
    folder, origin = course
    answer = oembed(page, live_server, GIRAFFE)
    page.goto(course_page(folder, origin, answer["html"], host_script=True))
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].every(f => f.style.height)"
    )
    found = frames(page)
    for width, (frame, card, _, unclipped) in found.items():
        assert frame == card, width
        assert unclipped, width
    assert found[800][0] < found[320][0]  # a wider frame needs fewer lines


def test_theme_dark_asked_for_is_dark(page, live_server, course):
    folder, origin = course
    answer = oembed(page, live_server, GIRAFFE, theme="dark")
    page.goto(course_page(folder, origin, answer["html"], host_script=False))
    assert all(background != WHITE for _, _, background, _ in frames(page).values())
