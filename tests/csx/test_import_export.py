"""Export and import (csx/editorial/transfer/): the same bytes after a round trip, a dry run
row by row, drafts and pending changes only, all or nothing, clear reports for bad files."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from csx.editorial.transfer import files, importing
from csx.models import PendingChange, Status
from principles.models import Principle
from stories.models import Story
from tests.factories import make_company, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(editor, publisher):
    """Stories with every kind of column filled: a company, principles, sources, tags, an
    owner, dates, several lines of text, a comma and quotes, a yes/no."""
    company = make_company(title="Zappos", slug="zappos")
    empathy = make_principle(title="Empathy", slug="empathy")
    listening = make_principle(title="Listening", slug="listening")
    source = make_source(slug="a-source")
    make_story(
        title="A ten-hour call, \"on purpose\"", slug="ten-hour-call", status=Status.DRAFT,
        company=company, principles=[empathy, listening], sources=[source],
        tags=["phone", "going the extra mile"], owner=editor, featured=True,
        body="## What happened\n\nA call, long.\n\n- one\n- two\n",
        discussion_questions="Why?\nWhy not?", review_by="2027-01-31",
    )  # fmt: skip
    make_story(title="Plain", slug="plain", status=Status.DRAFT, owner=publisher, body="")
    return Story.objects.all()


def export(kind):
    return files.export(Story, Story.objects.all(), kind)


def plan(name, data):
    return files.plan_file(Story, name, data)


@pytest.mark.parametrize("kind, name", [(files.CSV, "s.csv"), (files.MARKDOWN, "s.zip")])
def test_export_import_export_gives_the_same_bytes(library, editor, kind, name):
    first = export(kind)
    # Change one, delete the other: the import puts both back as the file has them.
    Story.objects.filter(slug="ten-hour-call").update(title="Renamed", featured=False)
    story = Story.objects.get(slug="ten-hour-call")
    story.tags.set(["other"])
    story.principles.clear()
    Story.objects.filter(slug="plain").delete()
    report = importing.run(plan(name, first), editor)
    assert report.done
    assert {row.slug: row.outcome for row in report.rows} == {
        "plain": importing.CREATE,
        "ten-hour-call": importing.CHANGE,
    }
    assert export(kind) == first


def test_a_dry_run_reports_row_by_row_and_changes_nothing(library):
    data = export(files.CSV).decode().replace("Plain", "Plainer").encode()
    data += b"new-one,A new story,Short.,Text.,,,,anecdote,retold,,exemplary,,,Kind.,,false,,,,\r\n"
    report = plan("s.csv", data)
    says = {row.slug: (row.where, row.says, row.why) for row in report.rows}
    assert says["plain"] == ("row 2", "changed (a draft)", ["title"])
    assert says["new-one"] == ("row 4", "created as a draft", [])
    assert says["ten-hour-call"][1] == "unchanged"
    assert Story.objects.get(slug="plain").title == "Plain"
    assert not Story.objects.filter(slug="new-one").exists()


def test_an_import_never_makes_anything_live(library, editor):
    live = make_story(title="Live", slug="live")
    data = files.export(Story, Story.objects.filter(slug="live"), files.CSV)
    data = data.replace(b"Live", b"Changed")
    report = importing.run(plan("s.csv", data), editor)
    assert [row.outcome for row in report.rows] == [importing.HOLD]
    assert Story.objects.get(pk=live.pk).title == "Live"  # readers keep the approved row
    assert PendingChange.of(live).exists()
    created = importing.run(plan("s.csv", data.replace(b"live", b"brand-new")), editor)
    assert created.rows[0].item.status == Status.DRAFT


def test_one_refused_row_refuses_the_whole_import_with_each_reason(library, editor):
    rows = export(files.CSV).decode().splitlines(keepends=True)
    header = rows[0]
    bad = [
        "unknown-company,Story,,,,,,anecdote,,,exemplary,no-such-company,,Be kind.,,false,,,,\r\n",
        "bad-kind,Story,,,,,,poem,,,exemplary,,,Be kind.,,false,,,,\r\n",
        ",No slug,,,,,,anecdote,,,exemplary,,,Be kind.,,false,,,,\r\n",
        "bad-date,Story,,,,,2027-13-45,anecdote,,,exemplary,,,Be kind.,,false,,,,\r\n",
        "good-one,Good,Short.,Text.,,,,anecdote,retold,,exemplary,,,Be kind.,,false,,,,\r\n",
        "good-one,Again,,,,,,anecdote,,,exemplary,,,Be kind.,,false,,,,\r\n",
    ]
    report = importing.run(plan("s.csv", (header + "".join(bad)).encode()), editor)
    why = {row.where: " ".join(row.why) for row in report.refused}
    assert "no company “no-such-company”" in why["row 2"]
    assert "kind" in why["row 3"]
    assert why["row 4"] == "no slug"
    assert "review_by" in why["row 5"]
    assert why["row 7"] == "the same slug is on an earlier row"
    assert "row 6" not in why  # a good row, not imported either
    assert not report.done
    assert not Story.objects.filter(slug="good-one").exists()  # nothing half-imported


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("s.csv", "slug,title\r\nx,Café\r\n".encode("latin-1"), "is not UTF-8"),
        ("s.csv", b"slug,colour\r\nx,red\r\n", "Unknown column(s): colour"),
        ("s.csv", b"title\r\nNo slug column\r\n", "There is no slug column"),
        ("s.csv", b"", "The file is empty"),
        ("s.csv", b"slug,title\r\nx,y,z\r\n", "Row 2 has more cells"),
        ("s.csv", b"slug,title,summary\r\nx,y,z\r\nw,v\r\n", "Row 3 has fewer cells"),
        ("s.zip", b"not a zip", "not a zip archive"),
        ("s.md", b"no front matter", "does not begin with front matter"),
        ("s.md", b"---\nslug: [unclosed\n---\n", "is not YAML"),
        ("s.md", b"---\nslug: x\n", "no closing line"),
        ("s.xlsx", b"PK", "neither a .csv"),
    ],
)
def test_a_bad_file_gets_a_clear_report(name, data, says):
    report = plan(name, data)
    assert not report.ok
    assert says in " ".join(report.problems)


def test_a_zip_without_markdown_files_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "no Markdown" in plan("s.zip", out.getvalue()).problems[0]


def test_a_column_left_out_leaves_its_field_as_it_is(library, editor):
    report = importing.run(plan("s.csv", b"slug,title\r\nplain,Plainer\r\n"), editor)
    assert report.done
    story = Story.objects.get(slug="plain")
    assert (story.title, story.owner.username) == ("Plainer", "publisher")


def test_the_list_exports_as_filtered(editor_client, library):
    url = reverse("admin:stories_story_export", args=["csv"])
    response = editor_client.get(url, {"featured__exact": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="story.csv"'
    lines = response.content.decode().splitlines()
    assert lines[1].startswith("ten-hour-call,") and "plain," not in response.content.decode()
    zipped = editor_client.get(reverse("admin:stories_story_export", args=["markdown"]))
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert names == ["plain.md", "ten-hour-call.md"]


def test_an_unknown_export_or_filter_is_not_a_500(editor_client):
    assert editor_client.get(reverse("admin:stories_story_export", args=["pdf"])).status_code == 404
    url = reverse("admin:stories_story_export", args=["csv"])
    assert editor_client.get(url, {"nonsense": "1"}).status_code == 302


def test_the_import_page_shows_the_dry_run_then_imports(editor_client, library):
    url = reverse("admin:stories_story_import")
    data = export(files.CSV).replace(b"Plain", b"Plainer")
    upload = io.BytesIO(data)
    upload.name = "stories.csv"
    page = editor_client.post(url, {"file": upload, "dry_run": "on"})
    assert page.status_code == 200
    assert "Dry run: nothing was changed" in page.content.decode()
    assert Story.objects.get(slug="plain").title == "Plain"
    upload = io.BytesIO(data)
    upload.name = "stories.csv"
    page = editor_client.post(url, {"file": upload})
    assert "Imported" in page.content.decode()
    assert Story.objects.get(slug="plain").title == "Plainer"


def test_a_bad_upload_gets_the_report_page_not_a_500(editor_client):
    upload = io.BytesIO(b"\xff\xfe\x00garbage")
    upload.name = "stories.csv"
    page = editor_client.post(reverse("admin:stories_story_import"), {"file": upload})
    assert page.status_code == 200
    assert "not UTF-8" in page.content.decode()


def test_the_commands_round_trip_a_folder_of_markdown(library, editor, tmp_path, capsys):
    call_command("export_items", "story", "--format", "folder", "--out", str(tmp_path / "md"))
    before = {p.name: p.read_bytes() for p in (tmp_path / "md").iterdir()}
    Story.objects.filter(slug="plain").delete()
    call_command("import_items", "story", str(tmp_path / "md"), "--as", "editor")
    assert "Dry run, nothing changed: 1 created as a draft, 1 unchanged." in capsys.readouterr().out
    assert not Story.objects.filter(slug="plain").exists()
    call_command("import_items", "story", str(tmp_path / "md"), "--as", "editor", "--apply")
    call_command("export_items", "story", "--format", "folder", "--out", str(tmp_path / "again"))
    assert {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()} == before


def test_the_import_command_fails_loudly_on_a_refused_file(library, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"slug,company\r\nplain,nowhere\r\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_items", "story", str(bad), "--as", "editor", "--apply")


@pytest.mark.parametrize("model", [Principle])
def test_other_types_round_trip_too(editor, model):
    # Owned: a new item without an owner becomes the importer's (workflow.create_draft).
    make_principle(title="Empathy", slug="empathy", status=Status.DRAFT, tags=["feelings"],
                   owner=editor)  # fmt: skip
    first = files.export(model, model.objects.all(), files.MARKDOWN)
    model.objects.all().delete()
    importing.run(files.plan_file(model, "p.zip", first), editor)
    assert files.export(model, model.objects.all(), files.MARKDOWN) == first
