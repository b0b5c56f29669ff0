"""Open Graph preview pictures (csx/public/social_images.py), one per published item and one for
the site, served from our own host."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from csx.content import registry
from csx.public import social_images

SEGMENTS = {kind.segment: kind for kind in registry.TYPES if kind.own_page}


def picture(card):
    """(etag, png) of `card`, drawn once per fingerprint and kept in the cache."""
    etag = social_images.fingerprint(card)
    key = f"og-image:{etag}"
    png = cache.get(key)
    if png is None:
        png = social_images.draw(card)
        cache.set(key, png, timeout=None)
    return etag, png


def answer(request, card):
    etag, png = picture(card)
    quoted = f'"{etag}"'
    if request.headers.get("If-None-Match") == quoted:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = quoted
    return response


@require_safe
@cache_control(public=True, max_age=86400)
def item_image(request, segment, slug):
    """The preview of a published item; drafts and unknown addresses are 404, so a preview
    never shows what readers cannot see."""
    kind = SEGMENTS.get(segment)
    item = kind and kind.model.objects.published().filter(slug=slug).first()
    if item is None:
        raise Http404("No published item has this preview.")
    return answer(request, social_images.card_of(item, kind.model._meta.verbose_name.title()))


@require_safe
@cache_control(public=True, max_age=86400)
def site_image(request):
    return answer(request, social_images.SITE_CARD)
