"""The image library in the admin: upload a picture (checked, its renditions made: csx/media),
describe it (alt text required, caption, credit), move its focal point, copy its Markdown.

Pictures themselves are not revisions: what readers see changes when a story's body or lead
picture does, and that goes through the editorial service like any field. A picture a story
leads with cannot be deleted (PROTECT); a body's reference to a deleted one shows its alt text.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from csx.media import library, uploads
from csx.models import Image


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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def thumbnail(self, image):
        picture = image.picture("card")
        if picture is None:
            return "—"
        return format_html(
            '<img class="image-thumb" src="{}" width="120" height="80" alt="">', picture["src"]
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
