"""The image library on S3-compatible storage (django-storages), against a real SeaweedFS
server the tests start (tests/seaweed.py), and what readers and editors get while that server
is away: pages answer, pictures show a placeholder, an upload is refused with a message, and
all comes back with the server, without a restart of the app."""

import io
import time

import boto3
import pytest
from PIL import Image as PillowImage

from csx.media import library
from csx.media.library import UNREACHABLE_MESSAGE
from csx.models import Image
from tests import markup
from tests.admin_forms import add_url, form_data
from tests.factories import make_story, picture_file
from tests.seaweed import BUCKET, Seaweed

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = [pytest.mark.django_db, pytest.mark.outside_the_database]


@pytest.fixture(scope="module")
def seaweed():
    server = Seaweed()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def on_s3(seaweed, settings):
    settings.STORAGES = {**settings.STORAGES, "default": seaweed.storage()}
    return seaweed


def keys_in_bucket(seaweed):
    options = seaweed.storage()["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=seaweed.endpoint,
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
        region_name=options["region_name"],
    )
    listing = client.list_objects_v2(Bucket=BUCKET)
    return {entry["Key"] for entry in listing.get("Contents", [])}


def upload(client, file):
    page = client.get(add_url(Image))
    data = {**form_data(page), "title": "Reception desk", "slug": "reception-desk"}
    data |= {"alt": "A hotel reception desk with a bell", "upload": file}
    return client.post(add_url(Image), data)


def prepared_image(**fields):
    """An Image row whose files are in the store (written while it answers)."""
    image = Image(title="Lobby", slug="lobby", alt="An empty hotel lobby", **fields)
    library.prepare(image, picture_file(color=(200, 120, 40)))
    image.save()
    return image


def test_an_upload_is_kept_in_the_s3_compatible_store(editor_client, on_s3):
    response = upload(editor_client, picture_file(size=(1000, 700)))
    assert response.status_code == 302
    image = Image.objects.get()
    names = {name for kind in ("whole", "card") for *_, name in image.renditions[kind]}
    assert {image.original, *names} <= keys_in_bucket(on_s3)


def test_a_rendition_is_served_from_the_s3_compatible_store(client, on_s3):
    src, width, _ = prepared_image().sources("whole")[0]
    response = client.get(src)
    with PillowImage.open(io.BytesIO(response.getvalue())) as served:
        assert (response.status_code, served.format, served.width) == (200, "WEBP", width)


@pytest.fixture(scope="class")
def away(seaweed):
    """The store stopped for the tests of a class, and started again after them."""
    seaweed.stop()
    yield seaweed
    seaweed.start()


class TestWhileTheStoreIsAway:
    @pytest.fixture
    def image(self, on_s3, away):
        # The files were written before the store went away: the row says what they are.
        image = Image(
            title="Lobby", slug="lobby", alt="An empty hotel lobby", original="", width=1, height=1
        )
        image.renditions = {"whole": [[480, 320, "images/00000000000000000000/w480.webp"]]}
        image.save()
        return image

    def test_a_story_page_still_answers_with_its_picture(self, client, image):
        story = make_story(lead_image=image)
        response = client.get(story.get_absolute_url())
        img = markup.one(response, "figure.lead-picture img")
        assert (response.status_code, img["alt"]) == (200, "An empty hotel lobby")

    def test_a_picture_answers_a_placeholder_kept_by_nobody(self, client, image):
        response = client.get(image.picture()["src"])
        assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
            200,
            "image/svg+xml",
            "no-store",
        )

    def test_an_upload_is_refused_with_a_message(self, editor_client, on_s3, away):
        response = upload(editor_client, picture_file())
        form = response.context["adminform"].form
        assert (response.status_code, form.non_field_errors()) == (200, [UNREACHABLE_MESSAGE])
        assert not Image.objects.exists()


def test_pictures_come_back_with_the_store_without_a_restart(client, on_s3):
    src = prepared_image().picture()["src"]
    on_s3.stop()
    try:
        assert client.get(src)["Content-Type"] == "image/svg+xml"
    finally:
        on_s3.start()
    # After a restart SeaweedFS answers before its master has heard from the volume server
    # again (a heartbeat every few seconds), and the store's client may hold connections the
    # old server dropped: reads fail for a while, then the picture is back, with nothing of
    # ours restarted. Asked every half second for up to 30 s.
    deadline = time.monotonic() + 30
    kinds = [client.get(src)["Content-Type"]]
    while kinds[-1] != "image/webp" and time.monotonic() < deadline:
        time.sleep(0.5)
        kinds.append(client.get(src)["Content-Type"])
    assert kinds[-1] == "image/webp", f"still a placeholder after {len(kinds)} reads"


def test_a_restore_puts_back_the_pictures_the_bucket_lost(on_s3, tmp_path):
    """A backup (csx/serving/backup.py) archives the bucket's files; a restore writes back
    those the bucket no longer has."""
    from csx.serving.backup import backup_media, restore_media

    image = prepared_image()
    kept = keys_in_bucket(on_s3)
    backup_media(tmp_path / "library.sqlite3")
    lost = sorted(kept)[0]
    client = boto3.client(
        "s3", endpoint_url=on_s3.endpoint, region_name="us-east-1",
        aws_access_key_id="csx-test", aws_secret_access_key="csx-test-secret",
    )  # fmt: skip
    client.delete_object(Bucket=BUCKET, Key=lost)
    assert restore_media(tmp_path / "library.sqlite3") == 1
    assert keys_in_bucket(on_s3) == kept
    assert image.picture()["src"]
