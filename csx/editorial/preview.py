"""Seeing a page before readers do: an editor's "preview as a reader", and share links
that let a reviewer without an account see an item until the link expires or is revoked.

The page is the item's own public page, drawn by its own view and templates, with a
revision applied inside a transaction that is rolled back once the page is drawn: for an
editor, the item's pending change (what approving it would publish); for a share link, the
revision the link was made for (ShareLink), so later drafts stay between the editors.

Links given out before share links were records (signed [type, id, time made] under
LEGACY_SALT, no record) keep working until their week is up: the first opening records
them (made by nobody known, pinned to the item's latest revision when the link was made,
as it showed then), so they are listed, and revoked, like any other.
"""

from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from csx.content import registry
from csx.editorial import history, workflow
from csx.models import ShareLink
from csx.public.previewed import Preview
from csx.serving import cache

SHARE_FOR = timedelta(days=7)
SALT = "csx.preview.share-link"  # unchanged when the module moved: links given out keep working
LEGACY_SALT = "csx.preview.share"


def render_as_reader(request, item, link=None):
    """`item`'s page as readers would get it: with its pending change, or as `link` (a
    ShareLink) pins it."""
    request.preview = Preview(type(item), item.pk, link.expires_at if link else None)
    # What pages keep per content version (the resolved address, fragments, the walk) is
    # kept under a version of this request's own: a reader never gets the draft drawn here,
    # and the preview never gets what readers were told (404) or shown (the live text).
    request.content_version = cache.private_version()
    with workflow.rolled_back():
        change = workflow.pending(item) if link is None else None
        revision = link.revision if link is not None else change and change.revision
        if revision is not None:
            item = history.apply(revision, type(item), item.pk).item
        response = draw(request, item)
        if hasattr(response, "render"):
            response.render()
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def draw(request, item):
    kind = registry.of(item)
    if not kind.own_page:  # items shown as entries on a list page get the plain page
        return render(request, "csx/content_detail.html", {"object": item})
    match = resolve(item.get_absolute_url())
    return match.func(request, *match.args, **match.kwargs)


def revision_to_share(item):
    """The revision a share link of `item` shows: its pending change, or the item as it
    stands now (kept as a revision first if it changed since its last one)."""
    change = workflow.pending(item)
    if change is not None:
        return change.revision
    latest = history.versions(item).first()
    updated = getattr(item, "updated", None)
    if latest is None or (updated and updated > latest.revision.date_created):
        history.keep_revision(item, "Shared as a preview.")
        latest = history.versions(item).first()
    return latest.revision


def make_link(item, user=None):
    return ShareLink.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        title=str(item),
        revision=revision_to_share(item),
        created_by=user if user is not None and user.is_authenticated else None,
        expires_at=timezone.now() + SHARE_FOR,
    )


def revoke(link, user):
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), user
        link.save(update_fields=["revoked_at", "revoked_by"])


def share_token(item, user=None):
    """A new share link of `item`, as the token in its address."""
    return token_of(make_link(item, user))


def token_of(link):
    return signing.dumps(link.pk, salt=SALT)


def share_url(request, link):
    return request.build_absolute_uri(reverse("shared_preview", args=[token_of(link)]))


class LinkClosed(Exception):
    """The link was ours but no longer opens: `link.revoked_at` says whether it was revoked."""

    def __init__(self, link):
        super().__init__(str(link))
        self.link = link


def shared(token):
    """(the item a share link shows, the link), noting the link's use. Raises LinkClosed
    when it expired or was revoked, Http404 for a link we did not make or whose item has
    been deleted."""
    link = link_of(token)
    if link is None:
        raise Http404("This preview link is not one we made.")
    if not link.working or link.revision is None:
        raise LinkClosed(link)
    model = link.content_type.model_class()
    item = model.objects.filter(pk=link.object_id).first() if model else None
    if item is None:
        raise Http404("The item this preview showed has been deleted.")
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return item, link


def link_of(token):
    links = ShareLink.objects.select_related("content_type", "revision")
    try:
        return links.filter(pk=signing.loads(token, salt=SALT)).first()
    except (signing.BadSignature, ValueError, TypeError):
        pass
    try:
        content_type, pk, made = signing.loads(token, salt=LEGACY_SALT)
        made = datetime.fromtimestamp(int(made), tz=UTC)
        content_type = ContentType.objects.get_for_id(int(content_type))
    except (signing.BadSignature, ValueError, TypeError, ContentType.DoesNotExist):
        return None
    model = content_type.model_class()
    item = model.objects.filter(pk=pk).first() if model else None
    if item is None:
        return None
    return legacy_link(item, content_type, made)


def legacy_link(item, content_type, made):
    """The record of a link made at `made` before links were records, made on its first
    use while it works (an expired one is answered as such, and not recorded)."""
    found = ShareLink.objects.filter(content_type=content_type, object_id=item.pk, created_at=made)
    if found.exists():
        return found.select_related("content_type", "revision").first()
    link = ShareLink(
        content_type=content_type,
        object_id=item.pk,
        title=str(item),
        created_at=made,
        expires_at=made + SHARE_FOR,
    )
    if link.working:
        # The old tokens kept whole seconds: a revision within that second was the one.
        then = made + timedelta(seconds=1)
        version = history.versions(item).filter(revision__date_created__lt=then).first()
        link.revision = version.revision if version else revision_to_share(item)
        link.save()
    return link
