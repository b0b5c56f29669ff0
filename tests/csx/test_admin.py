import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from csx.editorial.admin.filters import TypeFilter
from csx.models import Status
from stories.models import Story
from tests.admin_forms import confirmed_action
from tests.factories import make_company, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    ("csx", "source"),
    ("stories", "company"),
    ("stories", "story"),
    ("principles", "principle"),
    ("principles", "practice"),
    ("principles", "statistic"),
    ("principles", "resource"),
    ("taggit", "tag"),
]


EDITABLE = [(app, model) for app, model in CONTENT_MODELS if model != "practice"]


@pytest.mark.parametrize("app, model", EDITABLE)
def test_editor_can_open_list_and_add_pages(editor_client, app, model):
    assert editor_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


def test_practices_are_listed_but_edited_with_their_principle(editor_client):
    """So that a change to a published principle's practices waits for review too."""
    assert editor_client.get(reverse("admin:principles_practice_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:principles_practice_add")).status_code == 403


@pytest.mark.parametrize("app, model", CONTENT_MODELS)
def test_anonymous_visitors_are_sent_to_log_in(client, app, model):
    response = client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def listed(response):
    return {item.title for item in response.context["cl"].result_list}


def test_story_list_filters_by_status_outcome_and_kind(editor_client):
    make_story(title="Match", outcome="cautionary", kind="review")
    make_story(title="Draft", status="draft", outcome="cautionary", kind="review")
    make_story(title="Exemplary", kind="review")
    make_story(title="Anecdote", outcome="cautionary")
    url = reverse("admin:stories_story_changelist")
    response = editor_client.get(
        url, {"status__exact": "published", "outcome__exact": "cautionary", "kind__exact": "review"}
    )
    assert listed(response) == {"Match"}


# Company and tags run to hundreds: typed, not listed (tests/csx/test_admin_lists.py).
@pytest.mark.parametrize("facet, choice", [("principles", "Empathy")])
def test_story_list_sidebar_filter_narrows_to_the_chosen_item(editor_client, facet, choice):
    make_story(
        title="Chosen",
        company=make_company(title="Zappos"),
        principles=[make_principle(title="Empathy")],
        tags=["refunds"],
    )
    make_story(
        title="Other", company=make_company(title="Nordstrom"),
        principles=[make_principle(title="Listening")], tags=["returns"],
    )  # fmt: skip
    url = reverse("admin:stories_story_changelist")
    changelist = editor_client.get(url).context["cl"]
    spec = next(s for s in changelist.filter_specs if getattr(s, "field_path", None) == facet)
    link = next(c for c in spec.choices(changelist) if c["display"] == choice)["query_string"]
    assert listed(editor_client.get(url + link)) == {"Chosen"}


def test_autocomplete_answers_for_company(editor_client):
    make_company(title="Zappos")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "stories", "model_name": "story", "field_name": "company", "term": "zap"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Zappos"]


def test_editor_adds_a_story_with_tags_principles_and_company_and_submits_it(editor_client):
    company = make_company()
    principle = make_principle()
    source = make_source()
    response = editor_client.post(
        reverse("admin:stories_story_add"),
        {
            "title": "A new story",
            "slug": "a-new-story",
            "summary": "Someone helped.",
            "body": "It went well.",
            "kind": "anecdote",
            "provenance": "press",
            "outcome": "exemplary",
            "company": company.pk,
            "channel": "phone",
            "takeaway": "Help.",
            "discussion_questions": "Why?\nHow?",
            "principles": [principle.pk],
            "sources": [source.pk],
            "tags": "refunds, phone support",
            "_action": "submit",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Story.objects.get(slug="a-new-story")
    assert story.company == company
    assert list(story.principles.all()) == [principle]
    assert sorted(story.tags.names()) == ["phone support", "refunds"]
    assert story.status == "in_review"


def test_a_bad_form_says_what_is_wrong_and_saves_nothing(editor_client):
    response = editor_client.post(
        reverse("admin:stories_story_add"),
        {"title": "No slug", "kind": "anecdote", "outcome": "brilliant", "status": "draft"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"slug", "summary", "outcome", "provenance", "takeaway"} <= set(errors)
    assert not Story.objects.exists()


def test_story_change_page_links_to_the_site(editor_client):
    story = make_story()
    response = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert "View on site" in response.text


def test_principle_page_edits_practices_inline(editor_client):
    principle = make_principle()
    response = editor_client.get(reverse("admin:principles_principle_change", args=[principle.pk]))
    assert "practices-TOTAL_FORMS" in response.text


def test_publish_action_publishes_drafts(publisher_client):
    draft = make_story(status="draft")
    confirmed_action(publisher_client, Story, "publish_selected", draft)
    draft.refresh_from_db()
    assert draft.is_published


def test_the_withdraw_action_takes_live_items_from_readers(publisher_client, client):
    live = make_story()
    confirmed_action(publisher_client, Story, "withdraw_selected", live)
    live.refresh_from_db()
    assert live.status == Status.WITHDRAWN
    assert client.get(live.get_absolute_url()).status_code == 410


def test_editors_group_holds_exactly_the_curating_permissions():
    expected = (
        {
            f"{app}.{action}_{model}"
            for app, model in [
                *CONTENT_MODELS,
                ("taggit", "taggeditem"),
                ("paths", "path"),
                ("paths", "pathitem"),
                ("learning", "checkquestion"),  # knowledge checks, written on items' pages
                ("csx", "synonym"),
                ("csx", "image"),  # the image library
            ]
            for action in ["add", "change", "delete", "view"]
        }
        | {"csx.view_slughistory", "csx.change_withdrawal", "csx.view_withdrawal"}
        | {"csx.view_searchlog", "csx.view_auditevent", "csx.view_sharelink"}
        | {"csx.view_linkcheck"}  # the external links' last answers; only the checker writes
        | {"principles.add_verificationcheck", "principles.view_verificationcheck"}
        # Readers send these; editors moderate and read them, and handle them (state,
        # assignee, note), and read the replies sent to readers.
        | {"feedback.view_submission", "feedback.change_submission", "feedback.delete_submission"}
        | {"feedback.view_feedback", "feedback.change_feedback", "feedback.delete_feedback"}
        | {"feedback.view_reply"}
        | {"feedback.view_verificationtask", "feedback.change_verificationtask"}
    )
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Editors").permissions.select_related("content_type")
    }
    assert granted == expected


def test_editors_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert not Permission.objects.filter(
        group__name="Editors", content_type__app_label="auth"
    ).exists()


def test_create_editor_makes_a_staff_login_in_the_editors_group(monkeypatch, client):
    from django.core.management import call_command

    answers = iter(["short", "short", "a-long-enough-pass-phrase", "a-long-enough-pass-phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_editor", "newcomer")
    user = User.objects.get(username="newcomer")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "newcomer", "password": "a-long-enough-pass-phrase"},
    )
    assert signed_in.headers["Location"] == "/admin/"


def test_create_editor_refuses_an_existing_name(editor):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "editor")


def test_make_editor_keeps_the_email_reminders_go_to(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("NEW_PASSWORD", "a-long-enough-pass-phrase")
    call_command(
        "create_editor", "mailed", "--email", "mailed@example.org",
        "--password-from-env", "NEW_PASSWORD",
    )  # fmt: skip
    assert User.objects.get(username="mailed").email == "mailed@example.org"


def test_make_editor_refuses_what_is_not_an_email_address(monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("NEW_PASSWORD", "a-long-enough-pass-phrase")
    with pytest.raises(CommandError, match="'not-an-address' is not an email address."):
        call_command(
            "create_editor", "mailed", "--email", "not-an-address",
            "--password-from-env", "NEW_PASSWORD",
        )  # fmt: skip
    assert not User.objects.filter(username="mailed").exists()


@pytest.mark.parametrize(
    "changelist", ["admin:csx_withdrawal_changelist", "admin:csx_slughistory_changelist"]
)
def test_type_filters_name_only_the_librarys_types_present(editor_client, changelist):
    for item in (make_story(slug="old-story"), make_principle(slug="old-principle")):
        item.slug = f"new-{item.slug}"
        item.save()  # slug history
        item.delete()  # a withdrawal
    page = editor_client.get(reverse(changelist))
    [type_filter] = [f for f in page.context["cl"].filter_specs if isinstance(f, TypeFilter)]
    labels = [choice["display"] for choice in type_filter.choices(page.context["cl"])]
    assert labels == ["All", "Principles", "Stories"]
