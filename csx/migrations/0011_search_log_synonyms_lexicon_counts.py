"""The search log, editors' synonyms, and a lexicon that counts the entries holding each
word, so that "did you mean" never offers a word only unpublished items held.

The counts are made from the index as it stands; a word no entry holds leaves the lexicon.
Editors may read the search log and keep the synonyms.
"""

import re
from collections import Counter

from django.db import migrations, models

from csx.migrations._roles import grant_editors, revoke_editors

LEXICON_WORD = re.compile(r"[^\W\d_]{3,40}")  # as csx/search/index.py reads words
GRANTS = [(("csx", "synonym"), ("add", "change", "delete", "view")), (("csx", "searchlog"), ("view",))]


def count_words(apps, schema_editor):
    SearchEntry = apps.get_model("csx", "SearchEntry")
    SearchTerm = apps.get_model("csx", "SearchTerm")
    words = Counter()
    fields = ["title", "summary", "keywords", "body"]
    for entry in SearchEntry.objects.values_list(*fields).iterator(chunk_size=1000):
        words.update(set(LEXICON_WORD.findall(" ".join(entry).lower())))
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, entries=n) for word, n in sorted(words.items())], batch_size=1000
    )


def grant(apps, schema_editor):
    for model, actions in GRANTS:
        grant_editors(apps, [model], actions=actions)


def revoke(apps, schema_editor):
    for model, actions in GRANTS:
        revoke_editors(apps, [model], actions=actions)


class Migration(migrations.Migration):

    dependencies = [
        ('csx', '0010_withdrawal_replacement_same_site_path'),
    ]

    operations = [
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.CharField(help_text='Two or more words or short phrases that mean the same, separated by commas, for example: refund, money back. Searches use them at once.', max_length=300, unique=True)),
                ('note', models.CharField(blank=True, help_text='Why, for other editors.', max_length=200)),
            ],
            options={
                'ordering': ['terms'],
            },
        ),
        migrations.AddField(
            model_name='searchterm',
            name='entries',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name='SearchLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=200)),
                ('day', models.DateField()),
                ('searches', models.PositiveIntegerField(default=1)),
                ('results', models.PositiveIntegerField(help_text='Results the last search of the day had.')),
            ],
            options={
                'verbose_name': 'search',
                'verbose_name_plural': 'searches',
                'ordering': ['-day', '-searches', 'query'],
                'constraints': [models.UniqueConstraint(fields=('query', 'day'), name='one_log_row_per_query_and_day')],
            },
        ),
        migrations.RunPython(count_words, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
