"""Onboarding paths move to their own app (`csx.paths`, label `paths`), rows and all.

The tables are renamed, not rebuilt, and the two content types are relabelled in place (same
ids), so the tags, slug history, withdrawals and Editors' permissions that point at paths keep
pointing at them. The check constraints take the new app's names (the content base names them
after the app label). `paths.0001_initial` takes the models over in Django's state.

The content types move here, in the same migration as the tables (not in `paths`), so that at
every state the labels say where the tables are: post_migrate, which makes the content types
of the migrated state, then finds `paths.path` and makes no second one, even after `migrate csx`
alone."""

from django.db import migrations, models

MODELS = ["path", "pathitem"]
EXACTLY_ONE_TARGET = models.Q(
    models.Q(("principle__isnull", True), ("resource__isnull", True), ("statistic__isnull", True), ("story__isnull", False)),
    models.Q(("principle__isnull", False), ("resource__isnull", True), ("statistic__isnull", True), ("story__isnull", True)),
    models.Q(("principle__isnull", True), ("resource__isnull", True), ("statistic__isnull", False), ("story__isnull", True)),
    models.Q(("principle__isnull", True), ("resource__isnull", False), ("statistic__isnull", True), ("story__isnull", True)),
    _connector="OR",
)
# (model, old name, new name, condition, violation message)
CONSTRAINTS = [
    ("path", "csx_path_status_valid", "paths_path_status_valid",
     models.Q(("status__in", ["draft", "published"])), None),
    ("path", "csx_path_published_has_date", "paths_path_published_has_date",
     models.Q(models.Q(("status", "published"), _negated=True), ("published_at__isnull", False), _connector="OR"), None),
    ("path", "csx_path_title", "paths_path_title", models.Q(("title", ""), _negated=True), None),
    ("path", "csx_path_slug", "paths_path_slug", models.Q(("slug", ""), _negated=True), None),
    ("pathitem", "csx_pathitem_exactly_one_target", "paths_pathitem_exactly_one_target", EXACTLY_ONE_TARGET,
     "Choose exactly one story, principle, statistic or resource for each item."),
]


def rename_constraints():
    for model, old, new, condition, message in CONSTRAINTS:
        yield migrations.RemoveConstraint(model_name=model, name=old)
        yield migrations.AddConstraint(
            model_name=model,
            constraint=models.CheckConstraint(condition=condition, name=new, violation_error_message=message),
        )


def move_content_types(from_label, to_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        types = ContentType.objects.using(schema_editor.connection.alias)
        for model in MODELS:
            if types.filter(app_label=from_label, model=model).exists():
                # New code that met the old tables (a request before `migrate`) may have made
                # an empty twin: get_for_model() creates what it does not find. The rows' wins.
                types.filter(app_label=to_label, model=model).delete()
                types.filter(app_label=from_label, model=model).update(app_label=to_label)
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("csx", "0007_search_head"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("path", "paths_path"),
                migrations.AlterModelTable("pathitem", "paths_pathitem"),
                *rename_constraints(),
            ],
            state_operations=[
                migrations.DeleteModel("pathitem"),
                migrations.DeleteModel("path"),
            ],
        ),
        migrations.RunPython(
            move_content_types("csx", "paths"), move_content_types("paths", "csx")
        ),
    ]
