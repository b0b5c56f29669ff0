"""An image in the library, and the renditions readers are sent (csx/media/renditions.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def by_reference(self, slugs):
        """{slug: Image} for the `image:<slug>` references of a text (one query)."""
        return {image.slug: image for image in self.filter(slug__in=set(slugs))} if slugs else {}

    def matching(self, words):
        words = (words or "").strip()
        if not words:
            return self
        return self.filter(
            Q(title__icontains=words) | Q(alt__icontains=words) | Q(slug__icontains=words)
        )


class Image(models.Model):
    """A picture editors may use anywhere, referred to in Markdown as `image:<slug>`."""

    title = models.CharField(max_length=200, help_text="For finding it in the library.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Its reference in Markdown, ![alt text](image:this-slug); it never changes "
        "once saved, so references keep working.",
    )
    alt = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it (required).",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, and the licence if not ours."
    )
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=FRACTION,
        help_text="0 is the left edge, 1 the right: cards crop around this point.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=FRACTION,
        help_text="0 is the top, 1 the bottom.",
    )
    original = models.CharField(max_length=200, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        app_label = "csx"
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="csx_image_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title

    def reference(self):
        return f"image:{self.slug}"

    def markdown(self):
        """What an editor pastes into a body to show it."""
        return f"![{self.alt}]({self.reference()})"

    def sources(self, kind):
        """[(url, width, height)] of its renditions of `kind` ("whole" or "card")."""
        return [
            (reverse("media_file", args=[name]), width, height)
            for width, height, name in self.renditions.get(kind, [])
        ]

    def thumbnail(self):
        """The address of its smallest card crop (the admin's lists and chooser), or ""."""
        sources = self.sources("card")
        return sources[0][0] if sources else ""

    def picture(self, kind="whole"):
        """What an <img> needs: src (the narrowest), srcset, width and height, or None."""
        sources = self.sources(kind)
        if not sources:
            return None
        src, width, height = sources[0]
        return {
            "src": src,
            "srcset": ", ".join(f"{url} {w}w" for url, w, _ in sources),
            "width": width,
            "height": height,
        }
