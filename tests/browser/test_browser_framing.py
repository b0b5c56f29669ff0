"""Paths and pages in a course on another site: a path's card never clipped in the frame
oEmbed suggests, however long the path; an ordinary page's address pasted into the course's
iframe shows a small page with a link and the embed code, and the admin still refuses."""

import json

import pytest

from csx.paths.models import EMBED_STEPS, Path, PathItem
from stories.models import Story
from tests.browser import test_browser_embeds as embeds
from tests.browser.test_browser_embeds import course_page, frames

course = embeds.course  # the fixture: a course page on another port, the guard lifted

SEED_PATH = "first-week-on-the-service-desk"


def longest_path():
    """A path at its longest for its card: long title and summary, more steps than the card
    lists, each titled at full length."""
    wide = "Wonderfully "
    path = Path.objects.create(
        slug="longest", title=(wide * 20)[:200], summary=(wide * 30)[:300], status="published"
    )
    for n in range(EMBED_STEPS + 2):
        story = Story.objects.create(
            slug=f"longest-{n}", title=(wide * 20)[:200], summary="A step.",
            takeaway="Listen.", outcome="exemplary", status="published",
        )  # fmt: skip
        PathItem.objects.create(path=path, story=story, order=n, minutes=120)
    return path


def test_the_longest_path_card_fits_the_suggested_frame_at_every_width(page, live_server, course):
    path = longest_path()
    folder, origin = course
    url = f"{live_server.url}/oembed?url={live_server.url}{path.get_absolute_url()}&format=json"
    answer = json.loads(page.request.get(url).text())
    page.goto(course_page(folder, origin, answer["html"], host_script=False))
    for width, (frame, card, _, unclipped) in frames(page).items():
        assert card <= frame, f"the card is cut off at {width} px"
        assert unclipped, f"the card scrolls at {width} px"


@pytest.mark.reads_only
def test_a_page_address_in_a_course_iframe_shows_a_link_and_code_but_the_admin_refuses(
    page, live_server, course
):
    path = Path.objects.get(slug=SEED_PATH)
    folder, origin = course
    (folder / "course.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Course</title>'
        f'<iframe id="page" src="{live_server.url}{path.get_absolute_url()}"></iframe>'
        f'<iframe id="admin" src="{live_server.url}/admin/"></iframe></html>'
    )
    page.goto(f"{origin}/course.html")
    page.wait_for_load_state("networkidle")
    framed = page.frame_locator("#page")
    assert framed.locator("h1").inner_text() == path.title
    link = framed.locator(".embed-more a")
    assert link.get_attribute("href") == live_server.url + path.get_absolute_url()
    code = framed.locator(".framed-code").inner_text()
    assert code.startswith(f'<iframe src="{live_server.url}{path.get_embed_url()}"')
    refused = [frame.url for frame in page.frames if frame.url.startswith("chrome-error://")]
    assert len(refused) == 1  # the admin's frame, and only it
