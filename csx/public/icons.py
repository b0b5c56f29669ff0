"""The site's own pictures: small line icons drawn as inline SVG (no icon font, no other host).

Each icon is a list of SVG path strings on a 24 x 24 grid, stroked in the text colour
(`currentColor`), so it follows light and dark palettes and high-contrast modes by itself.
A principle's icon is chosen by its slug; a principle the list does not know yet gets the
generic mark, so a new principle never breaks a page.
"""

from django.utils.html import format_html, format_html_join

CIRCLE_CHECK = ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M8 12.5l2.7 2.7L16.5 9.5"]
WARNING = ["M12 3.5L2.5 20h19z", "M12 10v4.5", "M12 17.2v.3"]

PRINCIPLES = {
    "empathy": [
        "M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20z"
    ],
    "active-listening": [
        "M7 9.5a5 5 0 1 1 10 0c0 3.2-3.5 4.3-3.5 7a2.8 2.8 0 0 1-5.5.6",
        "M10 10a2 2 0 1 1 4 0",
    ],
    "proactivity": ["M13.5 2.5L5 13.5h6.5L10.5 21.5 19 10.5h-6.5z"],
    "personalization": ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4.5 21a7.5 7.5 0 0 1 15 0"],
    "responsiveness": ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7v5.5l3.5 2"],
    "transparency": [
        "M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z",
        "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
    ],
    "recovery": ["M4.5 12a7.5 7.5 0 1 0 2.2-5.3", "M4.5 3.5v4h4"],
    "ownership": [
        "M12 3l7 3v5.5c0 4.6-3.2 8-7 9.5-3.8-1.5-7-4.9-7-9.5V6z",
        "M9 12l2.2 2.2L15.5 10",
    ],
    "consistency": ["M4 7h16", "M4 12h16", "M4 17h16"],
    "kindness": [
        "M4 11h16v10H4z",
        "M2.5 7.5h19V11h-19z",
        "M12 7.5V21",
        "M12 7.5C10.5 3.5 6.5 3.8 7 6.2 7.4 7.8 12 7.5 12 7.5z",
        "M12 7.5c1.5-4 5.5-3.7 5-1.3-.4 1.6-5 1.3-5 1.3z",
    ],
}
GENERIC = ["M12 3l2.7 5.6 6.1.8-4.5 4.3 1.1 6.1L12 17l-5.4 2.8 1.1-6.1-4.5-4.3 6.1-.8z"]

OUTCOMES = {"exemplary": CIRCLE_CHECK, "cautionary": WARNING}

CHANNELS = {
    "in_person": ["M3 21V9l9-5 9 5v12", "M9 21v-7h6v7"],
    "phone": [
        "M5 3.5h3.5l1.7 4.3-2.2 1.4a11 11 0 0 0 6.8 6.8l1.4-2.2 4.3 1.7V19a1.8 1.8 0 0 1-2 1.8"
        "A16.5 16.5 0 0 1 3.2 5.5 1.8 1.8 0 0 1 5 3.5z"
    ],
    "email": ["M3 5.5h18v13H3z", "M3.5 6l8.5 7 8.5-7"],
    "chat": ["M4 4.5h16v11H9.5L5 19.5v-4H4z"],
    "social": [
        "M6 14.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
        "M18 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
        "M18 21a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
        "M8.2 10.8l7.6-3.9M8.2 13.2l7.6 3.9",
    ],
    "several": ["M4 4h7v7H4z", "M13 4h7v7h-7z", "M4 13h7v7H4z", "M13 13h7v7h-7z"],
}


def svg(paths, css_class="icon"):
    """An inline, decorative SVG: the words beside it say what it means, so it is hidden from
    assistive technology rather than given a second, competing name."""
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
        'focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" '
        'stroke-linecap="round" stroke-linejoin="round">{}</svg>',
        css_class,
        format_html_join("", '<path d="{}"/>', ((d,) for d in paths)),
    )


def for_principle(slug):
    return PRINCIPLES.get(slug, GENERIC)


def for_outcome(outcome):
    return OUTCOMES.get(outcome, GENERIC)


def for_channel(channel):
    return CHANNELS.get(channel, GENERIC)
