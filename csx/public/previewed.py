"""A page drawn as a preview: the one item it shows whatever the item's state.

The editors' previews and share links (csx/editorial/preview.py) set `request.preview`; the
shared detail view (csx/public/generic.py) asks shows() and serves that item. The contract
lives here, on the public side, so the public pages need nothing from the editorial layer.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preview:
    """Set on the request while a preview is drawn: the one item shown whatever its state."""

    model: type
    pk: int
    shared_until: object = None  # when a share link expires; None for an editor's preview


def shows(request, model):
    """The previewed item's pk, if this request draws a preview of a `model` item."""
    preview = getattr(request, "preview", None)
    return preview.pk if preview is not None and preview.model is model else None
