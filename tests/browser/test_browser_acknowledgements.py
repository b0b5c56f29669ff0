"""Acknowledgements in a real browser: a learner confirms a story, a publisher approves a
material change to it in the admin, the learner sees what changed and confirms again; a
minor change afterwards asks nothing (csx/learning/acknowledgements.py)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from playwright.sync_api import expect

from csx.editorial import changes, history, workflow
from csx.learning import acknowledgements
from csx.models import Review
from tests.learning.helpers import cohort_with, learner, three_step_path
from tests.roles import role


@pytest.fixture
def seed(transactional_db):
    """This test makes its own few items: the library's seed would only cost time. A test
    with a serialized rollback before it leaves the content types' table empty while this
    process still remembers their old numbers (as load_seed() says): ask afresh."""
    ContentType.objects.clear_cache()


def signed_in(context, live_server, user):
    """The browser `context` signed in as `user`: a session made on the server, its cookie
    given to the browser (each sign-in form has tests of its own)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    host = urlsplit(live_server.url).hostname
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])


def change_submitted(story, editor, body):
    changes.apply_change(story, editor, lambda item: setattr(item, "body", body), "Body.")
    return workflow.submit(story, editor)


def approve(page, review, kind):
    page.goto(f"/admin/review/{review.pk}/")
    page.get_by_label(kind).check()
    page.get_by_role("button", name="Approve the change").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")


def test_a_material_change_asks_the_learner_again_with_the_diff_and_a_minor_one_does_not(
    page, browser, live_server
):
    path = three_step_path()
    story = path.steps()[0].story
    editor = User.objects.create_user("edna", is_staff=True)
    editor.groups.add(role("Editors"))
    publisher = User.objects.create_user("pat", is_staff=True)
    publisher.groups.add(role("Publishers"))
    acknowledgements.ask(story, editor)
    history.ensure_revision(story)
    lee = learner()
    cohort_with([lee], [path])
    signed_in(page.context, live_server, lee)
    admin = browser.new_context(base_url=live_server.url)
    signed_in(admin, live_server, publisher)
    publisher_page = admin.new_page()
    step = f"/learning/paths/{path.slug}/steps/1/"
    panel = page.locator(".acknowledgement")

    page.goto(step)
    page.get_by_role("button", name="I have read and understood").click()
    expect(panel.get_by_role("heading")).to_have_text("Read and understood")

    review = change_submitted(story, editor, "What happened, in two sentences. Then more.")
    approve(publisher_page, review, "Material")
    page.goto("/learning/")
    expect(page.locator(".acknowledgements-due")).to_contain_text("Changed since you confirmed")
    page.goto(step)
    expect(panel.get_by_role("heading")).to_have_text("Changed since you confirmed")
    expect(panel.locator(".csx-diff ins").last).to_have_text("sentences. Then more.")
    panel.get_by_role("button", name="I have read and understood the change").click()
    expect(panel.get_by_role("heading")).to_have_text("Read and understood")

    review = change_submitted(story, editor, "What happened, in two sentences. Then more!")
    approve(publisher_page, review, "Minor")
    page.goto(step)
    expect(panel.get_by_role("heading")).to_have_text("Read and understood")
    assert Review.objects.filter(state=Review.State.APPROVED).count() == 2
    admin.close()
