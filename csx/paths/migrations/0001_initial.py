"""Paths and their items, taken over from `csx` in Django's state only: `csx.0008` already
renamed the tables (csx_path → paths_path, csx_pathitem → paths_pathitem) with their rows."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("csx", "0008_move_paths_to_their_app"),
        ("principles", "0001_initial"),
        ("stories", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Path",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=200)),
                        ("slug", models.SlugField(help_text="The URL key. Renaming keeps old links working.", max_length=200, unique=True)),
                        ("summary", models.CharField(help_text="One or two sentences for cards, search results and embeds.", max_length=300)),
                        ("body", models.TextField(blank=True, help_text="Markdown.")),
                        ("status", models.CharField(choices=[("draft", "Draft"), ("published", "Published")], default="draft", max_length=16)),
                        ("published_at", models.DateTimeField(blank=True, help_text="Set automatically when first published.", null=True)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        ("tags", taggit.managers.TaggableManager(blank=True, help_text="A comma-separated list of tags.", through="taggit.TaggedItem", to="taggit.Tag", verbose_name="Tags")),
                    ],
                    options={
                        "ordering": ["title"],
                        "abstract": False,
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("status__in", ["draft", "published"])), name="paths_path_status_valid"),
                            models.CheckConstraint(condition=models.Q(models.Q(("status", "published"), _negated=True), ("published_at__isnull", False), _connector="OR"), name="paths_path_published_has_date"),
                            models.CheckConstraint(condition=models.Q(("title", ""), _negated=True), name="paths_path_title"),
                            models.CheckConstraint(condition=models.Q(("slug", ""), _negated=True), name="paths_path_slug"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PathItem",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("order", models.PositiveSmallIntegerField(default=0, help_text="Lower comes first; equal numbers keep the order items were added.")),
                        ("trainer_note", models.TextField(blank=True, help_text="Why this item, and what to draw out. Markdown.", verbose_name="trainer's note")),
                        ("discussion_questions", models.TextField(blank=True, help_text="Questions for a training group, one per line.")),
                        ("path", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="items", to="paths.path")),
                        ("principle", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="path_items", to="principles.principle")),
                        ("resource", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="path_items", to="principles.resource")),
                        ("statistic", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="path_items", to="principles.statistic")),
                        ("story", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="path_items", to="stories.story")),
                    ],
                    options={
                        "verbose_name": "path item",
                        "ordering": ["order", "pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("principle__isnull", True), ("resource__isnull", True), ("statistic__isnull", True), ("story__isnull", False)),
                                    models.Q(("principle__isnull", False), ("resource__isnull", True), ("statistic__isnull", True), ("story__isnull", True)),
                                    models.Q(("principle__isnull", True), ("resource__isnull", True), ("statistic__isnull", False), ("story__isnull", True)),
                                    models.Q(("principle__isnull", True), ("resource__isnull", False), ("statistic__isnull", True), ("story__isnull", True)),
                                    _connector="OR",
                                ),
                                name="paths_pathitem_exactly_one_target",
                                violation_error_message="Choose exactly one story, principle, statistic or resource for each item.",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
