"""Provenance grades are valid, and "composite" is a scenario's grade and only a scenario's."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0003_grade_existing_stories")]

    operations = [
        migrations.AddConstraint(
            model_name='story',
            constraint=models.CheckConstraint(condition=models.Q(('provenance__in', ['company', 'press', 'retold', 'review', 'composite'])), name='stories_story_provenance_valid'),
        ),
        migrations.AddConstraint(
            model_name='story',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'scenario'), ('provenance', 'composite')), models.Q(models.Q(('kind', 'scenario'), _negated=True), models.Q(('provenance', 'composite'), _negated=True)), _connector='OR'), name='stories_story_scenarios_are_composite', violation_error_message="A scenario's provenance is “composite scenario”, and only a scenario's is."),
        ),
    ]
