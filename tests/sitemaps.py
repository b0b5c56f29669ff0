"""Reading the sitemap as a crawler does: the index (/sitemap.xml), then every file it names."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locs(response):
    """The <loc> addresses of one sitemap file or index, in order."""
    assert response.status_code == 200, response.status_code
    # Our own sitemap, not untrusted XML.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    return [element.text for element in root.iter(f"{NAMESPACE}loc")]


def files(client):
    """The addresses of the files the index names."""
    return locs(client.get("/sitemap.xml"))


def locations(client):
    """Every address in every file of the sitemap."""
    found = []
    for address in files(client):
        parts = urlsplit(address)
        found += locs(client.get(f"{parts.path}?{parts.query}"))
    return found
