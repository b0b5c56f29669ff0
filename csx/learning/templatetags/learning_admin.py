from django import template

from csx.learning import progress

register = template.Library()


@register.inclusion_tag("admin/learning/totals.html")
def training_totals():
    """{% training_totals %}: training in numbers, as the editors' dashboard shows it."""
    return {"totals": progress.totals()}
