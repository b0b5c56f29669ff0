"""Social previews: a 1200 x 630 PNG per page (Open Graph `og:image`), drawn on our side by
Pillow from the item's own words, so no other host is asked and nothing is stored on disk.

A picture depends only on the words and marks drawn on it (`fingerprint()`), so it is drawn
once per version of an item and kept in the cache; the view answers with that fingerprint as
its ETag, and a changed title draws a new picture.
"""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The light palette (static/css/palette.css): the preview looks like the site.
BG, SURFACE, TEXT, MUTED, ACCENT = "#fbfaf7", "#ffffff", "#1d2126", "#525a63", "#0b5f6e"
MARKS = {"exemplary": "#1d6b3b", "cautionary": "#9a2b1d"}
# Bump when the drawing changes, so every cached picture is drawn again.
DRAWING_VERSION = "1"


def card_of(item, kind_label):
    """What the preview of `item` shows: its type, title, a line of summary, a figure or an
    outcome where the type has one."""
    outcome = getattr(item, "outcome", "")
    return {
        "eyebrow": kind_label + (f" · {item.get_outcome_display()}" if outcome else ""),
        "title": item.title,
        "summary": getattr(item, "claim", "") or item.summary,
        "figure": getattr(item, "figure", ""),
        "mark": MARKS.get(outcome, ACCENT),
    }


SITE_CARD = {
    "eyebrow": "CSX Library",
    "title": "Learn customer service from the stories people retell",
    "summary": "Stories of good and bad service, the principles they teach and the evidence.",
    "figure": "",
    "mark": ACCENT,
}


def fingerprint(card):
    text = "\x1f".join([DRAWING_VERSION, *(str(card[key]) for key in sorted(card))])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def font(size):
    # Pillow's own bundled face: the same on every machine, nothing to install or fetch.
    return ImageFont.load_default(size=size)


def wrapped(pen, text, face, width, max_lines):
    """`text` in lines no wider than `width` pixels (a word longer than that stands alone),
    at most `max_lines`, the last one ending in an ellipsis when the text runs longer."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and pen.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        if lines:
            lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return lines


def draw(card):
    """The PNG bytes of `card` (card_of() or SITE_CARD)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 24, HEIGHT], fill=card["mark"])
    pen.rounded_rectangle([MARGIN - 20, 60, WIDTH - 60, HEIGHT - 60], radius=24, fill=SURFACE,
                          outline="#dcd8cf", width=2)  # fmt: skip
    x, y = MARGIN + 20, 100
    pen.text((x, y), card["eyebrow"].upper(), font=font(28), fill=MUTED)
    y += 60
    text_width = WIDTH - MARGIN * 2 - 60
    if card["figure"]:
        figure_face = font(150)
        pen.text((x, y - 10), card["figure"], font=figure_face, fill=ACCENT)
        y += 170
    title_face = font(58 if not card["figure"] else 44)
    for line in wrapped(pen, card["title"], title_face, text_width, 3 if not card["figure"] else 2):
        pen.text((x, y), line, font=title_face, fill=TEXT)
        y += int(title_face.size * 1.2)
    y += 20
    summary_face = font(30)
    room = max(0, (HEIGHT - 150 - y) // 40)
    for line in wrapped(pen, card["summary"], summary_face, text_width, min(room, 3)):
        pen.text((x, y), line, font=summary_face, fill=MUTED)
        y += 40
    pen.text((x, HEIGHT - 120), "CSX Library", font=font(30), fill=ACCENT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
