"""The review workflow's statuses (in review, withdrawn) and the "take down at" time."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('principles', '0005_editors_log_checks'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='principle',
            name='principles_principle_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='resource',
            name='principles_resource_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='statistic',
            name='principles_statistic_status_valid',
        ),
        migrations.AddField(
            model_name='principle',
            name='take_down_at',
            field=models.DateTimeField(blank=True, help_text='When readers stop seeing it (its links then say it was withdrawn). Leave empty to keep it.', null=True, verbose_name='take down at'),
        ),
        migrations.AddField(
            model_name='resource',
            name='take_down_at',
            field=models.DateTimeField(blank=True, help_text='When readers stop seeing it (its links then say it was withdrawn). Leave empty to keep it.', null=True, verbose_name='take down at'),
        ),
        migrations.AddField(
            model_name='statistic',
            name='take_down_at',
            field=models.DateTimeField(blank=True, help_text='When readers stop seeing it (its links then say it was withdrawn). Leave empty to keep it.', null=True, verbose_name='take down at'),
        ),
        migrations.AlterField(
            model_name='principle',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When readers first see it. Left empty, it goes live when approved; a later time schedules it.', null=True, verbose_name='go live at'),
        ),
        migrations.AlterField(
            model_name='principle',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16),
        ),
        migrations.AlterField(
            model_name='resource',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When readers first see it. Left empty, it goes live when approved; a later time schedules it.', null=True, verbose_name='go live at'),
        ),
        migrations.AlterField(
            model_name='resource',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16),
        ),
        migrations.AlterField(
            model_name='statistic',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When readers first see it. Left empty, it goes live when approved; a later time schedules it.', null=True, verbose_name='go live at'),
        ),
        migrations.AlterField(
            model_name='statistic',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16),
        ),
        migrations.AddConstraint(
            model_name='principle',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'withdrawn'])), name='principles_principle_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='principle',
            constraint=models.CheckConstraint(condition=models.Q(('take_down_at__isnull', True), ('published_at__isnull', True), ('take_down_at__gt', models.F('published_at')), _connector='OR'), name='principles_principle_taken_down_after_going_live', violation_error_message='“Take down at” must come after “go live at”.'),
        ),
        migrations.AddConstraint(
            model_name='resource',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'withdrawn'])), name='principles_resource_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='resource',
            constraint=models.CheckConstraint(condition=models.Q(('take_down_at__isnull', True), ('published_at__isnull', True), ('take_down_at__gt', models.F('published_at')), _connector='OR'), name='principles_resource_taken_down_after_going_live', violation_error_message='“Take down at” must come after “go live at”.'),
        ),
        migrations.AddConstraint(
            model_name='statistic',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'withdrawn'])), name='principles_statistic_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='statistic',
            constraint=models.CheckConstraint(condition=models.Q(('take_down_at__isnull', True), ('published_at__isnull', True), ('take_down_at__gt', models.F('published_at')), _connector='OR'), name='principles_statistic_taken_down_after_going_live', violation_error_message='“Take down at” must come after “go live at”.'),
        ),
    ]
