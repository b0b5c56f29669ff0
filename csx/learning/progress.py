"""A learner's progress: each assigned path as a Course, with the steps done, what comes
next ("continue where you left off") and when it is due.

A step is done when the learner marked it done and has answered its knowledge check, if it
has one (csx/learning/checks/): `complete()`. A check answered wrongly still counts: the
learner has seen why.

The moment a learner's last step is done (marked done, or its check answered) is announced
once, by `path_finished`: an LTI grade and an xAPI statement hang on it.

A whole "My learning" page costs the same few queries however many paths it lists: the
assignments, every step of those paths, their checks' questions, the questions answered and
the steps marked done.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from csx.learning.checks.answering import questions_of
from csx.learning.models import Assignment, Attempt, Cohort, StepDone, walkable_paths
from csx.paths.models import Path, PathItem

# Sent with learner and path, once the change that did a path's last step is committed.
path_finished = Signal()


@dataclass
class Course:
    path: Path
    due: date | None
    steps: list = field(default_factory=list)  # the path's published items, in order
    done: set = field(default_factory=set)  # the ids of the steps done (complete())
    marked: set = field(default_factory=set)  # the ids of the steps the learner marked done
    checks: dict = field(default_factory=dict)  # {step id: [its check's questions]}
    answered: set = field(default_factory=set)  # the ids of the questions answered

    def check_answered(self, step):
        """Whether `step` has no check, or the learner answered every question of it."""
        return all(question.pk in self.answered for question in self.checks.get(step.pk, ()))

    @property
    def count(self):
        return len(self.steps)

    @property
    def done_count(self):
        return sum(1 for step in self.steps if step.pk in self.done)

    @property
    def finished(self):
        return self.count > 0 and self.done_count == self.count

    @property
    def started(self):
        return self.done_count > 0

    @property
    def overdue(self):
        return self.due is not None and not self.finished and self.due < timezone.localdate()

    @property
    def next_step(self):
        """Where the learner left off: the first step not yet done (None once all are)."""
        return next((step for step in self.steps if step.pk not in self.done), None)

    @property
    def next_position(self):
        step = self.next_step
        return None if step is None else self.position(step)

    def position(self, step):
        """`step`'s place among the steps (1, 2, ...)."""
        return self.steps.index(step) + 1


def courses(user, paths=None):
    """The published paths `user`'s cohorts were assigned (or those of them in `paths`), each
    once with its earliest due date: those due soonest first, undated last."""
    assigned = Assignment.objects.for_learner(user).filter(path__in=walkable_paths())
    if paths is not None:
        assigned = assigned.filter(path__in=paths)
    found = {}
    for assignment in assigned.select_related("path").order_by("due", "path__title"):
        course = found.setdefault(assignment.path_id, Course(assignment.path, assignment.due))
        if assignment.due and (course.due is None or assignment.due < course.due):
            course.due = assignment.due
    items = PathItem.objects.published().filter(path__in=list(found)).with_targets()
    for item in items:
        found[item.path_id].steps.append(item)
    checks = questions_of(items)
    answered = set(
        Attempt.objects.filter(learner=user, question__in=asked(checks)).values_list(
            "question_id", flat=True
        )
    )
    marked = set(
        StepDone.objects.filter(learner=user, item__in=items).values_list("item_id", flat=True)
    )
    done = complete(marked, checks, answered)
    for course in found.values():
        course.done, course.marked, course.checks = done, marked, checks
        course.answered = answered
    undated = date.max
    return sorted(found.values(), key=lambda c: (c.due or undated, c.path.title))


def course(user, slug):
    """The assigned path at `slug` as `user`'s Course, or None if it is not theirs."""
    found = courses(user, Path.objects.filter(slug=slug))
    return found[0] if found else None


def asked(checks):
    return {question.pk for questions in checks.values() for question in questions}


def complete(marked, checks, answered):
    """The steps done: marked done, with every question of their check answered."""
    return {pk for pk in marked if all(q.pk in answered for q in checks.get(pk, ()))}


def mark(user, item, done):
    """Mark `item` done for `user`, or not done; safe to repeat."""
    if done:
        if StepDone.objects.get_or_create(learner=user, item=item)[1]:
            progressed(user, item)
    else:
        StepDone.objects.filter(learner=user, item=item).delete()


def finished(user, path):
    """Whether `user` has done every step of `path` readers see (complete())."""
    steps = list(PathItem.objects.published().filter(path=path))
    checks = questions_of(steps)
    answered = Attempt.objects.filter(learner=user, question__in=asked(checks))
    marked = StepDone.objects.filter(learner=user, item__in=steps)
    done = complete(
        set(marked.values_list("item_id", flat=True)),
        checks,
        set(answered.values_list("question_id", flat=True)),
    )
    return bool(steps) and len(done) == len(steps)


def progressed(user, step):
    """`step` (a PathItem) has just become done for `user`, unless its check waits: if that
    was their path's last step, announce it once committed."""
    if finished(user, step.path):
        transaction.on_commit(
            lambda: path_finished.send(Path, learner=user, path=step.path), robust=True
        )


@dataclass
class Row:
    learner: object
    courses: list  # a Course per assignment of the cohort, in the assignments' order


def cohort_table(cohort):
    """(the cohort's assignments, a Row per learner): each learner's Course of each assigned
    path, with the assignment's own due date. A fixed number of queries for any cohort."""
    assignments = list(cohort.assignments.filter(path__in=walkable_paths()).select_related("path"))
    steps = {a.path_id: [] for a in assignments}
    items = PathItem.objects.published().filter(path__in=list(steps)).with_targets()
    for item in items:
        steps[item.path_id].append(item)
    learners = list(cohort.learners.order_by("first_name", "username"))
    checks = questions_of(items)
    marked = {learner.pk: set() for learner in learners}
    pairs = StepDone.objects.filter(learner__in=learners, item__in=items)
    for learner_id, item_id in pairs.values_list("learner_id", "item_id"):
        marked[learner_id].add(item_id)
    answered = {learner.pk: set() for learner in learners}
    attempts = Attempt.objects.filter(learner__in=learners, question__in=asked(checks)).order_by()
    for learner_id, question_id in attempts.values_list("learner_id", "question_id").distinct():
        answered[learner_id].add(question_id)
    done = {pk: complete(marked[pk], checks, answered[pk]) for pk in marked}

    def course(learner, assignment):
        a, pk = assignment, learner.pk
        return Course(a.path, a.due, steps[a.path_id], done[pk], marked[pk], checks, answered[pk])

    rows = [Row(learner, [course(learner, a) for a in assignments]) for learner in learners]
    return assignments, rows


def totals():
    """How training goes, in numbers only: what editors see of it (the admin's dashboard).
    No name, address or person's progress: those are for the learner and their trainer."""
    return {
        "cohorts": Cohort.objects.count(),
        "learners": Cohort.learners.through.objects.values("user").distinct().count(),
        "paths assigned": Assignment.objects.values("path").distinct().count(),
        "steps done": StepDone.objects.count(),
    }
