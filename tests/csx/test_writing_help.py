"""Help with writing in the admin (csx/editorial/admin/writing.py): the reference picker's
search, the cheat sheet beside the Markdown editor, a warning after a save about links readers
will not get, and schedule fields that say their time zone."""

import pytest
from django.contrib.messages import constants
from django.test import override_settings
from django.urls import reverse

from csx.editorial import workflow
from csx.models import Status
from tests import markup
from tests.admin_forms import change_url, edit
from tests.factories import make_image, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db


def picked(client, term):
    return client.get(reverse("admin:reference_search"), {"q": term}).json()["results"]


def warnings(response):
    return [str(m) for m in response.wsgi_request._messages if m.level == constants.WARNING]


def test_the_picker_finds_items_of_every_type_by_title(editor_client):
    make_story(title="The giraffe that stayed", slug="the-giraffe")
    make_principle(title="Giraffes and empathy", slug="giraffes")
    make_source(title="A study of giraffe care", slug="giraffe-study")
    make_story(title="Lost luggage")
    offered = [(r["kind"], r["reference"]) for r in picked(editor_client, "giraffe")]
    assert offered == [
        ("Principle", "principle:giraffes"),  # its title starts with the word
        ("Source", "source:giraffe-study"),  # then by title: "A study…" before "The…"
        ("Story", "story:the-giraffe"),
    ]


def test_the_picker_offers_a_markdown_link_with_the_title_escaped(editor_client):
    make_story(title="The [sic] refund", slug="sic-refund")
    (result,) = picked(editor_client, "sic")
    assert result["markdown"] == "[The \\[sic\\] refund](story:sic-refund)"


def test_the_picker_says_which_items_readers_do_not_see(editor_client):
    make_story(title="Refund live", slug="refund-live")
    make_story(title="Refund draft", slug="refund-draft", status=Status.DRAFT)
    offered = {r["reference"]: r["live"] for r in picked(editor_client, "refund")}
    assert offered == {"story:refund-live": True, "story:refund-draft": False}


def test_the_picker_offers_nothing_for_an_empty_search(editor_client):
    make_story(title="Anything")
    assert picked(editor_client, "  ") == []


def test_the_picker_reads_a_nul_as_a_space(editor_client):
    make_story(title="Lost luggage", slug="lost-luggage")
    assert [r["reference"] for r in picked(editor_client, "luggage\x00")] == ["story:lost-luggage"]


def test_the_picker_is_for_staff_only(client):
    response = client.get(reverse("admin:reference_search"), {"q": "a"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_markdown_editor_has_the_picker_and_the_cheat_sheet(editor_client):
    story = make_story(status=Status.DRAFT)
    page = editor_client.get(change_url(story))
    helper = markup.one(page, ".field-body .csx-writing-help")
    assert helper.select_one("[data-reference-search]")["data-reference-search"] == reverse(
        "admin:reference_search"
    )
    schemes = [code.get_text() for code in helper.select(".csx-cheat-sheet .csx-schemes code")]
    assert schemes == [
        "http:", "https:", "mailto:", "story:", "principle:", "statistic:", "company:",
        "resource:", "path:", "source:",
    ]  # fmt: skip


def test_a_save_with_a_reference_to_no_item_warns_and_keeps_the_draft(editor_client):
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="See [the giraffe](story:no-such-story).")
    story.refresh_from_db()
    assert story.body == "See [the giraffe](story:no-such-story)."
    assert warnings(response) == [
        "Saved, but 1 link will not work for readers: “story:no-such-story”: no item has that "
        "address; readers will see the text without a link."
    ]


def test_a_save_with_a_reference_to_a_draft_says_readers_will_not_get_it(editor_client):
    make_story(slug="still-a-draft", status=Status.DRAFT)
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="[Later](story:still-a-draft)")
    assert warnings(response) == [
        "Saved, but 1 link will not work for readers: “story:still-a-draft”: the item is not "
        "published, so readers will see the text without a link."
    ]


def test_a_save_with_an_unknown_scheme_warns_and_names_the_schemes_that_work(editor_client):
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="[The giraffe](stroy:the-giraffe)")
    (warning,) = warnings(response)
    assert warning.startswith(
        "Saved, but 1 link will not work for readers: “stroy:the-giraffe”: “stroy:” is not a "
        "kind of link this site knows"
    )
    assert warning.endswith(
        "Links may start with http:, https:, mailto:, story:, principle:, statistic:, "
        "company:, resource:, path:, source:."
    )


def test_a_reference_in_capitals_is_told_to_be_lower_case(editor_client):
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="[The giraffe](Story:the-giraffe)")
    assert warnings(response) == [
        "Saved, but 1 link will not work for readers: “Story:the-giraffe”: a reference is the "
        "type in lower case and the item's address, as “story:the-slug”."
    ]


def test_a_picture_the_library_does_not_have_is_warned_about(editor_client):
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="![A desk](image:no-such-picture)")
    assert warnings(response) == [
        "Saved, but 1 link will not work for readers: “image:no-such-picture”: no picture in "
        "the image library has that name; readers will see its description."
    ]


def test_a_picture_from_elsewhere_is_warned_about(editor_client):
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="![A desk](https://example.org/desk.jpg)")
    (warning,) = warnings(response)
    assert warning.startswith(
        "Saved, but 1 link will not work for readers: “https://example.org/desk.jpg”: pages "
        "show only pictures from the image library"
    )


def test_a_picture_in_the_library_gives_no_warning(editor_client):
    make_image(slug="help-desk")
    story = make_story(status=Status.DRAFT)
    response = edit(editor_client, story, body="![A desk](image:help-desk)")
    assert (response.status_code, warnings(response)) == (302, [])


def test_a_save_whose_links_all_work_gives_no_warning(editor_client):
    make_story(slug="the-giraffe")
    story = make_story(status=Status.DRAFT)
    body = "[A](story:the-giraffe), [B](https://example.org/), [C](/stories/), [D](#part)"
    response = edit(editor_client, story, body=body)
    assert response.status_code == 302
    assert warnings(response) == []


def test_a_broken_reference_in_a_practice_is_warned_about_too(publisher_client):
    principle = make_principle(status=Status.DRAFT)
    page = publisher_client.get(change_url(principle))
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    response = edit(
        publisher_client, principle,
        **{f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Say sorry",
           f"{prefix}-0-slug": "say-sorry", f"{prefix}-0-order": "1",
           f"{prefix}-0-description": "[x](story:gone-missing)"},
    )  # fmt: skip
    assert [w.split(": ")[1] for w in warnings(response)] == ["“story:gone-missing”"]


@override_settings(TIME_ZONE="Asia/Kolkata")
def test_the_schedule_fields_say_their_time_zone(publisher_client):
    story = make_story(status=Status.DRAFT)
    page = publisher_client.get(change_url(story))
    notes = [
        markup.text(markup.one(page, f".field-{field} .help")).rsplit(". ", 1)[-1]
        for field in ("published_at", "take_down_at")
    ]
    assert notes == ["Times are in Asia/Kolkata (IST now)."] * 2


def test_an_editor_sees_the_time_zone_of_a_read_only_schedule(editor_client):
    story = make_story(status=Status.DRAFT)
    page = editor_client.get(change_url(story))
    help_text = markup.text(markup.one(page, ".field-published_at .help"))
    assert help_text.endswith("Times are in UTC.")


def test_approving_for_later_says_the_time_zone(publisher_client, editor_client):
    story = make_story(status=Status.DRAFT)
    edit(editor_client, story, action="submit")
    review = workflow.last_review(story)
    page = publisher_client.get(reverse("admin:review", args=[review.pk]))
    notes = [markup.text(help) for help in markup.parse(page).select(".csx-decision .help")]
    assert [note.endswith("Times are in UTC.") for note in notes] == [True, True, False]
