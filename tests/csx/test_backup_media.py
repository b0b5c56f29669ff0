"""The image library's files travel with a backup (csx/serving/backup.py): a tar beside the
database's file, put back by a restore. On local disk here; in a bucket: test_images_store.py;
the database's own backup and restore: test_backup.py."""

import io
import tarfile
from pathlib import Path

import pytest

from csx.serving.backup import backup_media, media_archive, restore_media


@pytest.fixture
def rendition(settings, tmp_path):
    """A picture's file in the local store."""
    settings.MEDIA_ROOT = tmp_path / "media"
    rendition = Path(settings.MEDIA_ROOT) / "images/0123456789abcdef0123/w480.webp"
    rendition.parent.mkdir(parents=True)
    rendition.write_bytes(b"RIFF....WEBP")
    return rendition


def test_a_restore_brings_back_the_local_pictures_a_backup_kept(rendition, tmp_path):
    backup_media(tmp_path / "library.sqlite3")
    rendition.unlink()
    restore_media(tmp_path / "library.sqlite3")
    assert rendition.read_bytes() == b"RIFF....WEBP"


def test_a_restore_keeps_the_pictures_the_store_has(rendition, tmp_path):
    backup_media(tmp_path / "library.sqlite3")
    assert restore_media(tmp_path / "library.sqlite3") == 0
    assert [each.name for each in rendition.parent.iterdir()] == ["w480.webp"]


def test_a_crafted_archive_cannot_write_outside_the_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with tarfile.open(media_archive(tmp_path / "library.sqlite3"), "w") as tar:
        member = tarfile.TarInfo("../outside.txt")
        member.size = 2
        tar.addfile(member, io.BytesIO(b"no"))
    with pytest.raises(tarfile.OutsideDestinationError):
        restore_media(tmp_path / "library.sqlite3")
    assert not (tmp_path / "outside.txt").exists()


def test_no_archive_is_made_when_the_store_is_empty(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert backup_media(tmp_path / "library.sqlite3") is None
    assert not media_archive(tmp_path / "library.sqlite3").exists()
