"""Links that never break: the one module for every promise a given-out address makes.

- A renamed item answers 301 at its new address (SlugHistory remembers old slugs).
- A published item that is unpublished or deleted answers 410 Gone with what it was, or 301
  to the replacement an editor chose (Withdrawal).
- A short link, /s/<letter><id in base 36>/, in any case (people retype them from slides),
  follows an item through every rename (301).
- A slug in the other spelling (British or American: /principles/personalisation/ for
  `personalization`) answers 301 at the item.
- A renamed or merged tag's address answers 301 at the tag it went into; a deleted one's 410.

`resolve()`, `resolve_short()` and `resolve_reference()` answer "what does this address lead
to now?" for every detail page, handout, embed, path step, oEmbed, Markdown link and the seed
loader; `track()` is the bookkeeping every save and delete of a content item does.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.urls import Resolver404
from django.urls import resolve as resolve_url
from django.utils import timezone
from django.utils.http import base36_to_int, int_to_base36, url_has_allowed_host_and_scheme

from csx.content import registry


class SlugHistory(models.Model):
    """A slug an item used to have, so that links given out before a rename keep working."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "csx"
        verbose_name_plural = "slug history"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_old_slug")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.slug} → #{self.object_id}"

    @classmethod
    def remember(cls, item, old_slug):
        content_type = ContentType.objects.get_for_model(item)
        # The new slug is live again, so an older record of it must not shadow the item.
        cls.objects.filter(content_type=content_type, slug=item.slug).delete()
        cls.objects.update_or_create(
            content_type=content_type, slug=old_slug, defaults={"object_id": item.pk}
        )

    @classmethod
    def object_id_for(cls, model, slug):
        """The id of the `model` item that once had `slug`, or None."""
        content_type = ContentType.objects.get_for_model(model)
        old = cls.objects.filter(content_type=content_type, slug=slug)
        return old.values_list("object_id", flat=True).first()


def is_same_site_path(value):
    """Whether a browser sent to `value` stays on this site: a path starting with one "/",
    however a host might hide in it (`//host`, `/\\host`, percent-encoded, or behind
    whitespace and control characters that browsers drop)."""
    return all(
        candidate.startswith("/")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None)
        and not any(char.isspace() or unicodedata.category(char)[0] == "C" for char in candidate)
        for candidate in (value, unquote(value))
    )


def validate_replacement(value):
    if not is_same_site_path(value):
        raise ValidationError(
            "Give a path on this site, such as /stories/another-story/: it starts with a "
            "single / and names no other site."
        )


def live_page_at(path):
    """Whether readers get a page at the site path `path` now: an address the site answers,
    and, when it is an item's own page, an item that is live there (not a draft, an old
    slug or another withdrawal), so a replacement is never a permanent 301 to a 404."""
    try:
        match = resolve_url(unquote(urlsplit(path).path))
    except Resolver404:
        return False
    kind = registry.by_detail_url(match.view_name)
    if kind is None:
        return True
    return kind.model.objects.published().filter(slug=match.kwargs.get("slug")).exists()


class Withdrawal(models.Model):
    """A published item that was unpublished or deleted, as readers last saw it.

    Its old links answer 410 Gone with a page that says what it was, when it went and where
    to look instead; an editor who sets a replacement turns them into a 301 to it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(
        max_length=300, blank=True, help_text="Shown to readers: why it went, if you like."
    )
    replacement = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_replacement],
        help_text="A path on this site where its old links should lead instead, e.g. "
        "/stories/another-story/. Leave blank to answer “410 Gone”.",
    )

    class Meta:
        app_label = "csx"
        ordering = ["-withdrawn_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_withdrawal_per_item"
            )
        ]

    def __str__(self):
        return f"{self.title} (withdrawn {self.withdrawn_at:%Y-%m-%d})"

    def clean(self):
        # A path off the site is the field validator's to refuse.
        off_site = not is_same_site_path(self.replacement)
        if self.replacement and not off_site and not live_page_at(self.replacement):
            raise ValidationError(
                {"replacement": "No page is live at this path: give the address of a "
                 "published page, such as /stories/another-story/."}
            )  # fmt: skip

    @classmethod
    def record(cls, item):
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            defaults={
                "slug": item.slug,
                "title": item.title,
                "summary": item.summary,
                "withdrawn_at": timezone.now(),
            },
        )

    @classmethod
    def restore(cls, item):
        cls.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        ).delete()

    @property
    def kind(self):
        return self.content_type.model_class()._meta.verbose_name


# Bookkeeping: what every save and delete of a content item leaves behind.


def track(item, before):
    """After `item` was saved; `before` is its {"slug", "status", "published_at"} as stored
    before, if any."""
    track_rename(item, before and before["slug"])
    # Links given out while it was public must keep saying what happened to it. Only a
    # status change withdraws: an approved item re-dated to the future is scheduled (404
    # until then, like any page not out yet), and one past its "take down at" time is
    # answered as withdrawn by resolve() without any save.
    if item.is_published:
        Withdrawal.restore(item)
    elif before and item.status != "published" and was_public(before):
        Withdrawal.record(item)


def track_rename(item, old_slug):
    """After `item` was saved; `old_slug` is the slug it was stored under before, if any."""
    if old_slug and old_slug != item.slug:
        SlugHistory.remember(item, old_slug)


def was_public(stored):
    went_live = stored["published_at"]
    return stored["status"] == "published" and went_live is not None and went_live <= timezone.now()


def note_public(sender, instance, **kwargs):
    """pre_delete of a source: whether readers see it, asked while its citations stand."""
    instance.was_public = instance.is_published


def record_deletion(sender, instance, **kwargs):
    """post_delete: a deleted item that readers have seen leaves a withdrawal behind."""
    if instance.was_public:
        Withdrawal.record(instance)


# Short codes: a letter for the type, then the item's id in base 36, e.g. "s1k".


def short_code(item):
    kind = registry.of(item)
    if kind is None or kind.short_letter is None or item.pk is None:
        return None
    return kind.short_letter + int_to_base36(item.pk)


def parse_short_code(code):
    """(model, id) for a well-formed code in any case ("S1K" is "s1k"), or None."""
    code = code.lower()
    kind = registry.BY_SHORT_LETTER.get(code[:1])
    try:
        pk = base36_to_int(code[1:])
    except ValueError:  # not base 36, or longer than any database id
        return None
    if kind is None or not 0 < pk < 2**63:
        return None
    return kind.model, pk


# The resolver.


@dataclass(frozen=True)
class Resolution:
    """What an address leads to now: the item itself, the item under a newer address
    (`moved`), a redirect an editor chose (`replacement`), or a withdrawal (410)."""

    item: models.Model | None = None
    moved: bool = False
    replacement: str = ""
    withdrawal: Withdrawal | None = None

    @property
    def found(self):
        """The item is here, at this very address."""
        return self.item is not None and not self.moved


def withdrawn(withdrawal):
    if withdrawal is None:
        return None
    # Checked again here: a value stored before the rule, or written around the admin, must
    # never send a reader to another site.
    if is_same_site_path(withdrawal.replacement):
        return Resolution(replacement=withdrawal.replacement)
    return Resolution(withdrawal=withdrawal)


def resolve(queryset, slug):
    """Where the `queryset.model` page at `slug` leads, or None if no such page ever was.

    The item in `queryset` with that slug, or the one that had it before a rename; failing
    both, its withdrawal; failing that, what the slug spelt the other way (British or
    American) leads to, as moved. `queryset` says what the asker may see (published, or
    drafts too).
    """
    return resolve_as_spelt(queryset, slug) or resolve_respelt(queryset, slug)


def resolve_respelt(queryset, slug):
    """What `slug` in another spelling leads to ("personalisation" → "personalization"),
    always as moved, so the reader lands on the address the item has; or None."""
    # Search's rule for spellings, one for the whole site; imported here, as csx.search's
    # package imports what imports this module.
    from csx.search.words import respellings

    for words in respellings(tuple(slug.split("-"))):
        resolution = resolve_as_spelt(queryset, "-".join(words))
        if resolution is not None:
            return replace(resolution, moved=True) if resolution.item else resolution
    return None


def resolve_as_spelt(queryset, slug):
    """resolve() for `slug` exactly as written."""
    item = queryset.filter(slug=slug).first()
    if item is not None:
        return Resolution(item=item)
    model = queryset.model
    object_id = SlugHistory.object_id_for(model, slug)
    if object_id:
        item = queryset.filter(pk=object_id).first()
        if item is not None:
            return Resolution(item=item, moved=True)
    same = Q(slug=slug) | Q(object_id=object_id) if object_id else Q(slug=slug)
    content_type = ContentType.objects.get_for_model(model)
    withdrawal = Withdrawal.objects.filter(same, content_type=content_type).first()
    if withdrawal is None:
        expired = Q(slug=slug) | Q(pk=object_id) if object_id else Q(slug=slug)
        withdrawal = taken_down(model.objects.expired().filter(expired).first())
    return withdrawn(withdrawal)


def taken_down(item):
    """The withdrawal an item past its "take down at" time stands for (not saved: the time
    alone takes it down), or None."""
    if item is None:
        return None
    return Withdrawal(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        slug=item.slug,
        title=item.title,
        summary=item.summary,
        withdrawn_at=item.take_down_at,
    )


def resolve_tag(slug):
    """Where the address of a tag renamed, merged or deleted leads (csx/editorial/
    tag_changes.py): the tag it went into (`moved`), or gone; None if no tag with a page
    (on a live item) had it."""
    retired = apps.get_model("csx", "RetiredTag").objects.filter(slug=slug, public=True)
    retired = retired.select_related("change__into").first()
    if retired is None:
        return None
    if retired.change.into is not None:
        return Resolution(item=retired.change.into, moved=True)
    gone = {"title": retired.name, "kind": "tag", "summary": "", "withdrawn_at": None}
    return Resolution(withdrawal=gone)


def resolve_short(code):
    """What the short link `code` leads to (its item is always `moved`), or None."""
    parsed = parse_short_code(code)
    if parsed is None:
        return None
    model, pk = parsed
    item = model.objects.published().filter(pk=pk).first()
    if item is not None:
        return Resolution(item=item, moved=True)
    content_type = ContentType.objects.get_for_model(model)
    withdrawal = Withdrawal.objects.filter(content_type=content_type, object_id=pk).first()
    return withdrawn(withdrawal or taken_down(model.objects.expired().filter(pk=pk).first()))


# Stable references: how Markdown links to another item, `[the giraffe](story:<slug>)`.


def reference_models():
    """{prefix: model}: each registry type by its name, and sources (which the registry does
    not hold, having no drafts) as `source:`."""
    return {kind.name: kind.model for kind in registry.TYPES} | {
        "source": apps.get_model("csx", "Source")
    }


def resolve_reference(prefix, slug):
    """The published item `prefix:slug` stands for now, following renames; None when it is
    unknown, withdrawn (whatever replaces it) or not published."""
    model = reference_models().get(prefix)
    if model is None:
        return None
    resolution = resolve(model.objects.published(), slug)
    return resolution.item if resolution else None


def reference_addresses(references):
    """{(prefix, slug): the address of what resolve_reference() finds, or None} for many
    references at once: one query across every type for the slugs that are current (an
    address needs only the slug), the resolver for the rest."""
    slugs = defaultdict(set)
    for prefix, slug in references:
        slugs[prefix].add(slug)
    models = reference_models()
    arms = [
        models[prefix]
        .objects.published()
        .filter(slug__in=wanted)
        .annotate(prefix=Value(prefix))
        .values_list("slug", "prefix")
        .order_by()
        for prefix, wanted in slugs.items()
    ]
    current = set(arms[0].union(*arms[1:])) if arms else set()
    found = {}
    for prefix, wanted in slugs.items():
        for slug in wanted:
            item = models[prefix](slug=slug) if (slug, prefix) in current else None
            item = item or resolve_reference(prefix, slug)
            found[prefix, slug] = item.get_absolute_url() if item else None
    return found
