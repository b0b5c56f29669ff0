"""Links never break: renames 301, withdrawn pages 410 (or 301 to a replacement),
short links follow an item through renames."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import int_to_base36

from csx.content import permalinks
from csx.models import Withdrawal
from stories.models import Story
from tests.factories import make_company, make_principle, make_statistic, make_story

pytestmark = pytest.mark.django_db

FACTORIES = [make_story, make_company, make_principle, make_statistic]


@pytest.mark.parametrize("factory", FACTORIES)
def test_unpublished_item_answers_410_saying_what_it_was(client, factory):
    item = factory(title="The giraffe", summary="A toy came home.")
    url = item.get_absolute_url()
    item.status = "draft"
    item.save()
    response = client.get(url)
    assert response.status_code == 410
    assert "“The giraffe” has been withdrawn" in response.text
    assert "A toy came home." in response.text
    assert "withdrew it on" in response.text
    assert "?q=The%20giraffe" in response.text


@pytest.mark.parametrize("factory", FACTORIES)
def test_deleted_item_answers_410(client, factory):
    item = factory(title="Gone for good")
    url = item.get_absolute_url()
    item.delete()
    response = client.get(url)
    assert response.status_code == 410
    assert "Gone for good" in response.text


def test_old_slug_of_a_deleted_item_answers_410(client):
    story = make_story(slug="first-name")
    story.slug = "second-name"
    story.save()
    story.delete()
    assert client.get("/stories/first-name/").status_code == 410
    assert client.get("/stories/second-name/").status_code == 410


def test_a_replacement_turns_410_into_301(client):
    old = make_story(slug="old-story")
    new = make_story(slug="new-story")
    old.delete()
    Withdrawal.objects.filter(slug="old-story").update(replacement=new.get_absolute_url())
    response = client.get("/stories/old-story/")
    assert response.status_code == 301
    assert response["Location"] == "/stories/new-story/"


def test_republishing_restores_the_page_and_forgets_the_withdrawal(client):
    story = make_story(slug="back-again")
    story.status = "draft"
    story.save()
    story.status = "published"
    story.save()
    assert client.get("/stories/back-again/").status_code == 200
    assert not Withdrawal.objects.exists()


def test_a_draft_never_published_is_a_plain_404(client):
    make_story(slug="never-out", status="draft")
    assert client.get("/stories/never-out/").status_code == 404
    assert not Withdrawal.objects.exists()


def test_editors_still_see_an_unpublished_item(editor_client):
    story = make_story()
    story.status = "draft"
    story.save()
    response = editor_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Draft, not public." in response.text


def test_a_publisher_sets_a_replacement_in_the_admin(publisher_client, client):
    make_story(slug="elsewhere")
    make_story(slug="old").delete()
    withdrawal = Withdrawal.objects.get()
    response = publisher_client.post(
        reverse("admin:csx_withdrawal_change", args=[withdrawal.pk]),
        {"note": "Merged into another story.", "replacement": "/stories/elsewhere/"},
    )
    assert response.status_code == 302
    assert client.get("/stories/old/")["Location"] == "/stories/elsewhere/"


def test_an_editor_cannot_redirect_a_withdrawn_page(editor_client, client):
    # A replacement redirects the old links at once: a publisher's change.
    make_story(slug="elsewhere")
    make_story(slug="old").delete()
    withdrawal = Withdrawal.objects.get()
    response = editor_client.post(
        reverse("admin:csx_withdrawal_change", args=[withdrawal.pk]),
        {"note": "Merged into another story.", "replacement": "/stories/elsewhere/"},
    )
    assert (response.status_code, client.get("/stories/old/").status_code) == (403, 410)


@pytest.mark.parametrize(
    "replacement",
    ["/stories/no-such-story/", "/stories/a-draft/", "/no-such-section/"],
)
def test_a_replacement_with_no_live_page_is_refused(publisher_client, client, replacement):
    make_story(slug="a-draft", status="draft")
    make_story(slug="old").delete()
    withdrawal = Withdrawal.objects.get()
    response = publisher_client.post(
        reverse("admin:csx_withdrawal_change", args=[withdrawal.pk]),
        {"note": "", "replacement": replacement},
    )
    assert response.context["adminform"].form.errors["replacement"] == [
        "No page is live at this path: give the address of a published page, such as "
        "/stories/another-story/."
    ]
    assert client.get("/stories/old/").status_code == 410


@pytest.mark.parametrize("replacement", ["/stories/", "/principles/?x=1#top", "/"])
def test_a_replacement_may_be_any_page_that_is_not_an_item(replacement):
    assert permalinks.live_page_at(replacement)


# Every way a browser might read a "path" as another site, or leave this one.
OFF_SITE = [
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\/evil.example/",
    "\\\\evil.example/",
    "/\\/evil.example/",
    "https://evil.example/",
    "http://evil.example/stories/x/",
    "HTTPS://evil.example/",
    "https://testserver/stories/elsewhere/",  # even this site: a path, never a full address
    "https:/evil.example/",
    "javascript:alert(1)",
    "evil.example/",
    "stories/elsewhere/",
    "%2F%2Fevil.example/",
    "/%2F%2Fevil.example/",
    "/%2fevil.example/",
    "/%5Cevil.example/",
    "/%5c%5cevil.example/",
    "/%09/evil.example/",
    " //evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "\x00//evil.example/",
    "/\x00/evil.example/",
    "\x1f//evil.example/",
    "\u200b//evil.example/",
    "/\u202e/evil.example/",
    "/\u3000/evil.example/",
]
SAME_SITE = [
    "/stories/elsewhere/",
    "/principles/empathy/#listen-first",
    "/search/?q=giraffe&kind=story",
    "/stories/caf%C3%A9/",
    "/",
]


@pytest.mark.parametrize("value", OFF_SITE)
def test_a_replacement_that_could_leave_the_site_is_refused(value):
    with pytest.raises(ValidationError, match="a path on this site"):
        permalinks.validate_replacement(value)


@pytest.mark.parametrize("value", SAME_SITE)
def test_a_path_on_this_site_is_a_valid_replacement(value):
    permalinks.validate_replacement(value)


@pytest.mark.parametrize("value", OFF_SITE)
def test_admin_refuses_a_replacement_off_the_site(publisher_client, value):
    make_story(slug="old").delete()
    withdrawal = Withdrawal.objects.get()
    response = publisher_client.post(
        reverse("admin:csx_withdrawal_change", args=[withdrawal.pk]),
        {"note": "", "replacement": value},
    )
    assert response.status_code == 200
    assert "replacement" in response.context["adminform"].form.errors
    withdrawal.refresh_from_db()
    assert withdrawal.replacement == ""


# PostgreSQL cannot store a NUL character in text, so those are left to the validator tests.
@pytest.mark.parametrize("value", [value for value in OFF_SITE if "\x00" not in value])
def test_a_stored_replacement_off_the_site_is_never_followed(client, value):
    story = make_story(slug="old", title="Old tale")
    short = story.get_short_url()
    story.delete()
    Withdrawal.objects.update(replacement=value)
    for url in ["/stories/old/", short]:
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (410, None), url
        assert "Old tale" in response.text


def test_tag_without_published_items_answers_410(client):
    story = make_story(tags=["retired"])
    story.status = "draft"
    story.save()
    response = client.get(reverse("tag_detail", args=["retired"]))
    assert response.status_code == 410
    assert "“retired” has been withdrawn" in response.text


# --- short links -----------------------------------------------------------------


@pytest.mark.parametrize(
    "factory, prefix",
    [(make_story, "s"), (make_principle, "p"), (make_statistic, "f"), (make_company, "c")],
)
def test_short_link_leads_to_the_item(client, factory, prefix):
    item = factory()
    assert item.short_code.startswith(prefix)
    response = client.get(item.get_short_url())
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


@pytest.mark.parametrize("retype", [str.upper, str.title])
def test_a_short_link_retyped_in_another_case_lands_on_the_item(client, retype):
    story = make_story(slug="the-story")
    response = client.get(f"/s/{retype(story.short_code)}/")
    assert (response.status_code, response["Location"]) == (301, "/stories/the-story/")


# Slugs spelt the other way (British or American) land on the item.


def test_a_british_spelling_lands_on_the_american_slug(client):
    make_principle(title="Personalisation", slug="personalization")
    response = client.get("/principles/personalisation/")
    assert (response.status_code, response["Location"]) == (301, "/principles/personalization/")


def test_an_american_spelling_lands_on_the_british_slug(client):
    make_story(slug="the-colour-of-an-apology")
    response = client.get("/stories/the-color-of-an-apology/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/stories/the-colour-of-an-apology/",
    )


def test_the_other_spelling_of_an_old_slug_follows_the_rename(client):
    story = make_story(slug="organise-the-queue")
    story.slug = "a-queue-in-order"
    story.save()
    response = client.get("/stories/organize-the-queue/")
    assert (response.status_code, response["Location"]) == (301, "/stories/a-queue-in-order/")


def test_the_other_spelling_of_a_withdrawn_item_answers_410(client):
    make_story(slug="the-colour-of-an-apology").delete()
    assert client.get("/stories/the-color-of-an-apology/").status_code == 410


def test_a_slug_with_no_item_in_either_spelling_is_404(client):
    make_story(slug="the-colour-of-an-apology")
    assert client.get("/stories/the-colour-of-a-refund/").status_code == 404


def test_short_link_survives_a_rename(client):
    story = make_story(slug="before")
    short = story.get_short_url()
    story.slug = "after"
    story.save()
    assert client.get(short)["Location"] == "/stories/after/"


def test_short_link_of_a_withdrawn_item_answers_410(client):
    story = make_story(title="Withdrawn tale")
    short = story.get_short_url()
    story.delete()
    response = client.get(short)
    assert response.status_code == 410
    assert "Withdrawn tale" in response.text


def test_short_link_of_a_draft_is_404(client):
    assert client.get(make_story(status="draft").get_short_url()).status_code == 404


@pytest.mark.parametrize("code", ["zzz", "s", "s!", "x1", "s-1", "" + "s" + "9" * 30])
def test_unknown_short_codes_are_404(client, code):
    assert client.get(f"/s/{code}/").status_code == 404


def test_short_code_is_base36_of_the_id():
    story = make_story()
    assert int(story.short_code[1:], 36) == story.pk


def test_qr_code_is_an_svg_of_the_full_short_link(client):
    story = make_story()
    response = client.get(reverse("short_link_qr", args=[story.short_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg")


def test_qr_code_for_unknown_code_is_404(client):
    assert client.get("/s/zzz/qr.svg").status_code == 404


def test_short_codes_are_the_type_letter_and_the_id_in_base_36():
    story = make_story()
    code = permalinks.short_code(story)
    assert code == "s" + int_to_base36(story.pk)
    assert permalinks.parse_short_code(code) == (Story, story.pk)


@pytest.mark.parametrize("code", ["s", "x1", "s-1", "s0", "s" + "z" * 14, "s!"])
def test_a_malformed_short_code_resolves_to_nothing(code):
    assert permalinks.resolve_short(code) is None


def test_the_resolver_says_what_an_old_address_leads_to():
    story = make_story(slug="first")
    story.slug = "second"
    story.save()
    published = Story.objects.published()
    assert permalinks.resolve(published, "second") == permalinks.Resolution(item=story)
    assert permalinks.resolve(published, "first").moved
    story.delete()
    assert permalinks.resolve(published, "first").withdrawal.title == story.title
    assert permalinks.resolve(published, "never-was") is None
