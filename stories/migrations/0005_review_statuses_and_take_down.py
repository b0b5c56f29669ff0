"""The review workflow's statuses (in review, withdrawn) and the "take down at" time."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0004_scenarios_are_composite'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='company',
            name='stories_company_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='story',
            name='stories_story_status_valid',
        ),
        migrations.AddField(
            model_name='company',
            name='take_down_at',
            field=models.DateTimeField(blank=True, help_text='When readers stop seeing it (its links then say it was withdrawn). Leave empty to keep it.', null=True, verbose_name='take down at'),
        ),
        migrations.AddField(
            model_name='story',
            name='take_down_at',
            field=models.DateTimeField(blank=True, help_text='When readers stop seeing it (its links then say it was withdrawn). Leave empty to keep it.', null=True, verbose_name='take down at'),
        ),
        migrations.AlterField(
            model_name='company',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When readers first see it. Left empty, it goes live when approved; a later time schedules it.', null=True, verbose_name='go live at'),
        ),
        migrations.AlterField(
            model_name='company',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16),
        ),
        migrations.AlterField(
            model_name='story',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='When readers first see it. Left empty, it goes live when approved; a later time schedules it.', null=True, verbose_name='go live at'),
        ),
        migrations.AlterField(
            model_name='story',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=16),
        ),
        migrations.AddConstraint(
            model_name='company',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'withdrawn'])), name='stories_company_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='company',
            constraint=models.CheckConstraint(condition=models.Q(('take_down_at__isnull', True), ('published_at__isnull', True), ('take_down_at__gt', models.F('published_at')), _connector='OR'), name='stories_company_taken_down_after_going_live', violation_error_message='“Take down at” must come after “go live at”.'),
        ),
        migrations.AddConstraint(
            model_name='story',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'withdrawn'])), name='stories_story_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='story',
            constraint=models.CheckConstraint(condition=models.Q(('take_down_at__isnull', True), ('published_at__isnull', True), ('take_down_at__gt', models.F('published_at')), _connector='OR'), name='stories_story_taken_down_after_going_live', violation_error_message='“Take down at” must come after “go live at”.'),
        ),
    ]
