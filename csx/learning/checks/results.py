"""A cohort's results per question: how many answered, how many were right at their first
attempt, and which question most people miss. One query for any cohort."""

from dataclasses import dataclass, field

from csx.learning.checks.models import Attempt


@dataclass
class Result:
    step: object  # the path step it is asked at
    position: int  # that step's place in the path
    question: object
    answered: int = 0  # learners who answered it
    right_first: int = 0  # of them, right at their first attempt
    firsts: dict = field(default_factory=dict)  # {learner id: first attempt right?}

    @property
    def missed(self):
        return self.answered - self.right_first


def results(learners, steps, checks):
    """[Result] for each question of `steps`' checks ({step pk: [questions]}), in the path's
    order, from the first attempt of each of `learners`."""
    found = [
        Result(step, position, question)
        for position, step in enumerate(steps, start=1)
        for question in checks.get(step.pk, ())
    ]
    by_question = {}
    for result in found:
        by_question.setdefault(result.question.pk, []).append(result)
    firsts = Attempt.objects.firsts().filter(learner__in=learners, question__in=list(by_question))
    for learner_id, question_id, correct in firsts.values_list(
        "learner_id", "question_id", "correct"
    ):
        for result in by_question[question_id]:
            result.answered += 1
            result.right_first += correct
            result.firsts[learner_id] = correct
    return found


def most_missed(found):
    """The question most learners got wrong at their first attempt (the first such in the
    path), or None when no one missed any."""
    missed = [r for r in found if r.missed]
    return max(missed, key=lambda r: r.missed) if missed else None


def score(learner, path):
    """(how many of `path`'s check questions `learner` answered right at their latest
    attempt, how many questions its steps ask): the grade an LMS gets for the path."""
    from csx.learning.checks.answering import last_answers, questions_of
    from csx.paths.models import PathItem

    checks = questions_of(PathItem.objects.published().filter(path=path))
    questions = [question for asked in checks.values() for question in asked]
    latest = last_answers(learner, questions)
    return sum(1 for q in questions if q.pk in latest and latest[q.pk].correct), len(questions)
