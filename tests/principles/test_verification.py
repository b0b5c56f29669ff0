"""A statistic's verification record: every change of state is a logged check, and
"checked against the primary source" needs the primary source (with a URL) and the wording."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from csx.models import Review
from principles.models import Statistic, VerificationCheck
from tests.admin_forms import decide
from tests.factories import make_checked_statistic, make_source, make_statistic
from tests.pages import soup, text

pytestmark = pytest.mark.django_db

CHECKED = Statistic.Verification.CHECKED


def check(statistic, state=CHECKED, **fields):
    return statistic.record_check(state, "The study's table 3.", "Matches.", **fields)


def test_checked_is_refused_without_a_primary_source():
    statistic = make_statistic(quoted_wording="Half say so.")
    with pytest.raises(ValidationError, match="Record the primary source first"):
        check(statistic)
    statistic.refresh_from_db()
    assert statistic.verification == Statistic.Verification.SECONDARY
    assert not statistic.checks.exists()


def test_checked_is_refused_when_the_primary_source_has_no_url():
    statistic = make_statistic(quoted_wording="Half say so.", primary_source=make_source(url=""))
    with pytest.raises(ValidationError, match="Give the primary source its URL first"):
        check(statistic)


def test_checked_is_refused_without_the_citing_sources_wording():
    study = make_source(url="https://example.org/study")
    statistic = make_statistic(quoted_wording="", primary_source=study)
    with pytest.raises(ValidationError, match="Copy the citing source's wording first"):
        check(statistic)


def test_checked_is_accepted_with_the_primary_source_and_the_wording():
    statistic = make_checked_statistic()
    assert statistic.verification == CHECKED
    assert statistic.checks.get().state == CHECKED


def test_the_database_refuses_checked_without_a_primary_source():
    statistic = make_statistic()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.filter(pk=statistic.pk).update(verification=CHECKED)


def test_every_change_of_state_is_a_log_entry_and_the_last_sets_the_state():
    editor = User.objects.create_user("checker", first_name="Ada", last_name="Lovelace")
    statistic = make_checked_statistic()
    check(statistic, Statistic.Verification.WITHDRAWN, by=editor, note="The study was retracted.")
    statistic.refresh_from_db()
    assert statistic.verification == Statistic.Verification.WITHDRAWN
    log = list(statistic.checks.for_log())
    assert [entry.state for entry in log] == [CHECKED, Statistic.Verification.WITHDRAWN]
    assert (log[-1].checker, log[-1].note) == ("Ada Lovelace", "The study was retracted.")


def test_disputed_needs_a_second_origin_and_an_editors_note():
    statistic = make_statistic()
    with pytest.raises(ValidationError, match="other candidate origin"):
        check(statistic, Statistic.Verification.DISPUTED)
    statistic.other_origin = "A 2011 study by someone else"
    statistic.dispute_note = "Traced elsewhere to another study."
    statistic.save()
    check(statistic, Statistic.Verification.DISPUTED)
    assert statistic.verification == Statistic.Verification.DISPUTED


def test_a_checked_statistic_keeps_its_primary_source():
    statistic = make_checked_statistic()
    statistic.primary_source = None
    with pytest.raises(ValidationError, match="Record the primary source first"):
        statistic.full_clean()


def admin_post(statistic, **check):
    """The statistic's admin form as it stands, with one new check in the log."""
    data = {
        "title": statistic.title, "slug": statistic.slug, "summary": statistic.summary,
        "body": "", "figure": statistic.figure, "claim": statistic.claim,
        "attributed_to": statistic.attributed_to, "cited_in": statistic.cited_in_id,
        "quoted_wording": statistic.quoted_wording, "population": "", "sample_size": "",
        "method": "", "year": "", "primary_source": statistic.primary_source_id or "",
        "other_origin": "", "other_origin_source": "", "dispute_note": "", "note": "",
        "tags": "", "status": "published", "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00", "owner": "", "reviewed_on": "", "review_by": "",
        "checks-TOTAL_FORMS": "1", "checks-INITIAL_FORMS": "0",
        "checks-MIN_NUM_FORMS": "0", "checks-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update({f"checks-0-{field}": value for field, value in check.items()})
    return data


def test_the_admin_refuses_a_check_without_a_primary_source_and_changes_nothing(
    publisher_client,
):
    statistic = make_statistic(quoted_wording="Half say so.")
    url = reverse("admin:principles_statistic_change", args=[statistic.pk])
    response = publisher_client.post(
        url, admin_post(statistic, state="checked", what_was_checked="Study", result="OK")
    )
    assert response.status_code == 200
    errors = text(soup(response).select_one(".inline-group .errornote, .inline-group .errorlist"))
    assert "needs the primary source" in errors
    statistic.refresh_from_db()
    assert statistic.verification == Statistic.Verification.SECONDARY
    assert not VerificationCheck.objects.exists()


def test_the_admin_records_a_check_with_who_and_when(publisher_client, publisher):
    study = make_source(title="The study", kind="primary", url="https://example.org/study")
    statistic = make_statistic(quoted_wording="Half say so.", primary_source=study)
    url = reverse("admin:principles_statistic_change", args=[statistic.pk])
    response = publisher_client.post(
        url, admin_post(statistic, state="checked", what_was_checked="Table 1", result="Same")
    )
    assert response.status_code == 302
    statistic.refresh_from_db()
    assert statistic.verification == CHECKED
    entry = statistic.checks.get()
    assert (entry.checked_by, entry.what_was_checked, entry.result) == (
        publisher,
        "Table 1",
        "Same",
    )


def test_an_editor_logs_no_check_on_a_live_statistic_and_their_text_change_waits(editor_client):
    # A check on a live statistic changes what readers see at once: a publisher's to log.
    statistic = make_statistic(title="Old title")
    url = reverse("admin:principles_statistic_change", args=[statistic.pk])
    assert soup(editor_client.get(url)).select_one(".inline-group .add-row, #checks-empty") is None
    data = admin_post(statistic, state="withdrawn", what_was_checked="Both", result="Differ")
    editor_client.post(url, {**data, "title": "New title"})
    statistic.refresh_from_db()
    assert (statistic.title, statistic.verification, statistic.checks.count()) == (
        "Old title",
        Statistic.Verification.SECONDARY,
        0,
    )


def test_the_admin_shows_past_checks_but_offers_no_way_to_change_them(editor_client):
    statistic = make_checked_statistic()
    url = reverse("admin:principles_statistic_change", args=[statistic.pk])
    page = soup(editor_client.get(url))
    assert page.select_one("#checks-0 .readonly") is not None
    assert page.select_one("textarea[name=checks-0-result]") is None
    assert page.select_one("input[name=checks-0-DELETE]") is None


def test_statistic_page_shows_who_checked_what_and_when(client):
    editor = User.objects.create_user("checker", first_name="Grace", last_name="Hopper")
    statistic = make_checked_statistic()
    check(statistic, Statistic.Verification.WITHDRAWN, by=editor)
    page = soup(client.get(statistic.get_absolute_url()))
    heads = [text(head) for head in page.select(".check-log .check-head")]
    assert heads[0].startswith("Checked against the primary source · ")
    assert heads[0].endswith(" · An editor")  # no account, no role recorded
    assert heads[1].startswith("Withdrawn: not to be quoted · ")
    assert heads[1].endswith(" · Grace Hopper")
    assert "The study's table 3." in text(page.select(".check-log > li")[1])


def test_approving_a_change_written_before_a_check_keeps_the_checks_state(
    editor_client, publisher_client
):
    statistic = make_statistic(title="Old title")
    url = reverse("admin:principles_statistic_change", args=[statistic.pk])
    editor_client.post(url, {**admin_post(statistic), "checks-TOTAL_FORMS": "0",
                             "title": "New title", "_action": "submit"})  # fmt: skip
    check(statistic, Statistic.Verification.WITHDRAWN)
    review = Review.objects.get()
    decide(publisher_client, review, "approve")
    statistic.refresh_from_db()
    assert (statistic.title, statistic.verification) == (
        "New title",
        Statistic.Verification.WITHDRAWN,
    )
