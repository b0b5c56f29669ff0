"""Step addresses become numbers within their path: /paths/<slug>/steps/1/ for step 1.

Until now a step's address was its item's id (/paths/<slug>/steps/<id>/), so step 1 of a path
could be /steps/6/. Each item is numbered by its place in its path; the ids given out as
addresses are remembered (`addressed_by_id`) so that those links go on leading to their items.
A number that is already another item's old id in the same path is skipped, so no address
given out ever starts to show a different item.
"""

from django.db import migrations, models


def number_the_steps(apps, schema_editor):
    PathItem = apps.get_model("paths", "PathItem")
    items = list(PathItem.objects.order_by("path_id", "order", "pk"))
    ids_in = {}
    for item in items:
        ids_in.setdefault(item.path_id, set()).add(item.pk)
    path, number = None, 0
    for item in items:
        if item.path_id != path:
            path, number = item.path_id, 0
        number += 1
        while number in ids_in[path] - {item.pk}:
            number += 1
        item.number = number
        item.addressed_by_id = True
    PathItem.objects.bulk_update(items, ["number", "addressed_by_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("paths", "0004_review_statuses_and_take_down")]

    operations = [
        migrations.AddField(
            model_name="pathitem",
            name="number",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="pathitem",
            name="addressed_by_id",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(number_the_steps, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pathitem",
            name="number",
            field=models.PositiveSmallIntegerField(editable=False),
        ),
        migrations.AddConstraint(
            model_name="pathitem",
            constraint=models.UniqueConstraint(
                fields=("path", "number"), name="paths_pathitem_one_number"
            ),
        ),
    ]
