"""A sceptical trainer and an editor: from a statistic to its source, its primary study and
who checked it; then an editor records a check against the primary source in the admin and
it shows wherever the statistic goes, the embed and the path handout included."""

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from csx.models import Source
from csx.paths.models import Path
from principles.models import Statistic

SIXTY = "/statistics/60-percent-leave-over-poor-service/"
CHECKED = "Verification: Checked against the primary source"


@pytest.fixture
def publisher_login(page):
    """A staff login that may edit statistics and log checks on live ones, as the Publishers
    group may. (Browser tests flush the database, so the group its migration made is gone.)"""
    user = User.objects.create_user(
        "checker", password="a-long-test-password", is_staff=True, first_name="Ida"
    )
    codenames = ["view_statistic", "change_statistic", "view_verificationcheck",
                 "add_verificationcheck", "view_source", "publish_content"]  # fmt: skip
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user.username, "a-long-test-password"


def test_from_a_statistic_a_reader_reaches_its_source_and_its_checks(page):
    page.goto("/statistics/")
    page.get_by_role("link", name="The share of customers who say they will end").click()
    # One click: the quoted wording, the primary study's state and the log are on the page.
    expect(page.locator("header .evidence")).to_have_text(
        "Verification: Cited by a secondary source only"
    )
    expect(page.locator(".quotation blockquote")).to_contain_text("60% of customers")
    expect(page.locator(".check-log > li")).to_have_count(1)
    # Two clicks: the citing source's page, which names it and lists what cites it.
    page.locator("section[aria-labelledby=origin] dl cite a").first.click()
    expect(page.locator("h1")).to_have_text(
        "What is Customer Service Experience? Definition, Examples, & Importance"
    )
    expect(page.locator("dl.facts")).to_contain_text("Ritchie Tendencia")
    expect(page.locator(".statistic-card")).to_have_count(2)


def test_a_publisher_records_a_check_and_it_shows_everywhere(page, publisher_login):
    statistic = Statistic.objects.get(slug="60-percent-leave-over-poor-service")
    statistic.primary_source = Source.objects.create(
        slug="the-study", title="The study itself", kind="primary",
        url="https://example.org/the-study",
    )  # fmt: skip
    statistic.save()
    username, password = publisher_login
    page.goto(f"/admin/principles/statistic/{statistic.pk}/change/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.locator(".inline-group .add-row a").click()
    page.select_option("select[name=checks-1-state]", "checked")
    page.fill("textarea[name=checks-1-what_was_checked]", "The study's summary table.")
    page.fill("textarea[name=checks-1-result]", "The figure is there, as quoted.")
    page.get_by_role("button", name="Save change as draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Logged 1 check(s)")

    handout = Path.objects.get(slug="first-week-on-the-service-desk").get_handout_url()
    for url, scope in [
        (SIXTY, "header"),
        ("/statistics/", ".statistic-card:has-text('60%')"),
        ("/embed/statistics/60-percent-leave-over-poor-service/", ".embed-card"),
        (handout, "article:has(h2:text('60% would leave a business'))"),
    ]:
        page.goto(url)
        expect(page.locator(f"{scope} .evidence")).to_have_text(CHECKED)
    page.goto(SIXTY)
    expect(page.locator(".check-log > li").last).to_contain_text("Ida")
