from django import template
from django.utils import timezone
from django.utils.html import format_html_join

from csx.content import registry
from csx.content.admin_links import admin_url
from csx.content.citations import cite
from csx.content.markdown import render_inline, render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def markdown_inline(text):
    return render_inline(text)


@register.simple_tag(takes_context=True)
def citation(context, item):
    """The page's citation, with its canonical address and today's date."""
    url = context["request"].build_absolute_uri(item.get_absolute_url())
    return cite(item, url, timezone.localdate())


@register.simple_tag(takes_context=True)
def absolute(context, path):
    """The full address of `path` on this site. Joined rather than built by
    build_absolute_uri(), which would read a path such as //elsewhere/x as another host."""
    request = context["request"]
    return f"{request.scheme}://{request.get_host()}{path}"


@register.filter
def verbose_name(item):
    return item._meta.verbose_name


@register.simple_tag(takes_context=True)
def embed_code(context, item):
    """The iframe code that puts `item`'s card in a course page, or None."""
    from csx.public.views.embeds import embed_snippet

    snippet = embed_snippet(context["request"], item)
    return snippet[0] if snippet else None


@register.simple_tag(takes_context=True)
def card(context, item):
    """`item` drawn by its type's card include, which knows it by its type's name."""
    template = context.template.engine.get_template(registry.of(item).card)
    with context.push(**{registry.of(item).name: item}):
        return template.render(context)


@register.simple_tag
def admin_change_url(item):
    """Where an editor changes `item` in the admin."""
    return admin_url(item)


@register.inclusion_tag("includes/picture.html")
def picture(image, kind="whole", sizes="100vw", eager=False):
    """An <img> of a library picture's renditions (csx/media), or nothing without any."""
    return {"image": image, "picture": image.picture(kind) if image else None, "sizes": sizes,
            "eager": eager}  # fmt: skip


@register.simple_tag
def tag_cloud(tags):
    """The tag list's links, each with its count (tags_in_use()): 2,000 of them drawn through
    the template language took 50 ms of the page, as one string 5."""
    line = '<li><a class="tag" href="{}">{} <span class="count">{}</span></a></li>'
    return format_html_join("", line, ((tag.url, tag.name, tag.item_count) for tag in tags))
