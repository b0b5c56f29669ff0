from html.parser import HTMLParser

import pytest

from csx.markdown import render_markdown


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)


def parse(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector


def test_commonmark_becomes_html():
    html = render_markdown("## What happened\n\nShe *listened*.\n\n> A quote")
    assert '<h2 id="section-what-happened">What happened' in html
    assert "<em>listened</em>" in html
    assert "<blockquote>" in html


DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "[click](JaVaScRiPt:alert(1))",
    '<iframe src="https://elsewhere.example"></iframe>',
    '<p style="background:url(https://elsewhere.example)" onclick="x()">hi</p>',
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_markup_builds_no_active_element(text):
    found = parse(render_markdown(text))
    assert not found.tags & {"script", "img", "iframe", "style"}
    assert not [name for name, _ in found.attributes if name.startswith("on") or name == "style"]
    assert not [value for name, value in found.attributes if "javascript:" in (value or "").lower()]


def test_images_from_other_hosts_are_dropped():
    assert "img" not in parse(render_markdown("![tracker](https://elsewhere.example/p.png)")).tags


def test_links_keep_their_address_and_gain_rel():
    html = render_markdown("[source](https://example.org/a)")
    assert 'href="https://example.org/a"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_get_prefixed_ids_and_a_permalink():
    html = render_markdown("## Takeaway\n\n## Takeaway")
    # Prefixed, so a heading never takes an id the page uses itself, and unique.
    assert '<h2 id="section-takeaway">' in html
    assert '<h2 id="section-takeaway-1">' in html
    assert 'class="header-anchor" href="#section-takeaway"' in html


def test_editors_cannot_set_their_own_ids_or_classes():
    found = parse(render_markdown('<h2 id="sources" class="evil">x</h2>'))
    assert ("id", "sources") not in found.attributes
    assert ("class", "evil") not in found.attributes


def test_empty_body_renders_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
