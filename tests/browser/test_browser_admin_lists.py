"""The story list with 300 stories at 1280 px, in a real browser: where each story stands
(state, owner, updated, review-by) is in view without a sideways scroll, and the owner and
company filters are typed into, not scrolled through (issue 22, item 3)."""

import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from csx.models import Status
from stories.models import Company, Story
from tests.browser.test_browser_review import PASSWORD, sign_in
from tests.roles import role

COLUMNS = ["State", "Owner", "Updated", "Review by"]


@pytest.fixture
def desk(seed):
    """300 invented stories (labelled as such), a third of them a publisher's."""
    pat = User.objects.create_user("pat", password=PASSWORD, is_staff=True)
    pat.groups.add(role("Publishers"))
    company = Company.objects.create(title="Invented Outfitters", slug="invented-outfitters",
                                     summary="An invented company, for a test.")  # fmt: skip
    now = timezone.now()
    Story.objects.bulk_create(
        Story(
            title=f"Invented story {n}: an agent at a made-up shop goes well beyond what the "
            "customer asked for, and the customer writes in to say so",
            slug=f"invented-story-{n}",
            summary="Invented, for a test.",
            body="Invented.",
            takeaway="Invented.",
            outcome="exemplary",
            provenance="composite",
            kind="scenario",
            status=Status.PUBLISHED if n % 2 else Status.DRAFT,
            published_at=now if n % 2 else None,
            owner=pat if n % 3 == 0 else None,
            company=company if n % 5 == 0 else None,
        )  # fmt: skip
        for n in range(300)
    )
    return pat


def test_the_story_list_fits_1280_px_with_where_each_story_stands(page, desk):
    sign_in(page, "pat")
    response = page.goto("/admin/stories/story/")
    assert response.ok, f"the story list answered {response.status}: {page.title()}"
    expect(page.locator("#changelist .paginator")).to_contain_text(" stories")
    results = page.locator("#changelist .results")
    right = results.evaluate("e => e.getBoundingClientRect().right")
    for name in COLUMNS:
        box = page.get_by_role("columnheader", name=name, exact=False).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= right + 1, name
    # Neither the table nor the page scrolls sideways.
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= 1280")
    # A title is one line, its whole text in its title attribute.
    first = page.locator(".list-title", has_text="Invented story").first
    assert first.evaluate("e => e.scrollWidth > e.clientWidth")  # cut, with an ellipsis
    assert first.get_attribute("title").endswith("the customer writes in to say so")


def test_the_owner_and_company_filters_are_typed(page, desk):
    sign_in(page, "pat")
    page.goto("/admin/stories/story/")
    page.locator("details[data-filter-title=owner] .select2-selection").click()
    page.locator(".select2-search__field").last.fill("pa")
    page.locator(".select2-results__option", has_text="pat").first.click()
    expect(page).to_have_url(re.compile(rf"owner={desk.pk}"))
    expect(page.locator("#changelist-form .paginator")).to_contain_text("100 stories")
    page.locator("details[data-filter-title=company] .select2-selection").click()
    page.locator(".select2-search__field").last.fill("Invent")
    page.locator(".select2-results__option", has_text="Invented Outfitters").first.click()
    expect(page).to_have_url(re.compile(r"company__id__exact=\d+"))
    # Stories 0, 15, 30, ... : both a publisher's and the company's.
    expect(page.locator("#changelist-form .paginator")).to_contain_text("20 stories")


@pytest.mark.parametrize("app_model", ["stories/company", "principles/principle",
                                       "principles/statistic", "principles/resource"])  # fmt: skip
def test_the_other_content_lists_fit_1280_px_too(page, desk, app_model):
    sign_in(page, "pat")
    page.goto(f"/admin/{app_model}/")
    expect(page.get_by_role("columnheader", name="Review by")).to_be_visible()
    assert page.locator("#changelist .results").evaluate("e => e.scrollWidth <= e.clientWidth")
