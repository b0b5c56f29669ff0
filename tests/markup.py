"""Scoped assertions: find the element that shows a thing, then look inside it.

A page always carries the navigation, the search box and the footer, so `"/stories/" in
response.text` is true everywhere. These helpers parse the page (BeautifulSoup, CSS
selectors) so a test can name the element it means.
"""

from bs4 import BeautifulSoup, Tag


def parse(page):
    """The parsed document of a response or an HTML string."""
    text = page if isinstance(page, str) else page.content.decode()
    return BeautifulSoup(text, "html.parser")


def one(page, selector):
    """The single element `selector` matches in a response, HTML or element; fails when
    there is none, or more than one."""
    found = (page if isinstance(page, Tag) else parse(page)).select(selector)
    assert len(found) == 1, f"{selector!r} matched {len(found)} elements, not 1"
    return found[0]


def hrefs(element):
    """The addresses of the links inside `element`, in order."""
    return [link["href"] for link in element.select("a[href]")]


def text(element):
    """The words of `element` as a reader sees them, with whitespace collapsed."""
    return " ".join(element.get_text().split())
