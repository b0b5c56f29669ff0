"""Writing help in a real browser (static/csx/admin/markdown-preview.js): the reference
picker above a Markdown editor makes the words selected a link to the chosen item, and the
preview shows it as a link to that item's page."""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from csx.models import Status
from tests.browser.test_browser_review import PASSWORD, sign_in
from tests.factories import make_story
from tests.roles import role


def test_the_picker_links_the_selected_words_to_the_chosen_item(page, seed):
    User.objects.create_user("edna", password=PASSWORD, is_staff=True).groups.add(role("Editors"))
    story = make_story(title="A new one", body="Like the giraffe. Then more.", status=Status.DRAFT)
    sign_in(page, "edna")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    body = page.locator("#id_body")
    body.evaluate("field => field.setSelectionRange(9, 16)")  # "giraffe", to become the link
    page.locator(".field-body .csx-picker-search").fill("giraffe who")
    page.get_by_role("button", name="The giraffe who stayed on for a vacation").click()
    expect(body).to_have_value(
        "Like the [giraffe](story:ritz-carlton-joshie-the-giraffe). Then more."
    )
    expect(page.locator(".field-body .csx-preview-body a")).to_have_attribute(
        "href", "/stories/ritz-carlton-joshie-the-giraffe/"
    )
