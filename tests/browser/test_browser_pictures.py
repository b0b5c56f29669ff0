"""The picture chooser of the story form, in a real browser (static/csx/admin/pictures.js):
an editor finds a picture in the library by typing, makes it the lead picture and puts it in
the text where the cursor is, and the story is saved with both."""

import os

import pytest
from playwright.sync_api import expect

from csx.models import Status
from tests.admin_forms import change_url
from tests.browser.test_browser_review import PASSWORD, sign_in
from tests.factories import make_image, make_story
from tests.roles import role


@pytest.fixture
def people(seed):
    from django.contrib.auth.models import User

    user = User.objects.create_user("edna", password=PASSWORD, is_staff=True)
    user.groups.add(role("Editors"))


def test_an_editor_chooses_a_lead_picture_and_puts_one_in_the_text(page, people):
    desk = make_image(title="Reception desk", slug="reception-desk", alt="A bell on a desk")
    make_image(title="Lobby at night", slug="lobby")
    story = make_story(title="The bell nobody rang", body="The guest waited.", status=Status.DRAFT)
    sign_in(page, "edna")
    page.goto(change_url(story))

    page.get_by_text("Choose from the image library").click()
    page.get_by_label("Find a picture").fill("desk")
    found = page.locator(".csx-pictures-grid li")
    expect(found).to_have_count(1)
    found.get_by_role("button", name="Lead picture").click()
    expect(page.locator(".csx-picture-current")).to_contain_text("A bell on a desk")
    page.get_by_label("Body:").press("Control+End")  # the cursor after the text
    found.get_by_role("button", name="Put in the text").click()
    expect(page.locator(".csx-preview-body img")).to_have_attribute("alt", "A bell on a desk")
    if os.environ.get("CSX_SCREENSHOTS"):  # `make screenshots`: the chooser, to look at
        page.locator(".field-lead_image").evaluate("field => field.scrollIntoView()")
        page.screenshot(path=f"{os.environ['CSX_SCREENSHOTS']}/picture-chooser-1280.png")
    with page.expect_navigation():  # the save is done when its answer has loaded
        page.get_by_role("button", name="Save draft").click()

    story.refresh_from_db()
    assert (story.lead_image, story.body) == (
        desk,
        "The guest waited.\n\n![A bell on a desk](image:reception-desk)",
    )
