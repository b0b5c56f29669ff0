"""Step addresses change from numbers to item ids; items get a timing.

Until now a step's address was its position among the items readers saw, so withdrawing one
item sent the links of every later step to the item after it. Each item keeps the number it
has today (`legacy_number`), and /paths/<slug>/<n>/ leads to that item for good.
"""

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

TARGETS = ["story", "principle", "statistic", "resource"]


def number_the_steps_readers_see(apps, schema_editor):
    """Today's step numbers: the position of each item among those with a published target."""
    PathItem = apps.get_model("paths", "PathItem")
    now = timezone.now()
    published = Q()
    for name in TARGETS:
        published |= Q(**{f"{name}__status": "published", f"{name}__published_at__lte": now})
    steps = PathItem.objects.filter(published).order_by("path", "order", "pk")
    numbered, path, number = [], None, 0
    for item in steps:
        number = number + 1 if item.path_id == path else 1
        path = item.path_id
        item.legacy_number = number
        numbered.append(item)
    PathItem.objects.bulk_update(numbered, ["legacy_number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("paths", "0001_initial"),
        ("principles", "0001_initial"),
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="pathitem",
            name="legacy_number",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="pathitem",
            name="minutes",
            field=models.PositiveSmallIntegerField(
                blank=True, help_text="Roughly how long to spend on it in a session.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="pathitem",
            name="discussion_questions",
            field=models.TextField(
                blank=True,
                help_text="Questions for a training group, one per line. Left blank, a story's own discussion questions are used in the handout and present mode.",
            ),
        ),
        migrations.RunPython(number_the_steps_readers_see, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="pathitem",
            constraint=models.UniqueConstraint(
                fields=("path", "legacy_number"), name="paths_pathitem_one_legacy_number"
            ),
        ),
    ]
