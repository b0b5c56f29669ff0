"""The load_seed command on an empty library: what it reports, and that a broken fixture
loads nothing (the seed's content is checked in test_seed.py)."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from csx.content.seed import FIXTURES, Loader, SeedError
from csx.models import Source
from stories.models import Story

pytestmark = pytest.mark.django_db


def test_command_reports_what_it_did(db, capsys):
    call_command("load_seed")
    first = capsys.readouterr().out
    call_command("load_seed")
    second = capsys.readouterr().out
    assert "stories: 38 created, 0 already present" in first
    assert "stories: 0 created, 38 already present (kept as is)" in second


def test_a_broken_fixture_loads_nothing(db, tmp_path):
    directory = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, directory)
    stories = json.loads((directory / "stories.json").read_text())
    stories[-1]["company"] = "no-such-company"
    (directory / "stories.json").write_text(json.dumps(stories))
    with pytest.raises(CommandError, match="no-such-company"):
        call_command("load_seed", directory=directory)
    assert Source.objects.count() == 0
    assert Story.objects.count() == 0


def test_an_invalid_field_value_loads_nothing(db, tmp_path):
    directory = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, directory)
    stories = json.loads((directory / "stories.json").read_text())
    stories[0]["outcome"] = "so-so"
    (directory / "stories.json").write_text(json.dumps(stories))
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_seed", directory=directory)
    assert Story.objects.count() == 0


def test_the_loader_refuses_an_item_without_the_date_its_text_was_written(tmp_path):
    for path in FIXTURES.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text())
    stories = json.loads((FIXTURES / "stories.json").read_text(encoding="utf-8"))
    del stories[0]["published_at"]
    (tmp_path / "stories.json").write_text(json.dumps(stories))
    with pytest.raises(SeedError, match="published_at"):
        Loader(tmp_path).run()
    assert not Story.objects.exists()
