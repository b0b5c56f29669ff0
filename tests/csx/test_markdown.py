from html.parser import HTMLParser

import pytest

from csx.content.markdown import render_markdown, sanitise


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


# What a browser would run or fetch: elements, attributes and link schemes.
# A picture is active by its addresses (src, srcset): the library's own pass through the
# sanitiser (csx/media), with their addresses checked there.
ACTIVE_ELEMENTS = {
    "script", "iframe", "style", "svg", "math", "object", "embed", "form", "input",
    "button", "base", "meta", "link", "frame", "frameset", "template",
}  # fmt: skip
ACTIVE_ATTRIBUTES = {"style", "srcdoc", "formaction", "http-equiv", "src", "srcset"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
NOTHING_ACTIVE = {"elements": set(), "attributes": [], "addresses": []}


def active_parts(html):
    found = parse(html)
    return {
        "elements": found.tags & ACTIVE_ELEMENTS,
        "attributes": [name for name, _ in found.attributes
                       if name.startswith("on") or name in ACTIVE_ATTRIBUTES],
        "addresses": [value for _, value in found.attributes
                      if (value or "").strip().lower().startswith(SCRIPT_SCHEMES)],
    }  # fmt: skip


# What an editor might type, or paste from elsewhere, hoping the browser runs it.
DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    '<iframe src="https://elsewhere.example"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<p style="background:url(https://elsewhere.example)" onclick="x()">hi</p>',
    "<style>body { display: none }</style>",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<object data="https://elsewhere.example/x.swf"></object>',
    '<embed src="https://elsewhere.example/x.swf">',
    '<form action="https://elsewhere.example"><button formaction="javascript:alert(1)">go',
    '<base href="https://elsewhere.example/">',
    '<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">',
    '<link rel="stylesheet" href="https://elsewhere.example/x.css">',
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>alert(1)//--><script>alert(1)</script>",
]


@pytest.mark.parametrize("html", DANGEROUS)
def test_sanitiser_leaves_nothing_a_browser_would_run_or_load(html):
    assert active_parts(sanitise(html)) == NOTHING_ACTIVE


@pytest.mark.parametrize("text", DANGEROUS + ["[click](javascript:alert(1))"])
def test_dangerous_markup_in_markdown_builds_no_active_element(text):
    assert active_parts(render_markdown(text)) == NOTHING_ACTIVE


def test_sanitiser_keeps_the_allowed_markup_and_marks_links():
    html = '<h2 id="section-a">A <a class="header-anchor" href="#section-a">#</a></h2><p><em>b</em>'
    assert sanitise(html) == (
        '<h2 id="section-a">A <a class="header-anchor" href="#section-a" '
        'rel="noopener noreferrer">#</a></h2><p><em>b</em></p>'
    )


def test_sanitiser_drops_ids_classes_and_schemes_off_the_allow_list():
    found = parse(sanitise('<h3 class="evil" id="x">t</h3><a href="ftp://example.org/f">f</a>'))
    assert ("class", "evil") not in found.attributes
    assert "href" not in dict(found.attributes)


def test_raw_html_typed_by_an_editor_is_shown_as_text():
    html = render_markdown("Say <em>hi</em> to <b>everyone</b>.")
    assert html == "<p>Say &lt;em&gt;hi&lt;/em&gt; to &lt;b&gt;everyone&lt;/b&gt;.</p>\n"


def test_markdown_html_off_the_allow_list_is_sanitised():
    # markdown-it writes these itself: an image, an ftp link, and table alignment as a style.
    html = render_markdown("![i](https://example.org/i.png) [f](ftp://example.org/f)\n\n"
                           "| a |\n|--:|\n| 1 |")  # fmt: skip
    found = parse(html)
    assert "img" not in found.tags
    assert [name for name, _ in found.attributes if name in {"style", "href"}] == []


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
