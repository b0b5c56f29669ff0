"""Open Graph previews: every page names a picture on our own host, drawn from the item."""

import io

import pytest
from PIL import Image, ImageDraw

from csx.public import social_images
from tests import markup
from tests.factories import make_statistic, make_story

pytestmark = pytest.mark.django_db


def og_image(response):
    return markup.one(response, 'meta[property="og:image"]')["content"]


def test_a_story_page_names_its_own_preview_picture(client):
    story = make_story(slug="the-giraffe")
    assert og_image(client.get(story.get_absolute_url())) == (
        "http://testserver/og/stories/the-giraffe.png"
    )


def test_a_list_page_names_the_sites_picture(client):
    assert og_image(client.get("/stories/")) == "http://testserver/og/site.png"


def test_the_preview_is_a_1200_by_630_png(client):
    make_statistic(slug="half", figure="50%")
    response = client.get("/og/statistics/half.png")
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_the_site_picture_is_served(client):
    response = client.get("/og/site.png")
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")


def test_a_draft_has_no_preview(client):
    make_story(slug="secret", status="draft")
    assert client.get("/og/stories/secret.png").status_code == 404


def test_an_editor_previewing_a_draft_gets_the_sites_picture_in_its_meta(editor_client):
    draft = make_story(slug="secret", status="draft")
    assert og_image(editor_client.get(draft.get_absolute_url())).endswith("/og/site.png")


@pytest.mark.parametrize("address", ["/og/nothing/x.png", "/og/resources/x.png"])
def test_a_preview_of_an_unknown_type_or_one_without_pages_is_404(client, address):
    assert client.get(address).status_code == 404


def test_a_changed_title_draws_a_new_picture(client):
    story = make_story(slug="renamed", title="Before")
    before = client.get("/og/stories/renamed.png")["ETag"]
    story.title = "After"
    story.save()
    assert client.get("/og/stories/renamed.png")["ETag"] != before


def test_an_unchanged_picture_answers_304_to_its_etag(client):
    make_story(slug="same")
    etag = client.get("/og/stories/same.png")["ETag"]
    response = client.get("/og/stories/same.png", headers={"If-None-Match": etag})
    assert (response.status_code, response.content) == (304, b"")


def test_a_title_too_long_for_three_lines_ends_in_an_ellipsis():
    card = dict(social_images.SITE_CARD, title="word " * 80)
    png = social_images.draw(card)
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    pen = Image.new("RGB", (10, 10))
    lines = social_images.wrapped(ImageDraw.Draw(pen), card["title"], social_images.font(58),
                                  900, 3)  # fmt: skip
    assert len(lines) == 3 and lines[-1].endswith("…")
