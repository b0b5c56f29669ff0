"""A trainer's week: a path, its printed handout, an embed on another site; then the editors
rename two items and delete one, and every link given out still leads somewhere sensible."""

import io
import re

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
    return path, stories


def test_links_from_handout_and_embed_survive_renames_and_a_deletion(page, live_server, other_site):
    path, stories = build_path()

    # The handout prints to one PDF with a page per step; the addresses it prints are links
    # given out (a short link and the page's address for the path and for every step).
    page.goto(path.get_handout_url())
    links = re.findall(r"https?://[^\s<]+", page.locator("main").inner_text())
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) >= 6
    assert "A trainer's week" in reader.pages[0].extract_text()
    page.emulate_media(media="screen")

    # A course on another port frames the story's embed; the full page refuses framing.
    folder, origin = other_site
    story = stories[0]
    embed = f"{live_server.url}/embed/stories/{story.slug}/"
    (folder / "course.html").write_text(
        f'<!doctype html><title>Course</title><iframe id="embed" src="{embed}"></iframe>'
        f'<iframe id="page" src="{live_server.url}{story.get_absolute_url()}"></iframe>'
    )
    # The course lives on another port by design, so lift the other-host guard here.
    page.context.unroute("**/*")
    page.goto(f"{origin}/course.html")
    page.wait_for_load_state("networkidle")
    framed = page.frame_locator("#embed")
    assert story.title in framed.locator("body").inner_text()
    links += framed.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    refused = page.frame_locator("#page").locator("body").inner_text()
    assert story.title not in refused
    assert any(frame.url.startswith("chrome-error://") for frame in page.frames)

    # The editors rename two items and delete one.
    for renamed in stories[:2]:
        renamed.slug = f"{renamed.slug}-renamed"
        renamed.save()
    stories[2].delete()

    ours = sorted({link for link in links if link.startswith(live_server.url)})
    assert len(ours) >= 10
    for link in ours:
        response = page.request.get(link)
        assert response.status in (200, 410), f"{link} answered {response.status}"
    gone = page.request.get(f"{live_server.url}/stories/{stories[2].slug}/")
    assert gone.status == 410
    moved = page.request.get(
        f"{live_server.url}/stories/{stories[0].slug.removesuffix('-renamed')}/"
    )
    assert moved.url.endswith(f"/stories/{stories[0].slug}/")
