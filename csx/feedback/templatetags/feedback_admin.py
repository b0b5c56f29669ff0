from django import template

from csx.feedback import dashboard

register = template.Library()


@register.inclusion_tag("admin/feedback/panels.html")
def feedback_panels():
    """{% feedback_panels %}: what readers sent, as the editors' dashboard shows it."""
    return {
        "waiting": dashboard.waiting_submissions(),
        "tasks": dashboard.open_verification_tasks(),
        "items": dashboard.feedback_by_item(),
        "days": dashboard.DAYS,
    }
