"""What an uploaded picture must be before the library keeps it.

Checked by content, never by its name or the type the browser claims: Pillow must decode the
whole file as one of the raster formats below. SVG is refused outright (it is a document that
can carry script, and no stripping is as safe as not serving it); so is anything Pillow cannot
decode, a file over settings.IMAGE_MAX_BYTES (CSX_IMAGE_MAX_MB), and an image over MAX_PIXELS
(a small file can decode to a huge bitmap: a "decompression bomb").
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

MAX_PIXELS = 40_000_000
MIN_SIDE = 200  # smaller than the narrowest rendition: it would only be blown up
# Pillow's format name → the extension the original is kept under.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def megabytes():
    return f"{settings.IMAGE_MAX_BYTES / 1_048_576:g}"


def looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def checked(upload):
    """(bytes, Pillow's format name, (width, height)) of an uploaded file, or a
    ValidationError that says what is wrong with it."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            f"The file is {upload.size / 1_048_576:.1f} MB; the library takes pictures up to "
            f"{megabytes()} MB. Export it smaller and upload it again.",
            code="too_big",
        )
    data = upload.read()
    if looks_like_svg(data[:2048]):
        raise ValidationError(
            "SVG files are not taken: they can carry script. Upload a PNG, JPEG or WebP "
            "export of the picture instead.",
            code="svg",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(io.BytesIO(data)) as picture:
                size, kind = picture.size, picture.format
                if size[0] * size[1] > MAX_PIXELS:
                    raise PillowImage.DecompressionBombError
                picture.load()  # decode it all: a truncated or forged file fails here
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise ValidationError(
            f"The picture is too large to work with (over {MAX_PIXELS // 1_000_000} million "
            "pixels). Scale it down and upload it again.",
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is not a picture the library can read. Upload a PNG, JPEG, WebP or GIF.",
            code="not_an_image",
        ) from None
    if kind not in FORMATS:
        raise ValidationError(
            f"{kind} pictures are not taken. Upload a PNG, JPEG, WebP or GIF.", code="format"
        )
    if min(size) < MIN_SIDE:
        raise ValidationError(
            f"The picture is {size[0]}×{size[1]} pixels; the library needs at least "
            f"{MIN_SIDE} pixels on each side.",
            code="too_small",
        )
    return data, kind, size
