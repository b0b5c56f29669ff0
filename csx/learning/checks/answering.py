"""A step's knowledge check: its questions, the form that answers them, the marking, and
what a learner's last answers showed them.

    questions_of(steps)          {step pk: [CheckQuestion]} for many steps, in one query
    CheckForm(questions, data)   one field per question: radio buttons or tick boxes
    answer(learner, step, form)  keep an Attempt per question, marked; tell `answered()`
    answered(learner, q, a)      the one place told of every answer
    last_answers(learner, qs)    {question pk: the learner's latest Attempt}
    feedback(question, attempt)  each choice with whether it was picked, right, and why
"""

from dataclasses import dataclass

import django.dispatch
from django import forms
from django.db import models, transaction

from csx.learning.checks.models import Attempt, CheckQuestion

# Sent by answered() with learner, question and attempt: for listeners outside this app.
check_answered = django.dispatch.Signal()
# The items that may hold questions of their own (a resource holds none).
ITEMS = ["story", "principle", "statistic"]


def questions_of(steps):
    """{step pk: [its check's questions]}: its item's own questions, then those the path
    asks at this step. One query, whatever the number of steps."""
    steps = list(steps)
    if not steps:
        return {}
    wanted = models.Q(step__in=[s.pk for s in steps])
    for name in ITEMS:
        ids = {getattr(s, f"{name}_id") for s in steps} - {None}
        if ids:
            wanted |= models.Q(**{f"{name}__in": ids})
    own, asked = {s.pk: [] for s in steps}, {s.pk: [] for s in steps}
    for question in CheckQuestion.objects.filter(wanted):
        if question.step_id:
            asked[question.step_id].append(question)
            continue
        for step in steps:
            if any(owns(question, step, name) for name in ITEMS):
                own[step.pk].append(question)
    return {pk: own[pk] + asked[pk] for pk in own}


def owns(question, step, name):
    value = getattr(question, f"{name}_id")
    return value is not None and value == getattr(step, f"{name}_id")


class CheckForm(forms.Form):
    """One field per question, named `q<pk>`; choices by their position."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            options = [(str(i), choice.text) for i, choice in enumerate(question.parsed)]
            if question.multiple:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            field.label = question.prompt
            field.help_text = "Tick every right answer." if question.multiple else ""
            field.error_messages["required"] = "Choose an answer to this question."
            self.fields[f"q{question.pk}"] = field

    def chosen(self, question):
        value = self.cleaned_data[f"q{question.pk}"]
        return sorted(int(i) for i in ([value] if isinstance(value, str) else value))

    def fields_with_questions(self):
        return [(self[f"q{q.pk}"], q) for q in self.questions]


def answer(learner, step, form):
    """Keep `learner`'s answers from a valid `form` as one Attempt per question, marked."""
    attempts = []
    with transaction.atomic():
        for question in form.questions:
            positions = form.chosen(question)
            choices = question.parsed
            attempt = Attempt.objects.create(
                learner=learner,
                question=question,
                step=step,
                chosen=[choices[i].text for i in positions],
                correct=question.marks(positions),
            )
            attempts.append(attempt)
        for attempt in attempts:
            transaction.on_commit(lambda a=attempt: answered(learner, a.question, a))
    return attempts


def all_answered(learner, questions):
    """Whether `learner` has answered each of `questions` at least once."""
    answered = Attempt.objects.filter(learner=learner, question__in=questions)
    return answered.values("question").distinct().count() == len(questions)


def answered(learner, question, attempt):
    """`learner` has just answered `question` (`attempt`: its step, the choices picked by
    their words, whether it was right). Called once per question answered, after the answer
    is committed. Whatever else should hear of an answer (an LTI grade, an xAPI statement)
    is called from here, or listens to `check_answered`."""
    check_answered.send(Attempt, learner=learner, question=question, attempt=attempt)


def last_answers(learner, questions):
    """{question pk: `learner`'s latest Attempt at it}, for the questions answered."""
    latest = {}
    for attempt in Attempt.objects.filter(learner=learner, question__in=questions):
        latest[attempt.question_id] = attempt  # ordered by time: the last one stays
    return latest


@dataclass
class Shown:
    text: str
    right: bool
    picked: bool
    why: str


def feedback(question, attempt):
    """Each of `question`'s choices as the learner's `attempt` left it."""
    picked = set(attempt.chosen)
    return [Shown(c.text, c.right, c.text in picked, c.why) for c in question.parsed]
