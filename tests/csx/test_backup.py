"""A backup restores to an identical library: every row of every table (tags, slug history,
withdrawals, users, the search index) and the same search results.

Backups read committed data (pg_dump is another connection; SQLite refuses to restore into a
connection inside a transaction), so these tests commit for real and put the migrations'
rows (the Editors group, content types) back afterwards.
"""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from csx import search
from csx.backup import SIGNATURES
from csx.models import SearchEntry, SlugHistory, Withdrawal
from stories.models import Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUERIES = ["giraffe", "refund", "zappos", "nordstorm", "empathy"]


def snapshot():
    """Every row of every table the project's models know (through tables included)."""
    return {
        model._meta.label: sorted(map(repr, model.objects.order_by("pk").values_list()))
        for model in apps.get_models(include_auto_created=True)
    }


def results():
    return {
        query: [(r.kind, r.title, r.url) for r in search.search(query).results] for query in QUERIES
    }


@pytest.fixture
def library(seeded):
    """The seed, with a renamed story, a withdrawn one and an editor's tag."""
    renamed = Story.objects.get(slug="ritz-carlton-joshie-the-giraffe")
    renamed.slug = "joshie-the-giraffe"
    renamed.save()
    withdrawn = Story.objects.exclude(pk=renamed.pk).first()
    withdrawn.status = "draft"
    withdrawn.save()
    make_story(title="Tagged late", tags=["late-tag", "giraffe"])
    assert SlugHistory.objects.exists() and Withdrawal.objects.exists()
    return snapshot(), results()


def test_a_backup_restores_every_row_and_the_search_index(library, tmp_path):
    before, found = library
    path = tmp_path / "library.backup"
    call_command("backup", str(path))
    # The library changes a great deal after the backup...
    Story.objects.get(slug="joshie-the-giraffe").tags.clear()
    Story.objects.filter(status="published").exclude(slug="joshie-the-giraffe").delete()
    make_story(title="Written after the backup")
    assert snapshot() != before
    # ...and the restore brings back exactly what was backed up.
    call_command("restore", str(path), interactive=False)
    assert snapshot() == before
    assert results() == found
    assert SearchEntry.objects.filter(title="Written after the backup").exists() is False


def test_a_backup_file_has_the_databases_own_format(library, tmp_path):
    from django.db import connection

    path = tmp_path / "library.backup"
    call_command("backup", str(path))
    assert path.read_bytes().startswith(SIGNATURES[connection.vendor])


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup of a"):
        call_command("restore", str(path), interactive=False)
