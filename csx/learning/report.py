"""The trainer's view of one path assigned to a cohort (issue 21 item 6): each learner's
standing (done, overdue, behind, on track, not started) and status per step, and each
question's results; the same as a CSV download. A fixed number of queries for any cohort.

"Behind" means fewer steps done than the days gone since the path was assigned would have
them: with 4 of 10 days gone, 40% of the steps.
"""

import csv
from dataclasses import dataclass

from django.utils import timezone

from csx.learning import progress
from csx.learning.checks.results import most_missed, results

STANDINGS = {
    "done": "Done",
    "overdue": "Overdue",
    "behind": "Behind",
    "on-track": "On track",
    "not-started": "Not started",
}


def standing(course, assigned, today):
    if course.finished:
        return "done"
    if course.overdue:
        return "overdue"
    if course.due:
        span = (course.due - assigned).days
        gone = (today - assigned).days
        if span > 0 and course.done_count / max(course.count, 1) < gone / span:
            return "behind"
    return "on-track" if course.started else "not-started"


def step_status(course, step):
    if step.pk in course.done:
        return "done"
    if step.pk in course.marked:
        return "check"  # marked done, its check not answered yet
    return ""


STEP_WORDS = {"done": "Done", "check": "Check not answered", "": "Not done"}


@dataclass
class Line:
    learner: object
    course: object
    standing: str
    steps: list  # a status per step: "done", "check" or ""

    @property
    def standing_label(self):
        return STANDINGS[self.standing]


@dataclass
class Report:
    assignment: object
    steps: list
    lines: list
    questions: list  # a checks.results.Result per question
    most_missed: object

    def counts(self):
        """{standing label: how many learners}, in the order of STANDINGS, those with any."""
        found = dict.fromkeys(STANDINGS, 0)
        for line in self.lines:
            found[line.standing] += 1
        return [(STANDINGS[key], n) for key, n in found.items() if n]


def report(cohort, assignment):
    """The Report of `assignment`, a path assigned to `cohort`; None if learners cannot walk
    its path (withdrawn since)."""
    assignments, rows = progress.cohort_table(cohort)
    index = next((i for i, a in enumerate(assignments) if a.pk == assignment.pk), None)
    if index is None:
        return None
    today = timezone.localdate()
    assigned = timezone.localdate(assignment.assigned)
    lines = []
    for row in rows:
        course = row.courses[index]
        status = [step_status(course, step) for step in course.steps]
        lines.append(Line(row.learner, course, standing(course, assigned, today), status))
    steps = lines[0].course.steps if lines else []
    checks = lines[0].course.checks if lines else {}
    found = results([line.learner for line in lines], steps, checks)
    return Report(assignments[index], steps, lines, found, most_missed(found))


def name_of(user):
    return user.get_full_name() or user.get_username()


def write_csv(out, found):
    """The Report as CSV: a row per learner, their standing, each step's status and their
    first attempt at each question; then a row per question with the cohort's results."""
    writer = csv.writer(out)
    steps = [f"Step {n}: {step.target.title}" for n, step in enumerate(found.steps, start=1)]
    questions = [f"Step {r.position} question: {r.question.prompt}" for r in found.questions]
    writer.writerow(["Learner", "Email", "Status", "Steps done", *steps, *questions])
    for line in found.lines:
        course = line.course
        firsts = [
            {True: "right", False: "wrong"}.get(r.firsts.get(line.learner.pk), "not answered")
            for r in found.questions
        ]
        writer.writerow(
            [
                name_of(line.learner),
                line.learner.email,
                line.standing_label,
                f"{course.done_count} of {course.count}",
                *(STEP_WORDS[status] for status in line.steps),
                *firsts,
            ]
        )
    writer.writerow([])
    writer.writerow(["Question", "Step", "Answered", "Right at the first attempt"])
    for r in found.questions:
        writer.writerow([r.question.prompt, r.position, r.answered, r.right_first])
