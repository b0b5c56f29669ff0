"""The image library's files on local disk travel with a backup (csx/serving/backup.py): a
tar beside the database's file, put back by a restore. (The database's own backup and
restore: test_backup.py.)"""

from pathlib import Path

from csx.serving.backup import backup_media, media_archive, restore_media


def test_a_restore_brings_back_the_local_pictures_a_backup_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    rendition = Path(settings.MEDIA_ROOT) / "images/0123456789abcdef0123/w480.webp"
    rendition.parent.mkdir(parents=True)
    rendition.write_bytes(b"RIFF....WEBP")
    backup_media(tmp_path / "library.sqlite3")
    rendition.unlink()
    restore_media(tmp_path / "library.sqlite3")
    assert rendition.read_bytes() == b"RIFF....WEBP"


def test_no_archive_is_made_when_the_pictures_are_in_an_object_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "csx-media", "endpoint_url": "http://127.0.0.1:9"},
        },
    }
    assert backup_media(tmp_path / "library.sqlite3") is None
    assert not media_archive(tmp_path / "library.sqlite3").exists()
