"""The image library in the admin: upload a picture (checked, its renditions made: csx/media),
describe it (alt text required, caption, credit), move its focal point, copy its Markdown.

Pictures themselves are not revisions: what readers see changes when a story's body or lead
picture does, and that goes through the editorial service like any field. A picture a story
leads with cannot be deleted (PROTECT); a body's reference to a deleted one shows its alt text.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from csx.media import library, uploads
from csx.models import Image

CHOSEN_AT_ONCE = 24


class PictureChooser(AutocompleteSelect):
    """A picture field of a story form: the admin's searchable select (it works without
    JavaScript's extras), the chosen picture shown, and the library to browse beside it:
    each picture can become the lead picture or be put in the body where the cursor is, as
    `![alt text](image:slug)` (csx/content/markdown.py draws it)."""

    template_name = "csx/widgets/picture_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        context["widget"].update(chosen=chosen, choose_url=reverse("admin:csx_image_choose"))
        return context

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["csx/admin/pictures.css"]}, js=["csx/admin/pictures.js"]
        )


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Picture",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=f"PNG, JPEG, WebP or GIF, up to {uploads.megabytes()} MB and at least "
        f"{uploads.MIN_SIDE} pixels a side (no SVG). Readers get WebP copies at a few widths.",
    )

    class Meta:
        model = Image
        fields = ["upload", "title", "slug", "alt", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
        }

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if self.instance.pk is None and not upload and "upload" not in self.errors:
            self.add_error("upload", "Choose a picture to upload.")
        moved = self.instance.pk and {"focal_x", "focal_y"} & set(self.changed_data)
        if self.errors or not (upload or moved):
            return cleaned  # nothing is written to the store for a form that fails anyway
        self.instance.focal_x = cleaned["focal_x"]
        self.instance.focal_y = cleaned["focal_y"]
        try:
            library.prepare(self.instance, upload)
        except forms.ValidationError as error:
            self.add_error(None if error.code == "store_unreachable" else "upload", error)
        return cleaned


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "markdown_to_paste", "created"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt", "slug", "caption", "credit"]
    list_per_page = 40
    readonly_fields = ["preview", "markdown_to_paste", "size"]

    def get_fieldsets(self, request, obj=None):
        about = ["title", "slug", "alt", "caption", "credit"]
        if obj is None:
            return [(None, {"fields": ["upload", *about, "focal_x", "focal_y"]})]
        return [
            (None, {"fields": ["preview", "markdown_to_paste", *about]}),
            ("Cards crop around", {"fields": ["focal_x", "focal_y"]}),
            ("Replace the picture", {"fields": ["upload", "size"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # The slug is the picture's reference in every body: it never changes once saved.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["title"]}

    def get_urls(self):
        choose = self.admin_site.admin_view(self.choose_view)
        return [path("choose/", choose, name="csx_image_choose"), *super().get_urls()]

    def choose_view(self, request):
        """The chooser's results (PictureChooser): up to CHOSEN_AT_ONCE pictures matching
        what the editor typed, newest first, as a fragment of the story form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        words = request.GET.get("q", "")[:100]
        images = Image.objects.matching(words)[:CHOSEN_AT_ONCE]
        context = {"images": images, "words": words, "add_url": reverse("admin:csx_image_add")}
        return TemplateResponse(request, "admin/workspace/picture_results.html", context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def thumbnail(self, image):
        if not image.thumbnail():
            return "—"
        return format_html(
            '<img class="csx-thumb" src="{}" width="120" height="80" alt="">', image.thumbnail()
        )

    @admin.display(description="Picture")
    def preview(self, image):
        picture = image.picture("whole")
        if picture is None:
            return "—"
        return format_html(
            '<img class="image-preview" src="{}" srcset="{}" sizes="480px" alt="{}">',
            picture["src"],
            picture["srcset"],
            image.alt,
        )

    @admin.display(description="Markdown")
    def markdown_to_paste(self, image):
        return format_html("<code>{}</code>", image.markdown())

    @admin.display(description="Original")
    def size(self, image):
        return f"{image.width}×{image.height} pixels"
