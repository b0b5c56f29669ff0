"""Small factories: each makes one valid, published item unless told otherwise."""

from io import BytesIO
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from csx.media import library
from csx.models import Image, Source, Status
from csx.paths.models import Path, PathItem
from principles.models import Practice, Principle, Resource, Statistic
from stories.models import Company, Story

_serial = count(1)


def _content(prefix, **fields):
    n = next(_serial)
    fields.setdefault("title", f"{prefix} {n}")
    fields.setdefault("slug", f"{prefix.lower()}-{n}")
    fields.setdefault("summary", f"A short summary of {prefix.lower()} {n}.")
    fields.setdefault("status", Status.PUBLISHED)
    return fields


def _with_tags(item, tags):
    if tags:
        item.tags.set(tags)
    return item


def make_source(**fields):
    n = next(_serial)
    fields.setdefault("title", f"Source article {n}")
    fields.setdefault("slug", f"source-{n}")
    return Source.objects.create(**fields)


def make_company(tags=(), **fields):
    return _with_tags(Company.objects.create(**_content("Company", **fields)), tags)


def make_principle(tags=(), **fields):
    fields.setdefault("definition", "A one-line definition.")
    return _with_tags(Principle.objects.create(**_content("Principle", **fields)), tags)


def make_practice(principle, **fields):
    n = next(_serial)
    fields.setdefault("title", f"Practice {n}")
    fields.setdefault("slug", f"practice-{n}")
    fields.setdefault("description", "Do the thing well.")
    return Practice.objects.create(principle=principle, **fields)


def make_story(principles=(), sources=(), tags=(), **fields):
    fields.setdefault("outcome", Story.Outcome.EXEMPLARY)
    fields.setdefault("takeaway", "Listen first.")
    fields.setdefault("body", "What happened, in a sentence.")
    if not sources and fields.get("kind", Story.Kind.ANECDOTE) == Story.Kind.ANECDOTE:
        # Ready to publish as it stands: a story that names no source is a customer review.
        fields.setdefault("provenance", Story.Provenance.REVIEW)
    story = _with_tags(Story.objects.create(**_content("Story", **fields)), tags)
    story.principles.set(principles)
    story.sources.set(sources)
    return story


def make_statistic(principles=(), tags=(), **fields):
    fields.setdefault("figure", "50%")
    fields.setdefault("claim", "of customers say something")
    fields.setdefault("attributed_to", "A study")
    if "cited_in" not in fields:
        fields["cited_in"] = make_source()
    statistic = _with_tags(Statistic.objects.create(**_content("Statistic", **fields)), tags)
    statistic.principles.set(principles)
    return statistic


def make_checked_statistic(**fields):
    """A statistic an editor has checked against its primary source (which has a URL)."""
    fields.setdefault("quoted_wording", "Half of customers say something.")
    fields.setdefault(
        "primary_source",
        make_source(kind="primary", title="The study itself", url="https://example.org/study"),
    )
    statistic = make_statistic(**fields)
    statistic.record_check("checked", "The study's table 1.", "The figure is there, as quoted.")
    return statistic


def make_resource(principles=(), tags=(), **fields):
    fields.setdefault("kind", Resource.Kind.BOOK)
    resource = _with_tags(Resource.objects.create(**_content("Resource", **fields)), tags)
    resource.principles.set(principles)
    return resource


def make_path(targets=(), **fields):
    """A published path whose items point at `targets`, in that order."""
    fields.setdefault("title", "First week on the desk")
    fields.setdefault("slug", "first-week")
    fields.setdefault("summary", "What a new agent reads in week one.")
    fields.setdefault("status", "published")
    path = Path.objects.create(**fields)
    for order, target in enumerate(targets, start=1):
        add_item(path, target, order=order)
    return path


def add_item(path, target, **fields):
    return PathItem.objects.create(path=path, **{target._meta.model_name: target}, **fields)


def picture_file(size=(600, 400), kind="JPEG", name=None, color=(40, 110, 160)):
    """An uploaded picture as a browser sends it: a real file Pillow made, in `kind`."""
    buffer = BytesIO()
    PillowImage.new("RGB", size, color).save(buffer, kind)
    extension = {"JPEG": "jpg"}.get(kind, kind.lower())
    return SimpleUploadedFile(name or f"picture.{extension}", buffer.getvalue())


def make_image(upload=None, **fields):
    """A picture in the library, its renditions written to the store (csx/media/library.py)."""
    number = next(_serial)
    fields.setdefault("title", f"Picture {number}")
    fields.setdefault("slug", f"picture-{number}")
    fields.setdefault("alt", f"A test card in blue, number {number}")
    image = Image(**fields)
    library.prepare(image, upload or picture_file(color=(number % 250, 110, 160)))
    image.save()
    return image
