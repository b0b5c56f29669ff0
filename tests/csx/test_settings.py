"""Settings read from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

# Each test starts Django in a process of its own, without the DATABASE_URL the suite runs on.
pytestmark = pytest.mark.own_site

SETUP = "import django; django.setup(); from django.conf import settings"
BOOT = f"{SETUP}; print(settings.DEBUG)"


def boot(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="csx.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", BOOT],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = boot()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_secret_key_starts_with_debug_off():
    result = boot(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_is_only_on_when_asked_for():
    result = boot(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_database_url_selects_postgresql():
    script = (
        "import django; django.setup(); from django.db import connection; print(connection.vendor)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "csx.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/csx",
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.stdout.strip() == "postgresql", result.stderr


def test_production_static_files_are_hashed_and_compressed():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "csx.settings", "DJANGO_SECRET_KEY": "k" * 50},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("env", [{}, {"DJANGO_HSTS_PRELOAD": "1"}], ids=["default", "preload"])
def test_check_deploy_is_clean_in_production(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "q7" * 20,
            "DJANGO_ALLOWED_HOSTS": "csx.example",
            **env,
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def setting(name, **env):
    """The value of setting `name` in production with these environment variables."""
    script = f"{SETUP}; print(repr(settings.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "csx.settings",
            "DJANGO_SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_preload_only_when_asked_for():
    assert setting("SECURE_HSTS_PRELOAD") == "False"
    assert setting("SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1") == "True"


def test_the_proxys_scheme_header_is_trusted_only_behind_the_proxy():
    assert setting("SECURE_PROXY_SSL_HEADER") == "None"
    behind = setting("SECURE_PROXY_SSL_HEADER", DJANGO_BEHIND_PROXY="1")
    assert behind == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_redis_url_selects_the_shared_redis_cache():
    caches = setting("CACHES", REDIS_URL="redis://127.0.0.1:6379/12")
    assert "csx.serving.cache_backend.SharedClientRedisCache" in caches
    assert "content_version" not in caches


def test_without_redis_pages_stay_in_local_memory_and_the_version_in_a_shared_folder():
    caches = setting("CACHES")
    assert "django.core.cache.backends.locmem.LocMemCache" in caches
    assert "django.core.cache.backends.filebased.FileBasedCache" in caches


def test_the_page_cache_is_on_in_production_unless_turned_off():
    assert setting("PAGE_CACHE") == "True"
    assert setting("PAGE_CACHE", DJANGO_PAGE_CACHE="0") == "False"


def test_while_developing_pages_are_drawn_afresh():
    assert setting("PAGE_CACHE", DJANGO_DEBUG="1") == "False"
    assert "DummyCache" in setting("CACHES['rendered']['BACKEND']", DJANGO_DEBUG="1")


def test_a_sqlite_database_file_keeps_a_write_ahead_log_so_counting_searches_blocks_no_reader(
    tmp_path,
):
    pragmas = (
        f"{SETUP}; from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA synchronous').fetchone()[0])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="csx.settings",
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'library.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", pragmas],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.stdout.split() == ["wal", "1"], result.stderr  # 1: NORMAL
