"""Knowledge-check questions for the learning tests (csx/learning/checks/)."""

from csx.learning.checks.models import CheckQuestion

RIGHT_FIRST = (
    "[x] Apologise first | It shows you heard them.\n"
    "[ ] Quote the policy | Policy first sounds like an excuse."
)


def question(owner=None, prompt="What comes first?", choices=RIGHT_FIRST, **fields):
    """A single-choice question on `owner` (a story, principle or statistic), or pass
    path= and step= for a path's own question about one of its steps."""
    if owner is not None:
        fields[owner._meta.model_name] = owner
    return CheckQuestion.objects.create(prompt=prompt, choices=choices, **fields)
