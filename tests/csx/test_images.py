"""The image library on local disk: uploads checked by content, WebP renditions made once,
pictures in story bodies and as a story's lead picture (csx/media). The same against a real
S3-compatible server, and that server going away: test_images_store.py."""

import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage

from csx.content.markdown import render_markdown, sanitise
from csx.media.renditions import crop_box
from csx.models import Image, PendingChange
from tests import markup
from tests.admin_forms import add_url, edit, form_data
from tests.factories import make_image, make_story, picture_file

pytestmark = pytest.mark.django_db


def upload(client, file, **fields):
    page = client.get(add_url(Image))
    data = {**form_data(page), "title": "Reception desk", "slug": "reception-desk"}
    data |= {"alt": "A hotel reception desk with a bell", "upload": file, **fields}
    return client.post(add_url(Image), data)


def stored_format(name):
    with PillowImage.open(Path(settings.MEDIA_ROOT) / name) as picture:
        return picture.format


def test_an_upload_is_kept_as_webp_at_three_widths(editor_client):
    response = upload(editor_client, picture_file(size=(1700, 1000)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    made = [(stored_format(name), width) for width, _, name in image.renditions["whole"]]
    assert made == [("WEBP", 480), ("WEBP", 960), ("WEBP", 1600)]


def test_card_renditions_are_three_by_two_crops(editor_client):
    upload(editor_client, picture_file(size=(900, 900)))
    image = Image.objects.get()
    assert [(w, h) for w, h, _ in image.renditions["card"]] == [(400, 267), (800, 533)]


def test_an_upload_without_alt_text_is_refused_and_keeps_what_was_typed(editor_client):
    response = upload(editor_client, picture_file(), alt="", caption="The desk at night")
    form = response.context["adminform"].form
    assert (response.status_code, list(form.errors)) == (200, ["alt"])
    assert form["caption"].value() == "The desk at night"
    assert not Image.objects.exists()


def test_an_svg_is_refused_whatever_its_name(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(editor_client, SimpleUploadedFile("desk.png", svg, "image/png"))
    assert response.context["adminform"].form.errors["upload"][0].startswith("SVG files")
    assert not Image.objects.exists()


def test_a_file_that_only_claims_to_be_a_picture_is_refused(editor_client):
    forged = SimpleUploadedFile("desk.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")
    response = upload(editor_client, forged)
    assert response.context["adminform"].form.errors["upload"] == [
        "This file is not a picture the library can read. Upload a PNG, JPEG, WebP or GIF."
    ]


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMAGE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.png", b"\x89PNG" + bytes(1024 * 1024))
    response = upload(editor_client, big)
    assert response.context["adminform"].form.errors["upload"] == [
        "The file is 1.0 MB; the library takes pictures up to 1 MB. Export it smaller and "
        "upload it again."
    ]


def png_claiming(width, height):
    """A PNG of a few bytes whose header claims `width` × `height` pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_small_file_that_decodes_to_a_huge_bitmap_is_refused(editor_client):
    bomb = png_claiming(8000, 6000)  # 48 million pixels in 45 bytes
    response = upload(editor_client, SimpleUploadedFile("bomb.png", bomb))
    errors = response.context["adminform"].form.errors["upload"]
    assert errors[0].startswith("The picture is too large to work with")


def test_a_new_picture_needs_a_file(editor_client):
    response = upload(editor_client, "")
    assert response.context["adminform"].form.errors["upload"] == ["Choose a picture to upload."]


def test_the_card_crop_keeps_the_focal_point_inside_the_picture():
    # A wide picture, focus near its right edge: the box slides to the edge, not past it.
    assert crop_box((3000, 1000), 0.95, 0.5) == (1500, 0, 3000, 1000)
    assert crop_box((3000, 1000), 0.5, 0.5) == (750, 0, 2250, 1000)


def test_moving_the_focal_point_makes_new_card_crops(editor_client):
    image = make_image(upload=picture_file(size=(900, 450)))
    before = [name for *_, name in image.renditions["card"]]
    edit(editor_client, image, focal_x="0.9")
    image.refresh_from_db()
    after = [name for *_, name in image.renditions["card"]]
    assert all("card-90-50-" in name for name in after) and set(after).isdisjoint(before)


# Serving


def test_a_rendition_is_served_as_webp_for_a_year(client):
    src = make_image().picture()["src"]
    response = client.get(src)
    assert (response.status_code, response["Content-Type"]) == (200, "image/webp")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_rendition_is_streamed_so_the_page_cache_never_keeps_it(client):
    assert client.get(make_image().picture()["src"]).streaming


def test_the_original_upload_is_never_served(client):
    image = make_image()
    assert client.get(reverse("media_file", args=[image.original])).status_code == 404


def test_a_rendition_that_is_not_stored_answers_404(client):
    missing = reverse("media_file", args=["images/0123456789abcdef0123/w480.webp"])
    assert client.get(missing).status_code == 404


# In story bodies


def test_a_library_picture_in_a_body_is_a_figure_with_its_renditions():
    image = make_image(slug="desk", caption="The front desk", credit="Composite example")
    html = str(render_markdown("Before.\n\n![](image:desk)\n\nAfter."))
    figure = markup.one(html, "figure")
    img = markup.one(figure, "img")
    assert (img["srcset"], img["alt"]) == (image.picture()["srcset"], image.alt)
    assert markup.text(markup.one(figure, "figcaption")) == "The front desk Composite example"


def test_a_body_reads_all_its_pictures_in_one_query(django_assert_num_queries):
    for slug in ("desk", "lobby", "lift"):
        make_image(slug=slug)
    with django_assert_num_queries(1):
        render_markdown("![](image:desk)\n\n![](image:lobby) and ![](image:lift)")


def test_alt_text_typed_in_the_body_replaces_the_librarys():
    make_image(slug="desk")
    img = markup.one(str(render_markdown("![The desk, empty at 3 a.m.](image:desk)")), "img")
    assert img["alt"] == "The desk, empty at 3 a.m."


def test_a_picture_from_another_host_becomes_its_alt_text():
    html = str(render_markdown("![a tracking pixel](https://elsewhere.example/p.png)"))
    assert html == "<p>a tracking pixel</p>\n"


def test_an_unknown_picture_reference_becomes_its_alt_text():
    assert str(render_markdown("![the lobby](image:no-such-picture)")) == "<p>the lobby</p>\n"


def test_the_sanitiser_drops_a_picture_address_off_the_site():
    html = sanitise('<img src="https://elsewhere.example/p.png" alt="x">')
    assert markup.one(html, "img").get("src") is None


def test_the_sanitiser_keeps_the_sites_own_renditions():
    html = sanitise('<img src="/media/images/a/w480.webp" srcset="/media/images/a/w480.webp 480w">')
    assert markup.one(html, "img")["srcset"] == "/media/images/a/w480.webp 480w"


# A story's lead picture


def test_a_live_storys_new_lead_picture_waits_for_approval(editor_client):
    story = make_story()
    image = make_image()
    edit(editor_client, story, lead_image=str(image.pk))
    story.refresh_from_db()
    assert story.lead_image is None
    assert PendingChange.of(story).exists()


def test_a_draft_storys_lead_picture_is_saved_at_once(editor_client):
    story = make_story(status="draft")
    image = make_image()
    edit(editor_client, story, lead_image=str(image.pk))
    story.refresh_from_db()
    assert story.lead_image == image


def test_the_story_page_leads_with_its_picture(client):
    image = make_image(caption="The desk")
    story = make_story(lead_image=image)
    figure = markup.one(client.get(story.get_absolute_url()), "figure.lead-picture")
    assert markup.one(figure, "img")["src"] == image.picture()["src"]


def test_a_story_card_shows_the_cropped_picture(client):
    image = make_image()
    make_story(lead_image=image)
    img = markup.one(client.get(reverse("stories:story_list")), ".story-card .card-picture img")
    assert img["src"] == image.picture("card")["src"]


def test_a_picture_a_story_leads_with_cannot_be_deleted(editor_client):
    image = make_image()
    make_story(lead_image=image)
    url = reverse("admin:csx_image_delete", args=[image.pk])
    editor_client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


# In the admin


def test_the_library_lists_each_pictures_markdown(editor_client):
    make_image(slug="desk", alt="A bell on a desk")
    page = editor_client.get(reverse("admin:csx_image_changelist"))
    code = markup.one(page, "#result_list td.field-markdown_to_paste code")
    assert markup.text(code) == "![A bell on a desk](image:desk)"


def test_the_chooser_finds_pictures_by_what_was_typed(editor_client):
    make_image(title="Reception desk", slug="desk")
    make_image(title="Lobby at night", slug="lobby")
    page = editor_client.get(reverse("admin:csx_image_choose"), {"q": "lobby"})
    found = markup.parse(page).select(".csx-pictures-grid li")
    assert [item["data-markdown"] for item in found] == [Image.objects.get(slug="lobby").markdown()]


def test_the_chooser_says_what_to_do_when_nothing_matches(editor_client):
    page = editor_client.get(reverse("admin:csx_image_choose"), {"q": "giraffe"})
    assert markup.text(markup.one(page, "p.help")).startswith("No picture matches “giraffe”.")
