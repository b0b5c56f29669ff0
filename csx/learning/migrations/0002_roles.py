"""The two groups of the learning side (csx/learning/roles.py). Neither holds a permission:
trainers and learners never use the admin."""

from django.db import migrations

GROUPS = ["Trainers", "Learners"]


def make(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(make, remove)]
