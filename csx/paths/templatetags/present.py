from django import template

from csx.paths import slides

register = template.Library()


@register.simple_tag
def story_parts(story):
    """The story cut for present mode: setup, outcome (revealed on a key press), the rest."""
    return slides.story_parts(story)
