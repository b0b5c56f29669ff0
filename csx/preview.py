"""Seeing a page before readers do: an editor's "preview as a reader", and a signed share
link that lets a reviewer without an account see a draft until the link expires.

The page is the item's own public page, drawn by its own view and templates, with its
pending change applied inside a transaction that is rolled back once the page is drawn:
what the preview shows is exactly what approving it would publish.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from csx import cache, history, registry, workflow
from csx.search import index as search_index

SHARE_FOR = timedelta(days=7)
SALT = "csx.preview.share"


@dataclass(frozen=True)
class Preview:
    """Set on the request while a preview is drawn: the one item shown whatever its state."""

    model: type
    pk: int
    shared_until: object = None  # when a share link expires; None for an editor's preview


def shows(request, model):
    """The previewed item's pk, if this request draws a preview of a `model` item."""
    preview = getattr(request, "preview", None)
    return preview.pk if preview is not None and preview.model is model else None


def render_as_reader(request, item, shared_until=None):
    request.preview = Preview(type(item), item.pk, shared_until)
    # What pages keep per content version (the resolved address, fragments, the walk) is
    # kept under a version of this request's own: a reader never gets the draft drawn here,
    # and the preview never gets what readers were told (404) or shown (the live text).
    request.content_version = cache.private_version()
    with transaction.atomic(), search_index.skipped():
        change = workflow.pending(item)
        if change is not None:
            item = history.apply(change.revision, type(item), item.pk).item
        response = draw(request, item)
        if hasattr(response, "render"):
            response.render()
        # Rolled back through atomic(), which also drops what was to run on commit (a new
        # content version): a bare savepoint would keep it, and each preview would empty
        # the page cache for everyone.
        transaction.set_rollback(True)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def draw(request, item):
    kind = registry.of(item)
    if not kind.own_page:  # items shown as entries on a list page get the plain page
        return render(request, "csx/content_detail.html", {"object": item})
    match = resolve(item.get_absolute_url())
    return match.func(request, *match.args, **match.kwargs)


def share_token(item):
    content_type = ContentType.objects.get_for_model(item)
    made = int(timezone.now().timestamp())
    return signing.dumps([content_type.pk, item.pk, made], salt=SALT)


def share_url(request, item):
    """A link anyone can open until it expires (SHARE_FOR from now)."""
    return request.build_absolute_uri(reverse("shared_preview", args=[share_token(item)]))


class SharedLinkExpired(Exception):
    pass


def shared_item(token):
    """(the item a share link shows, when the link expires). Raises SharedLinkExpired, or
    Http404 for a link we did not make or whose item has been deleted."""
    try:
        content_type_id, pk, made = signing.loads(token, salt=SALT, max_age=SHARE_FOR)
    except signing.SignatureExpired as error:
        raise SharedLinkExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Http404("This preview link is not one we made.") from error
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type is not None else None
    if model is None or registry.of(model) is None:
        raise Http404("This preview link is not one we made.")
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise Http404("The item this preview showed has been deleted.")
    return item, datetime.fromtimestamp(made, tz=UTC) + SHARE_FOR
