"""Reading pages in tests: the element that shows a thing, not the whole page's text; and
a page with the number of queries drawing it took."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csx.editorial.scheduled import schedule


def soup(response_or_html):
    html = getattr(response_or_html, "text", response_or_html)
    return BeautifulSoup(html, "html.parser")


def text(element):
    """An element's words, with whitespace as a reader sees it."""
    return " ".join(element.get_text().split()) if element is not None else ""


def texts(page, selector):
    return [text(element) for element in soup(page).select(selector)]


def one(page, selector):
    """The text of the one element `selector` finds (an AssertionError if not exactly one)."""
    found = soup(page).select(selector)
    assert len(found) == 1, f"{selector!r} found {len(found)} elements"
    return text(found[0])


def definitions(page, selector):
    """{term: definition} of the description list `selector` finds first."""
    found = soup(page).select_one(selector)
    assert found is not None, f"{selector!r} found nothing"
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in found.select("dt")}


def drawn(client, url):
    """(the 200 response to `url`, the number of SQL queries it took)."""
    # The schedule of changes is read at most every few seconds per process, not per page
    # (csx/editorial/scheduled.py): read it before counting, as a slow machine may be due.
    schedule.due()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(context.captured_queries)
