"""Stories already in the library get a provenance grade; published items a review date."""

from datetime import timedelta

from django.db import migrations

from csx.migrations._roles import date_published


def grade_and_date(apps, schema_editor):
    """Stories already in the library get the grade their kind implies (a scenario is
    invented, a review is a review, an anecdote is at least retold), and every published item
    a review date a year after it was published (so long-published items fall due at once)."""
    Story = apps.get_model("stories", "Story")
    Story.objects.filter(kind="scenario").update(provenance="composite")
    Story.objects.filter(kind="review").update(provenance="review")
    for name in ["Story", "Company"]:
        date_published(apps.get_model("stories", name), timedelta(days=365))


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_provenance_and_review_dates")]

    operations = [migrations.RunPython(grade_and_date, migrations.RunPython.noop)]
