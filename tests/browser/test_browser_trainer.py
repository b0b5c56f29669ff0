"""A trainer's week: a path, its printed handout, an embed on another site; then the editors
rename two items and delete one, and every link given out still leads somewhere sensible."""

import io
import re
from urllib.parse import urldefrag

from pypdf import PdfReader

from csx.paths.models import Path, PathItem
from principles.models import Principle, Statistic
from stories.models import Story


def build_path():
    stories = list(Story.objects.published().order_by("title")[:3])
    targets = [*stories, Principle.objects.get(slug="empathy"), Statistic.objects.first()]
    path = Path.objects.create(
        slug="trainers-week", title="A trainer's week", summary="Five stops.", status="published"
    )
    for order, target in enumerate(targets, start=1):
        PathItem.objects.create(
            path=path, order=order, trainer_note=f"Note {order}.",
            **{target._meta.model_name: target},
        )  # fmt: skip
    return path, targets


def answers(page, urls):
    """{url: (status, Location)} for each address, its redirect not followed."""
    found = {}
    for url in urls:
        response = page.request.get(url, max_redirects=0)
        found[url] = (response.status, response.headers.get("location"))
    return found


def test_links_from_handout_and_embed_survive_renames_and_a_deletion(page, live_server, other_site):
    path, targets = build_path()
    stories = targets[:3]
    base = live_server.url
    old_pages = [base + story.get_absolute_url() for story in stories]
    short_links = [base + item.get_short_url() for item in [path, *targets]]

    # The handout prints to one PDF with a page per step; the addresses it prints are links
    # given out: a short link under each QR code, and the page's own address.
    page.goto(path.get_handout_url())
    links = re.findall(r"https?://[^\s<]+", page.locator("main").inner_text())
    printed = page.locator(".handout-link strong").all_inner_texts()
    assert printed == short_links
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) >= 6
    assert "A trainer's week" in reader.pages[0].extract_text()
    page.emulate_media(media="screen")

    # A course on another port frames the story's embed; the full page's address, framed,
    # shows a small page that links to it (csx/public/framed.py).
    folder, origin = other_site
    story = stories[0]
    embed = f"{base}/embed/stories/{story.slug}/"
    (folder / "course.html").write_text(
        f'<!doctype html><title>Course</title><iframe id="embed" src="{embed}"></iframe>'
        f'<iframe id="page" src="{base}{story.get_absolute_url()}"></iframe>'
    )
    # The course lives on another port by design, so lift the other-host guard here.
    page.context.unroute_all()
    page.goto(f"{origin}/course.html")
    page.wait_for_load_state("networkidle")
    framed = page.frame_locator("#embed")
    assert story.title in framed.locator("body").inner_text()
    links += framed.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert old_pages[0] in links  # the embed links back to the story's page
    in_place = page.frame_locator("#page").locator(".embed-more a").get_attribute("href")
    assert in_place == old_pages[0]

    # The editors rename two items and delete one.
    for renamed in stories[:2]:
        renamed.slug = f"{renamed.slug}-renamed"
        renamed.save()
    stories[2].delete()

    # Every address given out answers as promised: a renamed page 301 to its new address, a
    # short link 301 to where its item lives now, the deleted story 410, the rest 200.
    ours = {urldefrag(link).url for link in [*links, *printed] if link.startswith(base)}
    expected = dict.fromkeys(ours, (200, None))
    expected.update({old_pages[i]: (301, stories[i].get_absolute_url()) for i in range(2)})
    for short, item in zip(short_links, [path, *targets], strict=True):
        expected[short] = (301, item.get_absolute_url())
    expected[old_pages[2]] = expected[short_links[3]] = (410, None)  # the deleted story
    assert len(ours) >= 10
    assert answers(page, expected) == expected
