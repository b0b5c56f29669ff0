"""The Learning Record Store away under load, for `bench/load.py --outage lrs`: the page mix
for readers and, beside it, learners walking a path (each step's page, then "done", round
after round), on gunicorn whose xAPI statements go through the worker to a real LRS (Ralph,
tests/lrs/, from .venv-ralph), killed a third of the way in and started again at two thirds.

Every reader's and learner's answer must come without a 5xx (a learner's page never waits
on the LRS: it writes its statement to the outbox), and within three minutes afterwards every
statement the learners made must be in the LRS, each once, with no restart of anything.
"""

import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import django
import requests

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 4
PASSWORD = "bench-learner-password"  # noqa: S105 - a scratch database's


def learners_setup():
    """LEARNERS learners in a cohort walking the seed's first path: (their emails, the
    path's slug, its step numbers); their earlier statements gone from the outbox."""
    from django.contrib.auth.models import Group, User

    from csx.learning import roles
    from csx.learning.models import Assignment, Cohort, StepDone
    from csx.paths.models import Path as LearningPath
    from csx.xapi.models import Statement

    path = LearningPath.objects.published().order_by("pk").first()
    trainer, _ = User.objects.get_or_create(username="bench-trainer")
    Cohort.objects.filter(trainer=trainer).delete()
    cohort = Cohort.objects.create(name="Bench cohort", trainer=trainer)
    Assignment.objects.create(cohort=cohort, path=path)
    group = Group.objects.get_or_create(name=roles.LEARNERS)[0]
    emails = [f"learner{n}@bench.example" for n in range(LEARNERS)]
    for email in emails:
        user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(group)
        cohort.learners.add(user)
    StepDone.objects.filter(learner__username__in=emails).delete()
    Statement.objects.all().delete()
    numbers = [item.number for item in path.steps()]
    return emails, path.slug, numbers


class Learners(threading.Thread):
    """Learners walking the path until stopped, one request each in turn: a step's page,
    then marking it done; after the last step, every step marked not done again, so the
    next round completes the path again. `statuses` holds every answer; `made` counts the
    statements the answers mean (an opened step, a finished path)."""

    def __init__(self, server, emails, slug, numbers):
        super().__init__(daemon=True)
        self.server, self.slug, self.numbers = server, slug, numbers
        self.sessions = [self.signed_in(email) for email in emails]
        self.statuses, self.made = [], 0
        self.stopping = threading.Event()

    def signed_in(self, email):
        session = requests.Session()
        sign_in = self.server.url("/learning/sign-in/")
        session.get(sign_in, timeout=60)
        answer = session.post(
            sign_in,
            data={"username": email, "password": PASSWORD,
                  "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )  # fmt: skip
        if answer.status_code != 302:
            raise RuntimeError(f"{email} could not sign in ({answer.status_code})")
        return session

    def run(self):
        while not self.stopping.is_set():
            for number in self.numbers:
                for session in self.sessions:
                    self.step(session, number)
            for session in self.sessions:
                for number in self.numbers:
                    self.done(session, number, done="0")

    def step(self, session, number):
        step = self.server.url(f"/learning/paths/{self.slug}/steps/{number}/")
        status = self.answer(session.get, step)
        if status == 200:
            self.made += 1  # experienced
        if self.done(session, number) == 302 and number == self.numbers[-1]:
            self.made += 1  # completed: the last step of the round was the last not done

    def done(self, session, number, done="1"):
        url = self.server.url(f"/learning/paths/{self.slug}/steps/{number}/done/")
        data = {"done": done, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
        return self.answer(session.post, url, data=data, allow_redirects=False)

    def answer(self, method, url, **options):
        try:
            status = method(url, timeout=20, **options).status_code
        except requests.RequestException:
            status = "no answer"
        self.statuses.append(status)
        return status

    def stop(self):
        self.stopping.set()
        self.join()


def waited_for(statement):
    """Seconds between a statement's making (timestamp) and its storing by the LRS."""
    made, stored = (datetime.fromisoformat(statement[key]) for key in ("timestamp", "stored"))
    return (stored - made).total_seconds()


def lrs_outage(options, run_mix, status):
    """True when no reader's or learner's answer was a 5xx and every statement the learners
    made arrived at the LRS once, after it came back."""
    sys.path.insert(0, str(ROOT))
    from tests import lrs

    ralph = lrs.Ralph()
    try:
        ralph.start()
        env = {**ralph.settings(), "DJANGO_PAGE_CACHE": "1", "DJANGO_SECURE_COOKIES": "0"}
        os.environ.update(env)
        django.setup()
        from bench.pages import pages, site_with_worker
        from bench.receivers import wait_for
        from csx.xapi.models import Statement

        emails, slug, numbers = learners_setup()
        with site_with_worker(options.workers, **env) as server:
            processes, paths = server.processes(), list(pages().values())
            learners = Learners(server, emails, slug, numbers)
            learners.start()
            counts, _ = run_mix(server, paths, options, outage=ralph)
            learners.stop()
            after = {path: status(server.url(path)) for path in paths}
            kept = server.processes() == processes
            started = time.monotonic()
            emptied = wait_for(lambda: not Statement.objects.exists(), 180)
            waited = time.monotonic() - started
            held = ralph.statements()
    finally:
        ralph.remove()
    answers = {answer: learners.statuses.count(answer) for answer in set(learners.statuses)}
    ids = {statement["id"] for statement in held}
    delays = sorted(waited_for(statement) for statement in held)
    late = [delay for delay in delays if delay > 2]
    print("pages by status:", counts)
    print("learners' requests by status:", answers)
    print(f"statements: {learners.made} made by the learners, {len(held)} in the LRS "
          f"({len(ids)} distinct); the outbox empty {waited:.0f} s after: {emptied}")  # fmt: skip
    if late:
        print(f"{len(late)} of them waited for the LRS, from {late[0]:.0f} s to {late[-1]:.0f} s")
    print("every page afterwards:", "200" if set(after.values()) == {200} else after)
    good = (
        set(counts) == {200} and set(answers) <= {200, 302} and emptied
        and len(held) == len(ids) == learners.made
        and set(after.values()) == {200} and kept
    )  # fmt: skip
    print("No error." if good else "ERRORS.")
    return good
