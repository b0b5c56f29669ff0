"""Embeds for courses: /embed/ cards any site may frame, the oEmbed endpoint that hands out
their iframes, the discovery links that point to it, and the framing rules for every page."""

import html
import re

import pytest
from django.urls import reverse

from csx.content import registry
from csx.models import Status
from tests.factories import make_company, make_path, make_principle, make_statistic, make_story

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

MAKERS = {"story": make_story, "statistic": make_statistic, "principle": make_principle}


def policy(response):
    """The Content-Security-Policy header as {directive: sources}."""
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(part.split(" ", 1) for part in directives if part)


def embed_url(kind, item):
    return reverse(f"embed:{kind}", kwargs={"slug": item.slug})


def oembed(client, url, **params):
    return client.get(reverse("oembed"), {"url": url, "format": "json", **params})


def discovery_href(response):
    found = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"',
                      response.text)  # fmt: skip
    return html.unescape(found.group(1)) if found else None


# Framing and the content security policy


@pytest.mark.parametrize("path", ["/", "/stories/", "/search/?q=refund", "/admin/login/"])
def test_ordinary_pages_refuse_to_be_framed(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == "'none'"


def test_detail_page_refuses_to_be_framed(client):
    response = client.get(make_story().get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == "'none'"


def test_site_policy_allows_only_this_sites_own_files(client):
    assert policy(client.get("/")) == SITE_POLICY


@pytest.mark.parametrize("kind", MAKERS)
def test_embed_may_be_framed_by_any_site(client, kind):
    response = client.get(embed_url(kind, MAKERS[kind]()))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert policy(response) == {**SITE_POLICY, "frame-ancestors": "*"}


@pytest.mark.parametrize(
    "path", ["/", "/stories/", "/embed/stories/s/", "/admin/stories/story/add/"]
)
def test_pages_need_no_inline_script_or_style_the_policy_would_block(editor_client, path):
    make_story(slug="s")
    response = editor_client.get(path)
    assert response.status_code == 200
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text), "inline <script>"
    assert not re.search(r"""\sstyle=["']""", response.text), "inline style attribute"
    assert not re.search(r"<style\b", response.text), "inline <style>"


# The embed cards


def test_story_card_shows_the_story_and_links_back(client):
    story = make_story(
        title="The lost ring",
        outcome="cautionary",
        company=make_company(title="Acme Hotels"),
        summary="A guest lost a ring.",
        takeaway="Search before you say no.",
    )
    response = client.get(embed_url("story", story))
    for text in ["The lost ring", "Cautionary", "Acme Hotels", "A guest lost a ring.",
                 "Search before you say no."]:  # fmt: skip
        assert text in response.text
    back = f'<a href="http://testserver{story.get_absolute_url()}" target="_blank" rel="noopener">'
    assert back + "Read it in CSX Library" in response.text


def test_statistic_card_shows_figure_claim_attribution_and_verification(client):
    statistic = make_statistic(figure="86%", claim="of buyers pay more", attributed_to="Acme Co")
    response = client.get(embed_url("statistic", statistic))
    for text in ["86%", "of buyers pay more", "Acme Co", "Cited by a secondary source only"]:
        assert html.escape(text) in response.text
    assert f'href="http://testserver{statistic.get_absolute_url()}"' in response.text


def test_principle_card_shows_title_definition_and_summary(client):
    principle = make_principle(
        title="Empathy", definition="Feel with the customer.", summary="Why it matters."
    )
    response = client.get(embed_url("principle", principle))
    for text in ["Empathy", "Feel with the customer.", "Why it matters."]:
        assert text in response.text
    assert f'href="http://testserver{principle.get_absolute_url()}"' in response.text


def test_embed_is_a_standalone_page_without_the_site_around_it(client):
    response = client.get(embed_url("story", make_story(title="Alone")))
    assert response.text.startswith("<!doctype html>")
    assert '<html lang="en" data-theme="light">' in response.text
    assert "<title>Alone · CSX Library</title>" in response.text
    assert "css/embed.css" in response.text
    assert "css/site.css" not in response.text
    assert "site-nav" not in response.text


@pytest.mark.parametrize("kind", MAKERS)
def test_draft_embed_is_not_found(client, kind):
    draft = MAKERS[kind](status=Status.DRAFT)
    assert client.get(embed_url(kind, draft)).status_code == 404


def test_editor_previews_a_draft_embed(editor_client):
    response = editor_client.get(embed_url("story", make_story(status=Status.DRAFT)))
    assert response.status_code == 200
    assert "Draft, not public." in response.text


@pytest.mark.parametrize("kind", MAKERS)
def test_renamed_embed_moves_to_the_new_embed_url(client, kind):
    item = MAKERS[kind](slug="old-name")
    item.slug = "new-name"
    item.save()
    response = client.get(f"/embed/{item._meta.verbose_name_plural}/old-name/")
    assert response.status_code == 301
    assert response["Location"] == embed_url(kind, item)


@pytest.mark.parametrize("kind", MAKERS)
def test_embed_runs_one_query(client, django_assert_num_queries, kind):
    item = MAKERS[kind](company=make_company()) if kind == "story" else MAKERS[kind]()
    with django_assert_num_queries(1):
        assert client.get(embed_url(kind, item)).status_code == 200


# oEmbed


def test_oembed_answers_a_rich_iframe_of_the_card(client):
    story = make_story(title="The lost ring")
    response = oembed(client, f"http://testserver{story.get_absolute_url()}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert {key: answer[key] for key in ["version", "type", "provider_name", "provider_url"]} == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "CSX Library",
        "provider_url": "http://testserver/",
    }
    assert answer["title"] == "The lost ring"
    assert (answer["width"], answer["height"]) == (480, registry.BY_NAME["story"].embed.height)
    assert answer["cache_age"] > 0
    height = answer["height"]
    assert answer["html"] == (
        f'<iframe src="http://testserver/embed/stories/{story.slug}/" width="480" '
        f'height="{height}" title="The lost ring · CSX Library" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>\n'
        '<script src="http://testserver/embed/host.js" async></script>'
    )


@pytest.mark.parametrize("kind", ["statistic", "principle"])
def test_oembed_iframe_shows_the_embed_of_each_type(client, kind):
    item = MAKERS[kind]()
    answer = oembed(client, item.get_absolute_url()).json()
    assert f'src="http://testserver{embed_url(kind, item)}"' in answer["html"]


def test_oembed_escapes_the_title_in_the_iframe(client):
    story = make_story(title='Say "no" <never>')
    answer = oembed(client, story.get_absolute_url()).json()
    assert 'title="Say &quot;no&quot; &lt;never&gt; · CSX Library"' in answer["html"]
    assert answer["title"] == 'Say "no" <never>'


def test_oembed_follows_a_renamed_slug(client):
    story = make_story(slug="old-name")
    story.slug = "new-name"
    story.save()
    answer = oembed(client, "/stories/old-name/").json()
    assert 'src="http://testserver/embed/stories/new-name/"' in answer["html"]


def test_oembed_fits_within_maxwidth_and_maxheight(client):
    story = make_story()
    answer = oembed(client, story.get_absolute_url(), maxwidth="300", maxheight="200").json()
    assert (answer["width"], answer["height"]) == (300, 200)
    assert 'width="300" height="200"' in answer["html"]


def test_oembed_never_grows_beyond_the_card_size(client):
    story = make_story()
    answer = oembed(client, story.get_absolute_url(), maxwidth="5000", maxheight="5000").json()
    assert (answer["width"], answer["height"]) == (480, registry.BY_NAME["story"].embed.height)


def test_oembed_has_no_trailing_slash_and_a_paths_step_is_no_oembed_address(client):
    # docs/lms.md says both: /oembed is the one address without its "/".
    assert client.get("/oembed/", {"url": "/stories/s/"}).status_code == 404
    path = make_path([make_story()])
    answer = oembed(client, path.get_step_url(1))
    assert answer.status_code == 404 and "short link" in answer.json()["error"]


def test_oembed_answers_json_only(client):
    response = oembed(client, make_story().get_absolute_url(), format="xml")
    assert response.status_code == 400
    assert "json" in response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/stories/s/",
        "//elsewhere.example/stories/s/",
        "ftp://testserver/stories/s/",
        "/stories/",
        "/companies/c/",
        "/nowhere/",
        "/stories/no-such-story/",
        "/stories/draft/",
    ],
)
def test_oembed_does_not_find_anything_but_our_published_pages(client, url):
    make_story(slug="s")
    make_company(slug="c")
    make_story(slug="draft", status=Status.DRAFT)
    response = oembed(client, url)
    assert response.status_code == 404
    assert response.json()["error"]


def test_oembed_needs_a_url(client):
    response = client.get(reverse("oembed"), {"format": "json"})
    assert response.status_code == 400
    assert "url" in response.json()["error"]


@pytest.mark.parametrize("param", ["maxwidth", "maxheight"])
@pytest.mark.parametrize("value", ["wide", "0", "-20", "1.5"])
def test_oembed_refuses_a_size_that_is_not_a_positive_whole_number(client, param, value):
    response = oembed(client, make_story().get_absolute_url(), **{param: value})
    assert response.status_code == 400
    assert param in response.json()["error"]


# Discovery


@pytest.mark.parametrize("kind", MAKERS)
def test_detail_page_links_to_its_oembed(client, kind):
    item = MAKERS[kind]()
    href = discovery_href(client.get(item.get_absolute_url()))
    assert href == (
        "http://testserver/oembed?url=http%3A%2F%2Ftestserver"
        + item.get_absolute_url().replace("/", "%2F")
        + "&format=json"
    )
    assert f'src="http://testserver{embed_url(kind, item)}"' in client.get(href).json()["html"]


def test_draft_preview_offers_no_oembed(editor_client):
    draft = make_story(status=Status.DRAFT)
    assert discovery_href(editor_client.get(draft.get_absolute_url())) is None


# Themes: light unless the course page asks for dark or the viewer's setting


def stylesheets(response):
    """[(name, the rest of the tag)] for each stylesheet the page links."""
    link = r'<link rel="stylesheet" href="[^"]*/css/([\w-]+)\.css"([^>]*)>'
    return re.findall(link, response.text)


def test_embed_is_light_by_default_whatever_the_viewer_prefers(client):
    response = client.get(embed_url("story", make_story()))
    assert '<html lang="en" data-theme="light">' in response.text
    assert '<meta name="color-scheme" content="light">' in response.text
    assert "palette-dark" not in [name for name, _ in stylesheets(response)]


def test_embed_theme_dark_is_always_dark(client):
    response = client.get(embed_url("story", make_story()), {"theme": "dark"})
    assert '<meta name="color-scheme" content="dark">' in response.text
    assert ("palette-dark", "") in stylesheets(response)


def test_embed_theme_auto_follows_the_viewer(client):
    response = client.get(embed_url("story", make_story()), {"theme": "auto"})
    assert '<meta name="color-scheme" content="light dark">' in response.text
    assert ("palette-dark", ' media="(prefers-color-scheme: dark)"') in stylesheets(response)


def test_an_unknown_embed_theme_is_a_400_that_says_which_there_are(client):
    response = client.get(embed_url("story", make_story()), {"theme": "sepia"})
    assert response.status_code == 400
    assert "light, dark, auto" in response.text


def test_a_renamed_embed_keeps_its_theme_on_the_way_to_the_new_address(client):
    story = make_story(slug="old-name")
    story.slug = "new-name"
    story.save()
    response = client.get("/embed/stories/old-name/", {"theme": "dark"})
    assert response["Location"] == "/embed/stories/new-name/?theme=dark"


@pytest.mark.parametrize("theme", ["dark", "auto"])
def test_oembed_passes_the_theme_to_the_card(client, theme):
    story = make_story()
    answer = oembed(client, story.get_absolute_url(), theme=theme).json()
    assert f'src="http://testserver{embed_url("story", story)}?theme={theme}"' in answer["html"]


def test_oembed_gives_a_light_card_without_a_theme_parameter(client):
    story = make_story()
    answer = oembed(client, story.get_absolute_url()).json()
    assert f'src="http://testserver{embed_url("story", story)}"' in answer["html"]


def test_oembed_refuses_an_unknown_theme(client):
    response = oembed(client, make_story().get_absolute_url(), theme="sepia")
    assert response.status_code == 400
    assert "theme" in response.json()["error"]


# The card's height: reported to the page around it, which the host script fits the frame to


def test_card_loads_the_script_that_reports_its_height(client):
    response = client.get(embed_url("story", make_story()))
    assert re.search(r'<script src="[^"]*/js/embed\.js" defer></script>', response.text)


def test_host_script_listens_only_to_cards_from_this_site(client):
    response = client.get(reverse("embed:host_script"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert 'var CARDS = "http://testserver";' in response.text
    assert "event.origin !== CARDS" in response.text
    assert "max-age=86400" in response["Cache-Control"]


def test_share_panel_offers_the_iframe_and_the_optional_host_script(client):
    story = make_story()
    page = client.get(story.get_absolute_url()).text
    snippet = re.search(r'<pre class="citation" id="embed-code"[^>]*>(.*?)</pre>', page, re.S)
    code = html.unescape(snippet.group(1))
    assert code.startswith(f'<iframe src="http://testserver{embed_url("story", story)}"')
    assert code.endswith('<script src="http://testserver/embed/host.js" async></script>')
