"""Where files live: the static files (whitenoise serves them) and the image library's
(csx/media/store.py): local disk by default; an S3-compatible bucket when CSX_S3_BUCKET is set,
so that several app servers share them."""

import os
from pathlib import Path

from csx.config.environment import BASE_DIR, DEBUG

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Names of the image library's files are derived from their content, so writing one again
# rewrites the same bytes (allow_overwrite).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
IMAGE_MAX_BYTES = int(os.environ.get("CSX_IMAGE_MAX_MB", "10")) * 1024 * 1024
S3_BUCKET = os.environ.get("CSX_S3_BUCKET", "")
MEDIA_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"allow_overwrite": True},
}
if S3_BUCKET:
    from botocore.config import Config

    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("CSX_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("CSX_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("CSX_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("CSX_S3_REGION") or None,
            "location": os.environ.get("CSX_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": False,
            # A store that is away must not hold an editor's upload (or a picture's request)
            # for long: one quick try, and the form says so (csx/media/library.py).
            "client_config": Config(
                connect_timeout=2, read_timeout=10, retries={"max_attempts": 1}
            ),
        },
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing, so that
        # `make run` needs no collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
