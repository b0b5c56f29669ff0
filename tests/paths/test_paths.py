"""Onboarding paths: the models, the reader's pages, the handout, editors' flags, the admin."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from csx.paths.models import Path, PathItem
from tests import markup, sitemaps
from tests.factories import (
    add_item,
    make_path,
    make_practice,
    make_principle,
    make_resource,
    make_source,
    make_statistic,
    make_story,
)
from tests.pages import drawn

pytestmark = pytest.mark.django_db

LIST = reverse("paths:path_list")
SKIP_FLAG = "Skipped: not published"


def step_url(path, number):
    """The address of the `number`th step readers see."""
    return list(path.steps())[number - 1].get_absolute_url()


def titles(items):
    return [item.target.title for item in items]


# The models


def test_each_kind_of_target_makes_an_item():
    story, principle = make_story(), make_principle()
    statistic, resource = make_statistic(), make_resource()
    path = make_path([story, principle, statistic, resource])
    assert [(item.kind, item.target) for item in path.items.all()] == [
        ("story", story),
        ("principle", principle),
        ("statistic", statistic),
        ("resource", resource),
    ]


def test_an_item_without_a_target_is_refused_by_the_database():
    path = make_path()
    with pytest.raises(IntegrityError), transaction.atomic():
        PathItem.objects.create(path=path, trainer_note="Pointing at nothing.")


def test_an_item_with_two_targets_is_refused_by_the_database():
    path = make_path()
    with pytest.raises(IntegrityError), transaction.atomic():
        PathItem.objects.create(path=path, story=make_story(), principle=make_principle())


def test_items_come_in_order_then_in_the_order_they_were_added():
    path = make_path()
    third, first, second = make_story(title="C"), make_story(title="A"), make_story(title="B")
    add_item(path, third, order=5)
    add_item(path, first, order=1)
    add_item(path, second, order=5)
    assert titles(path.items.all()) == ["A", "C", "B"]


def test_questions_are_one_per_line_without_blanks():
    item = add_item(make_path(), make_story(), discussion_questions="Why?\n\n  How?  \n")
    assert item.questions == ["Why?", "How?"]


def test_steps_leave_out_items_whose_target_is_not_published():
    later = timezone.now() + timedelta(days=1)
    path = make_path(
        [
            make_story(title="Live story"),
            make_story(title="Draft story", status="draft"),
            make_principle(title="Scheduled principle", published_at=later),
            make_resource(title="Live resource"),
        ]
    )
    assert titles(path.steps()) == ["Live story", "Live resource"]
    assert titles(path.skipped_items()) == ["Draft story", "Scheduled principle"]


def test_deleting_a_target_takes_its_step_out_of_the_path(client):
    kept, deleted = make_story(title="Kept"), make_story(title="Deleted")
    path = make_path([deleted, kept])
    old_url = deleted.get_absolute_url()
    deleted.delete()
    assert [item.target for item in path.steps()] == [kept]
    assert client.get(old_url).status_code == 410


def test_deleting_a_path_deletes_its_items_not_their_targets():
    story = make_story()
    make_path([story]).delete()
    assert not PathItem.objects.exists()
    story.refresh_from_db()


def test_step_count_counts_only_what_readers_see():
    make_path([make_story(), make_story(status="draft"), make_statistic()])
    assert Path.objects.with_step_count().get().step_count == 2


# The list


def test_list_shows_published_paths_with_their_step_counts(client):
    make_path([make_story(), make_story(status="draft")], title="Live path")
    make_path(title="Draft path", slug="draft-path", status="draft")
    response = client.get(LIST)
    assert [path.title for path in response.context["paths"]] == ["Live path"]
    assert "1 step " in response.text
    assert "Draft path" not in response.text


def timed_path(slug, *minutes):
    path = make_path(title=slug.title(), slug=slug)
    for n in minutes:
        add_item(path, make_story(), minutes=n)
    return path


def test_a_paths_length_is_the_minutes_of_the_steps_readers_see():
    path = timed_path("session", 10, 20)
    add_item(path, make_story(status="draft"), minutes=15)  # readers skip it
    assert Path.objects.with_minutes().get().minutes == 30


def test_list_shows_each_paths_length(client):
    timed_path("short", 10, 20)
    timed_path("untimed")
    response = client.get(LIST)
    lengths = [markup.text(e) for e in markup.parse(response).select(".path-list .path-length")]
    assert lengths == ["30 minutes"]


@pytest.mark.parametrize(
    "minutes, shown",
    [("30", ["Short"]), ("45", ["Middling", "Short"]), ("60", ["Hour", "Middling", "Short"])],
)
def test_list_filters_by_the_length_a_session_has(client, minutes, shown):
    timed_path("short", 10, 20)
    timed_path("middling", 40, 5)
    timed_path("hour", 30, 30)
    timed_path("long", 50, 25)
    response = client.get(LIST, {"minutes": minutes})
    assert sorted(path.title for path in response.context["paths"]) == shown
    assert markup.text(markup.one(response, ".kind-filter [aria-current=page]")).startswith("Up to")


def test_an_unknown_length_is_a_400_that_says_so(client):
    response = client.get(LIST, {"minutes": "50"})
    assert response.status_code == 400
    assert "“50” is not a length the list knows" in response.text


def test_an_empty_length_leaves_the_address_with_a_301(client):
    response = client.get(f"{LIST}?minutes=")
    assert (response.status_code, response["Location"]) == (301, LIST)


def test_no_path_of_a_length_says_what_to_do(client):
    timed_path("long", 50, 25)
    response = client.get(LIST, {"minutes": "30"})
    assert "No path fits in 30 minutes yet." in response.text


def test_empty_list_says_what_to_do(client):
    response = client.get(LIST)
    assert "No paths yet: editors can build one in the" in response.text
    assert reverse("admin:paths_path_add") in response.text


def test_paths_are_in_the_main_navigation(client):
    response = client.get(LIST)
    assert f'<a href="{LIST}" aria-current="page">Paths</a>' in response.text


def test_published_paths_are_in_the_sitemap(client):
    path = make_path()
    make_path(slug="hidden", status="draft")
    locations = sitemaps.locations(client)
    assert f"http://testserver{path.get_absolute_url()}" in locations
    assert "http://testserver/paths/hidden/" not in locations
    assert f"http://testserver{LIST}" in locations


# One path


def test_path_page_shows_intro_and_items_in_order_with_notes_and_questions(client):
    story = make_story(title="The lost ring")
    principle = make_principle(title="Recovery")
    path = make_path(body="Start *here*.")
    add_item(path, principle, order=2, trainer_note="Tie it to **the story**.")
    add_item(path, story, order=1, discussion_questions="What would you do?\nWho decides?")
    response = client.get(path.get_absolute_url())
    assert titles(response.context["steps"]) == ["The lost ring", "Recovery"]
    text = response.text
    assert text.count("<h1>") == 1
    assert "<em>here</em>" in text
    assert "<strong>the story</strong>" in text
    assert "<li>What would you do?</li><li>Who decides?</li>" in text
    assert f'<h3><a href="{step_url(path, 1)}">The lost ring</a></h3>' in text
    assert f'<h3><a href="{step_url(path, 2)}">Recovery</a></h3>' in text
    assert text.index("The lost ring") < text.index("Recovery")


def test_readers_do_not_see_unpublished_items_or_the_editors_warning(client):
    path = make_path([make_story(title="Live"), make_story(title="Unfinished", status="draft")])
    response = client.get(path.get_absolute_url())
    assert titles(response.context["steps"]) == ["Live"]
    assert "Unfinished" not in response.text
    assert "Editors only" not in response.text


def test_editors_are_warned_about_items_readers_skip(editor_client):
    path = make_path([make_story(title="Live"), make_story(title="Unfinished", status="draft")])
    response = editor_client.get(path.get_absolute_url())
    assert titles(response.context["steps"]) == ["Live"]
    assert titles(response.context["skipped"]) == ["Unfinished"]
    assert "Editors only: readers skip 1 item" in response.text
    assert 'Unfinished <span class="muted">(story, draft)</span>' in response.text
    assert reverse("admin:paths_path_change", args=[path.pk]) in response.text


def test_a_path_without_published_items_says_so(client):
    path = make_path([make_story(status="draft")])
    response = client.get(path.get_absolute_url())
    assert "This path has no published steps yet." in response.text
    assert "Start at step 1" not in response.text


def test_a_draft_path_is_hidden_from_readers_and_previewed_by_editors(editor_client):
    path = make_path([make_story()], status="draft")
    reader = Client()
    urls = [path.get_absolute_url(), step_url(path, 1), path.get_present_url()]
    for url in urls:
        assert reader.get(url).status_code == 404
    for url in urls:
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "Draft, not public." in response.text


def test_a_renamed_path_answers_301_at_its_old_address(client):
    path = make_path([make_story(), make_story()])
    path.slug = "week-one"
    path.save()
    for old, new in [
        ("/paths/first-week/", "/paths/week-one/"),
        ("/paths/first-week/steps/2/", "/paths/week-one/steps/2/"),
        ("/paths/first-week/present/", "/paths/week-one/present/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)


# One step


def test_step_shows_the_item_with_its_note_questions_and_link(client):
    statistic = make_statistic(title="Loyalty figure", figure="86%", summary="Most will pay.")
    path = make_path()
    add_item(path, statistic, trainer_note="Ask where it comes from.", discussion_questions="Why?")
    response = client.get(step_url(path, 1))
    text = response.text
    title = "Step 1 of 1: Loyalty figure · First week on the desk · CSX Library"
    assert f"<title>{title}</title>" in text
    assert "<h1>Loyalty figure</h1>" in text
    assert "Most will pay." in text
    assert '<span class="figure">86%</span>' in text
    assert "Ask where it comes from." in text
    assert '<li id="step-question-1">Why?</li>' in text
    assert f'also has <a href="{statistic.get_absolute_url()}">a page of its own' in text


def test_steps_link_to_previous_and_next(client):
    path = make_path([make_story(title="One"), make_story(title="Two"), make_story(title="Three")])
    first, middle, last = (client.get(step_url(path, n)).text for n in (1, 2, 3))
    assert '<nav class="path-nav" aria-label="Path steps">' in middle
    assert "Step 2 of 3" in middle
    assert f'<a href="{step_url(path, 1)}" rel="prev">' in middle
    assert f'<a href="{step_url(path, 3)}" rel="next">' in middle
    assert 'rel="prev"' not in first
    assert f'<a href="{step_url(path, 2)}" rel="next">' in first
    assert 'rel="next"' not in last
    assert f'<a href="{step_url(path, 2)}" rel="prev">' in last


def test_step_numbers_count_only_published_items(client):
    draft = make_story(title="Unfinished", status="draft")
    path = make_path([make_story(title="One"), draft, make_story(title="Three")])
    third = path.items.get(story__title="Three")
    assert "Step 2 of 2" in client.get(third.get_absolute_url()).text
    draft.status = "published"
    draft.save()
    assert "Step 3 of 3" in client.get(third.get_absolute_url()).text


@pytest.mark.parametrize(
    "url", ["/paths/first-week/steps/99999/", "/paths/first-week/steps/0/", "/paths/first-week/9/"]
)
def test_a_step_that_is_not_there_is_a_helpful_404(client, url):
    make_path([make_story(), make_story()])
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.text


def test_a_step_never_published_is_a_404(client):
    path = make_path([make_story(status="draft")])
    assert client.get(path.items.get().get_absolute_url()).status_code == 404


def test_a_step_of_another_path_is_a_404(client):
    mine = make_path([make_story()])
    other = make_path([make_story()], slug="other")
    response = client.get(mine.get_step_url(other.items.get().pk))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url", ["/paths/first-week/-1/", "/paths/first-week/two/", "/paths/first-week/steps/x/"]
)
def test_a_step_that_is_not_a_number_is_a_404(client, url):
    make_path([make_story()])
    assert client.get(url).status_code == 404


def test_an_editor_runs_a_fixed_number_of_queries_however_long_the_path(editor_client):
    def queries(path):
        return drawn(editor_client, path.get_absolute_url())[1]

    short = make_path([make_story(), make_story(status="draft")])
    long = make_path(
        [make_story(status="draft"), make_principle(), make_statistic(), make_resource()] * 5,
        slug="long",
    )
    assert queries(short) == queries(long)


# The trainer's note, drawn by one include on every page that shows it


@pytest.mark.parametrize(
    "page, heading",
    [
        (lambda path: path.get_absolute_url(), "<h4>Trainer's note</h4>"),
        (lambda path: step_url(path, 1), '<h2 id="trainer-note">Trainer\'s note</h2>'),
        (lambda path: path.get_handout_url(), "<h3>Trainer's note</h3>"),
    ],
    ids=["path", "step", "handout"],
)
def test_the_trainers_note_keeps_its_heading_on_each_page(client, page, heading):
    path = make_path()
    add_item(path, make_story(), trainer_note="Ask *why*.")
    text = client.get(page(path)).text
    assert heading in text
    assert '<div class="prose"><p>Ask <em>why</em>.</p>' in text


# The handout and the short link


def test_path_handout_has_a_page_per_step_with_notes_and_items(client):
    source = make_source(title="Where the figure comes from")
    story = make_story(title="The giraffe story", discussion_questions="Why?", sources=[source])
    principle = make_principle(title="Empathy principle")
    make_practice(principle, title="Connect emotionally")
    statistic = make_statistic(title="Big figure", figure="86%", cited_in=source)
    resource = make_resource(title="A good book")
    path = make_path([story, principle, statistic, resource])
    path.items.filter(story=story).update(trainer_note="Start with *this* one.", minutes=12)
    response = client.get(path.get_handout_url())
    page = response.text
    assert response.status_code == 200
    assert page.count('class="handout-item') == 5  # the path, then one per step
    for expected in [
        "Step 1 of 4", "about 12 minutes", "Start with <em>this</em> one.",
        'id="step-1-takeaway"', "<li>Why?</li>", "Connect emotionally", "86%",
        "Source: <cite>Where the figure comes from</cite>",
        "Cited in: <cite>Where the figure comes from</cite>", "A good book",
        f"http://testserver{story.get_short_url()}", f"http://testserver{path.get_short_url()}",
    ]:  # fmt: skip
        assert expected in page, expected


def test_path_handout_has_one_h1_and_a_h2_per_step(client):
    path = make_path([make_story(title="One"), make_principle(title="Two")])
    page = client.get(path.get_handout_url()).text
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == [path.title]
    assert re.findall(r'<h2 id="step-\d+-title">(.*?)</h2>', page) == ["One", "Two"]


def test_path_handout_prints_the_story_summary_and_takeaway_not_its_whole_page(client):
    story = make_story(
        summary="A guest lost a ring.", takeaway="Search first.", body="A long account."
    )
    page = client.get(make_path([story]).get_handout_url()).text
    assert "A guest lost a ring." in page
    assert "Search first." in page
    assert "A long account." not in page


def test_handout_and_present_use_the_storys_own_questions_when_the_step_has_none(client):
    story = make_story(discussion_questions="The story asks this?")
    path = make_path([story])
    for url in [path.get_handout_url(), path.get_present_url()]:
        assert "<li>The story asks this?</li>" in client.get(url).text


def test_handout_and_present_ask_the_trainers_questions_instead_when_there_are_some(client):
    story = make_story(discussion_questions="The story asks this?")
    path = make_path()
    add_item(path, story, discussion_questions="The trainer asks this?")
    for url in [path.get_handout_url(), path.get_present_url()]:
        text = client.get(url).text
        assert "<li>The trainer asks this?</li>" in text
        assert "The story asks this?" not in text


def test_path_handout_runs_the_same_queries_for_four_or_twelve_steps(client):
    def queries(path):
        return drawn(client, path.get_handout_url())[1]

    def one_of_each():
        return [make_story(), make_principle(), make_statistic(), make_resource()]

    small = make_path(one_of_each(), slug="small")
    large = make_path(one_of_each() + one_of_each() + one_of_each(), slug="large")
    assert queries(small) == queries(large)


def test_path_has_a_short_link_and_its_page_the_share_panel(client):
    path = make_path([make_story()])
    assert path.short_code.startswith("t")
    assert client.get(path.get_short_url())["Location"] == path.get_absolute_url()
    page = client.get(path.get_absolute_url()).text
    assert f'href="{path.get_handout_url()}"' in page
    assert '<details class="cite" id="cite">' in page


# The admin


def test_editor_opens_the_path_pages_in_the_admin(editor_client):
    path = make_path([make_story()])
    assert editor_client.get(reverse("admin:paths_path_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:paths_path_add")).status_code == 200
    response = editor_client.get(reverse("admin:paths_path_change", args=[path.pk]))
    assert "items-TOTAL_FORMS" in response.text


def inline_data(*items):
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for n, item in enumerate(items):
        data.update({f"items-{n}-{field}": value for field, value in item.items()})
    return data


PATH_FORM = {
    "title": "Recovering well",
    "slug": "recovering-well",
    "summary": "From a mistake to a loyal customer.",
    "body": "",
    "_action": "publish",
}


def test_publisher_saves_a_path_with_two_items(publisher_client):
    story, principle = make_story(), make_principle()
    response = publisher_client.post(
        reverse("admin:paths_path_add"),
        {
            **PATH_FORM,
            **inline_data(
                {"order": "2", "target": f"principle:{principle.pk}", "trainer_note": "Name it."},
                {"order": "1", "target": f"story:{story.pk}", "discussion_questions": "Why?\nHow?"},
            ),
        },
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    path = Path.objects.get(slug="recovering-well")
    assert path.is_published
    assert [item.target for item in path.steps()] == [story, principle]
    assert path.items.get(story=story).questions == ["Why?", "How?"]


def test_a_step_must_show_something(editor_client):
    response = editor_client.post(
        reverse("admin:paths_path_add"),
        {**PATH_FORM, "_action": "save", **inline_data({"order": "1", "trainer_note": "Hm."})},
    )
    assert response.status_code == 200
    assert "Choose the story, principle, statistic or resource this step shows." in response.text
    assert not Path.objects.exists()


def test_a_step_pointing_at_a_deleted_item_is_an_error(editor_client):
    story = make_story()
    gone = f"story:{story.pk}"
    story.delete()
    response = editor_client.post(
        reverse("admin:paths_path_add"),
        {**PATH_FORM, "_action": "save", **inline_data({"order": "1", "target": gone})},
    )
    assert "That item no longer exists" in response.text
    assert not Path.objects.exists()


def test_the_builder_shows_each_steps_target_in_one_field(editor_client):
    story = make_story(title="The lost ring")
    path = make_path([story])
    response = editor_client.get(reverse("admin:paths_path_change", args=[path.pk]))
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert form["target"].value() == f"story:{story.pk}"
    assert set(form.fields) & {"story", "principle", "statistic", "resource"} == set()
    assert f'<option value="story:{story.pk}" selected>The lost ring</option>' in response.text


def test_typed_numbers_reorder_the_steps(publisher_client):
    from tests.admin_forms import edit

    first, second = make_story(), make_story()
    path = make_path([first, second])
    edit(publisher_client, path, "publish", **{"items-0-order": "5", "items-1-order": "1"})
    assert [step.target for step in path.steps()] == [second, first]


def test_admin_flags_items_readers_skip(editor_client):
    path = make_path([make_story(title="Live"), make_story(status="draft")])
    response = editor_client.get(reverse("admin:paths_path_change", args=[path.pk]))
    assert response.text.count(SKIP_FLAG) == 1
    changelist = editor_client.get(reverse("admin:paths_path_changelist"))
    assert changelist.context["cl"].result_list[0].skipped_count == 1


def test_the_builder_finds_items_of_every_kind_by_title(editor_client):
    make_story(title="Zappos and the ten-hour call")
    make_principle(title="Ownership", summary="Zappos staff own the call.")
    make_story(title="A call", body="Zappos again.")
    response = editor_client.get(reverse("admin:paths_path_targets"), {"term": "zappos"})
    groups = {
        group["text"]: [r["text"] for r in group["children"]]
        for group in response.json()["results"]
    }
    assert groups == {"Stories": ["Zappos and the ten-hour call"]}


def test_the_builder_says_when_readers_cannot_see_an_item(editor_client):
    make_story(title="Zappos draft", status="draft")
    response = editor_client.get(reverse("admin:paths_path_targets"), {"term": "zappos"})
    assert response.json()["results"][0]["children"][0]["text"] == "Zappos draft (draft)"


def test_the_builder_search_needs_an_editor(client):
    assert client.get(reverse("admin:paths_path_targets"), {"term": "a"}).status_code == 302


def test_deleting_a_story_in_a_path_warns_which_path_step_goes_too(publisher_client):
    story = make_story(title="The lost ring")
    make_path([story])
    response = publisher_client.get(reverse("admin:stories_story_delete", args=[story.pk]))
    assert "Step 1 of the path" in response.context["deleted_objects"][1][0]
