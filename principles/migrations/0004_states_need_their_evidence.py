"""The database keeps the verification states honest: "checked" only with the primary source
and the quoted wording; "disputed" only with a second origin and the editor's note."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("principles", "0003_start_the_verification_log")]

    operations = [
        migrations.AddConstraint(
            model_name='statistic',
            constraint=models.CheckConstraint(condition=models.Q(('verification__in', ['secondary', 'checked', 'disputed', 'withdrawn'])), name='principles_statistic_verification_valid'),
        ),
        migrations.AddConstraint(
            model_name='statistic',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('verification', 'checked'), _negated=True), models.Q(('primary_source__isnull', False), models.Q(('quoted_wording', ''), _negated=True)), _connector='OR'), name='principles_statistic_checked_has_primary'),
        ),
        migrations.AddConstraint(
            model_name='statistic',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('verification', 'disputed'), _negated=True), models.Q(models.Q(('other_origin', ''), _negated=True), models.Q(('dispute_note', ''), _negated=True)), _connector='OR'), name='principles_statistic_disputed_has_two_origins'),
        ),
    ]
