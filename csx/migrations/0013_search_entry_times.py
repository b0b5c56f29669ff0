"""Search entries carry their item's go-live and take-down times, which every search keeps to.

Entries made before this hold published items only; they take their items' times here.
Items scheduled before this migration enter the index at their next save, or with
`manage.py rebuild_search_index`.
"""

from django.db import migrations, models

CONTENT_MODELS = [
    ("stories", "story"),
    ("stories", "company"),
    ("principles", "principle"),
    ("principles", "statistic"),
    ("principles", "resource"),
    ("paths", "path"),
]


def copy_times(apps, schema_editor):
    SearchEntry = apps.get_model("csx", "SearchEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model_name in CONTENT_MODELS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        model = apps.get_model(app_label, model_name)
        for pk, go_live_at in model.objects.values_list("pk", "published_at"):
            SearchEntry.objects.filter(content_type=content_type, object_id=pk).update(
                go_live_at=go_live_at
            )


class Migration(migrations.Migration):

    dependencies = [
        ('csx', '0012_sources_worth_the_name'),
        ('stories', '0005_review_statuses_and_take_down'),
        ('principles', '0006_review_statuses_and_take_down'),
        ('paths', '0004_review_statuses_and_take_down'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='take_down_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(copy_times, migrations.RunPython.noop),
    ]
