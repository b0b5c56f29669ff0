"""Putting a picture into the library: the one path every upload takes (the admin's form,
tests, scripts), so each is checked and its renditions made the same way."""

from django.core.exceptions import ValidationError

from csx.media import renditions, store, uploads

UNREACHABLE_MESSAGE = (
    "The image store cannot be reached just now, so nothing was saved. Your text is kept "
    "below: try again in a minute."
)


def prepare(image, upload=None):
    """Fill `image`'s file fields from `upload` (a new picture) or, for a moved focal point,
    its stored original: the checks first, then the original and its renditions written to
    the store. ValidationError says what is wrong (the file, or a store out of reach); the
    row is the caller's to save."""
    try:
        if upload is not None:
            data, kind, (image.width, image.height) = uploads.checked(upload)
            image.original = renditions.content_name(data, uploads.FORMATS[kind])
            store.write(image.original, data)
        else:
            data = store.read(image.original)
        image.renditions = renditions.make(data, image.original, image.focal_x, image.focal_y)
    except store.StoreUnreachable:
        raise ValidationError(UNREACHABLE_MESSAGE, code="store_unreachable") from None
    except FileNotFoundError:
        raise ValidationError(
            "The stored original of this picture is missing: upload it again.", code="missing"
        ) from None
