"""Renditions: what readers are sent instead of the original upload.

WebP at a few widths for a picture shown whole (a story's lead picture, a picture in a
body), and 3:2 crops about the editor's focal point for cards. Each is made once, when the
picture is uploaded (or its focal point moved), written to the store under a name derived from
the original's content and the crop, and listed on the Image row: a page reads that list and
never asks the store anything. EXIF orientation is applied; metadata (a camera's GPS position,
say) is not copied into a rendition, and the original itself is never served.
"""

import hashlib
import io

from PIL import Image as PillowImage
from PIL import ImageOps

from csx.media import store

WIDTHS = (480, 960, 1600)  # whole pictures: a phone, a column, a wide screen at 2x
CARD_WIDTHS = (400, 800)  # a card, at 1x and 2x
CARD_RATIO = 3 / 2
QUALITY = 80


def content_name(data, extension):
    digest = hashlib.sha256(data).hexdigest()[:20]
    return f"images/{digest}/original.{extension}"


def folder_of(original_name):
    return original_name.rsplit("/", 1)[0]


def crop_box(size, focal_x, focal_y, ratio=CARD_RATIO):
    """The largest box of `ratio` (width / height) inside `size`, centred on the focal point
    (fractions of the width and height) as far as the edges allow."""
    width, height = size
    box_w, box_h = (width, round(width / ratio)) if width / height <= ratio else (
        round(height * ratio), height)  # fmt: skip
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def scaled(picture, width):
    height = round(picture.height * width / picture.width)
    return picture.resize((width, height), PillowImage.Resampling.LANCZOS)


def webp(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=QUALITY, method=4)
    return buffer.getvalue()


def widths_for(available, wanted):
    """The wanted widths no wider than the picture, or its own width if all are wider."""
    return [w for w in wanted if w <= available] or [available]


def make(data, original_name, focal_x, focal_y):
    """Write the renditions of the picture `data` and return their list as kept on the row:
    {"whole": [[width, height, name], ...], "card": [...]}, narrowest first."""
    folder = folder_of(original_name)
    with PillowImage.open(io.BytesIO(data)) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGBA" if has_alpha(opened) else "RGB")
    made = {"whole": [], "card": []}
    for width in widths_for(picture.width, WIDTHS):
        rendition = scaled(picture, width)
        name = f"{folder}/w{width}.webp"
        store.write(name, webp(rendition))
        made["whole"].append([rendition.width, rendition.height, name])
    made["card"] = card_renditions(picture, folder, focal_x, focal_y)
    return made


def card_renditions(picture, folder, focal_x, focal_y):
    crop = picture.crop(crop_box(picture.size, focal_x, focal_y))
    at = f"{round(focal_x * 100)}-{round(focal_y * 100)}"
    made = []
    for width in widths_for(crop.width, CARD_WIDTHS):
        rendition = scaled(crop, width)
        name = f"{folder}/card-{at}-w{width}.webp"
        store.write(name, webp(rendition))
        made.append([rendition.width, rendition.height, name])
    return made


def has_alpha(picture):
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
