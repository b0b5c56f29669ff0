from django import template

from csx.feedback import panel

register = template.Library()


@register.inclusion_tag(panel.TEMPLATE, takes_context=True)
def helpful_panel(context, item):
    """{% helpful_panel story %}: asks "Was this helpful?" (no query, no cookie)."""
    request = context.get("request")
    if getattr(request, "preview", None) is not None:  # nothing to vote on until published
        return panel.context(item, "preview")
    return panel.from_address(item, request.GET.get("feedback") if request else None)
