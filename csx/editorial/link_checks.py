"""External links, checked: every address the library sends readers to on other sites (a
source's URL and archived copy, a resource's URL, the web links in any item's Markdown),
asked whether it still answers, and the answer kept (csx/models/links.py) for the
dashboard's "External links" panel.

Run by `manage.py check_links` (now, in the foreground) or as a background task
(`check_all`, csx/serving/tasks.py: the dashboard's "Check now" and `check_links --queue`).

Polite to the sites it asks: one request at a time; LINK_CHECK_INTERVAL seconds from one
answer of a host to the next question to it; each given up after LINK_CHECK_TIMEOUT seconds;
a User-Agent that says who asks and why; HEAD first (no body), and GET only when HEAD gets
an error, since some servers refuse HEAD but serve the page.
"""

import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import zip_longest
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import models
from django.utils import timezone
from django_tasks import task

from csx.content import registry
from csx.content.admin_links import admin_url
from csx.content.markdown import link_addresses
from csx.models import LinkCheck, Source

Outcome = LinkCheck.Outcome
WEB = ("http", "https")
LONGEST = LinkCheck._meta.get_field("url").max_length
PERMANENT = {301, 308}  # a redirect that asks for the link to be changed


def user_agent():
    return (
        f"CSX-Library-link-check/1.0 (+{settings.SITE_URL}; checks the links it shows "
        "its readers, one request at a time)"
    )


# Where the links are.


def place(item, field):
    label = item._meta.get_field(field).verbose_name if field != "text" else "text"
    return {
        "label": f"{item._meta.verbose_name.capitalize()} “{item.title}” ({label})",
        "admin": admin_url(item) or "",
    }


def collect():
    """{address: [where it is written, …]} for every external link in the library."""
    found = defaultdict(list)

    def add(address, item, field):
        scheme = urlsplit(address).scheme.lower()
        if scheme in WEB and len(address) <= LONGEST:
            found[address].append(place(item, field))

    for model in [*registry.models(), Source]:
        fields = [f.name for f in model._meta.fields if isinstance(f, models.URLField)]
        for item in model.objects.exclude(**dict.fromkeys(fields, "")) if fields else ():
            for name in fields:
                if getattr(item, name):
                    add(getattr(item, name), item, name)
    for model in registry.models():
        for item in model.objects.holding_links():
            for address in {a for text in item.markdown_texts() for a in link_addresses(text)}:
                add(address, item, "text")
    return dict(found)


# Asking each one.


@dataclass
class Answer:
    outcome: str
    status: int | None = None
    detail: str = ""
    moved_to: str = ""


class Pace:
    """Keeps LINK_CHECK_INTERVAL seconds between the end of one request to a host and the
    start of the next (a slow site is given more room, not less)."""

    def __init__(self, interval):
        self.interval = interval
        self.next_at = {}

    @contextmanager
    def turn(self, address):
        host = urlsplit(address).hostname or ""
        delay = self.next_at.get(host, 0) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        try:
            yield
        finally:
            self.next_at[host] = time.monotonic() + self.interval


def ask(session, pace, address):
    """What `address` answers now: HEAD, then GET if HEAD gets an error."""
    timeout = settings.LINK_CHECK_TIMEOUT
    try:
        with pace.turn(address):
            response = session.head(address, allow_redirects=True, timeout=timeout)
        if response.status_code >= 400:
            with pace.turn(address):
                response = session.get(address, allow_redirects=True, timeout=timeout, stream=True)
                response.close()  # the status is enough: the body is never read
    except requests.Timeout:
        return Answer(Outcome.UNREACHABLE, detail=f"No answer within {timeout:g} s.")
    except requests.ConnectionError:
        return Answer(Outcome.UNREACHABLE, detail="Could not connect (no such host, or refused).")
    except requests.RequestException as error:
        return Answer(Outcome.UNREACHABLE, detail=f"Could not ask: {type(error).__name__}.")
    return judged(response)


def judged(response):
    status = f"{response.status_code} {response.reason or ''}".strip()
    if response.status_code >= 400:
        return Answer(Outcome.BROKEN, response.status_code, f"Answered {status}.")
    if any(hop.status_code in PERMANENT for hop in response.history):
        return Answer(
            Outcome.MOVED, response.status_code,
            f"Moved for good: update the link to {response.url}", response.url,
        )  # fmt: skip
    return Answer(Outcome.OK, response.status_code, f"Answered {status}.")


def by_turns(addresses):
    """The addresses with their hosts taking turns ("a/1", "b/1", "a/2", …), so that the
    wait between two requests to one host is spent asking the others."""
    per_host = defaultdict(list)
    for address in sorted(addresses):
        per_host[urlsplit(address).hostname].append(address)
    return [address for turn in zip_longest(*per_host.values()) for address in turn if address]


def check(found=None):
    """Ask every external link (or those of `found`, as collect() gives them), keep the
    answers, and forget links no longer written anywhere. Returns {outcome: count}."""
    found = collect() if found is None else found
    started = timezone.now()
    pace = Pace(settings.LINK_CHECK_INTERVAL)
    counts = defaultdict(int)
    with requests.Session() as session:
        session.headers["User-Agent"] = user_agent()
        for address in by_turns(found):
            answer = ask(session, pace, address)
            places = found[address]
            LinkCheck.objects.update_or_create(
                url=address,
                defaults={**answer.__dict__, "checked_at": timezone.now(), "found_in": places},
            )
            counts[answer.outcome] += 1
    LinkCheck.objects.filter(checked_at__lt=started).delete()  # written nowhere now
    return dict(counts)


@task()
def check_all():
    return check()


def summary():
    """For the dashboard: the links to mend (worst first), counts by outcome, last check."""
    checks = LinkCheck.objects.all()
    counts = dict(checks.values_list("outcome").annotate(n=models.Count("pk")))
    return {
        "attention": checks.needing_attention()[:10],
        "counts": [(label, counts.get(value, 0)) for value, label in Outcome.choices],
        "last_checked": checks.aggregate(last=models.Max("checked_at"))["last"],
        "checked": sum(counts.values()),
    }
