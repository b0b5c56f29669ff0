"""The "Was this helpful?" panel, in each of its states: asking, asking for more (after
an answer, with the reader's ticket), thanked, or saying to wait. The page draws it
(templatetags/feedback.py) and the views send it to the script, from the same template."""

from django.template.loader import render_to_string

from csx.content import registry
from csx.feedback import tokens
from csx.feedback.models import reasons_for

TEMPLATE = "feedback/helpful.html"
THANKED = "thanks"  # ?feedback=thanks: the page after the last step


def context(item, state="ask", ticket=None, helpful=None, **extra):
    return {
        "item": item,
        "kind": registry.of(item).name,
        "state": state,
        "ticket": ticket,
        "helpful": helpful,
        "reasons": reasons_for(item),
        **extra,
    }


def from_address(item, value):
    """The panel for a page whose address carries ?feedback=<value>."""
    if value == THANKED:
        return context(item, "thanked")
    answered = tokens.read_ticket(value)
    if answered is not None:
        return context(item, "more", ticket=value, helpful=answered[1])
    return context(item)


def render(item, **kwargs):
    return render_to_string(TEMPLATE, context(item, **kwargs))
