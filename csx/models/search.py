"""The search index's tables, the search log and editors' synonyms (the search itself
lives in csx/search/)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class WeightedVector(models.Expression):
    """The words of some columns as one tsvector, weighted A, B, C, D in the order given.

    On PostgreSQL, a stored generated column that websearch queries match. Elsewhere an empty
    string: SQLite keeps its words in an FTS5 table instead (migration 0003), but the column
    must exist for the model's queries, which select every column.
    """

    output_field = SearchVectorField()

    def __init__(self, *columns):
        super().__init__()
        self.columns = [models.F(column) for column in columns]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = expressions

    def as_sql(self, compiler, connection):
        return "''", []

    def as_postgresql(self, compiler, connection):
        parts, params = [], []
        for weight, column in zip("ABCD", self.columns, strict=False):
            sql, column_params = compiler.compile(column)
            parts.append(f"setweight(to_tsvector('english', {sql}), '{weight}')")
            params += column_params
        return " || ".join(parts), params


class VectorIndex(GinIndex):
    """A GIN index on PostgreSQL. Elsewhere an SQL comment, which does nothing: Django's
    schema editor runs whatever SQL an index gives it, and SQLite searches FTS5 instead."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self.postgresql_only()
        return super().create_sql(model, schema_editor, using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self.postgresql_only()
        return super().remove_sql(model, schema_editor, **kwargs)

    def postgresql_only(self):
        return f"-- {self.name}: a GIN index on PostgreSQL only"


class TrigramIndex(models.Index):
    """A trigram GIN index of a column in capitals on PostgreSQL, which the admin's searches
    (`icontains`: UPPER(column) LIKE UPPER('%word%')) read instead of every row, for words of
    three letters or more; elsewhere a comment, as VectorIndex. Its SQL is written here:
    Django places an operator class after an expression only with django.contrib.postgres
    installed, which would add its type lookups to every connection."""

    def __init__(self, *, column, name):
        self.column = column
        super().__init__(fields=[column], name=name)

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        return path, (), {"column": self.column, "name": self.name}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self.postgresql_only()
        quote = schema_editor.quote_name
        column = quote(model._meta.get_field(self.column).column)
        table = quote(model._meta.db_table)
        name = quote(self.name)
        return f"CREATE INDEX {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)"

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self.postgresql_only()
        return super().remove_sql(model, schema_editor, **kwargs)

    postgresql_only = VectorIndex.postgresql_only


class SearchEntry(models.Model):
    """The searchable text of one approved item, kept in step with it on every save.

    The database indexes these rows itself: weighted tsvectors with GIN indexes on
    PostgreSQL (`vector` of every field; `head`, without the body, finds the entries that
    match there without reading bodies), an FTS5 table kept by triggers on SQLite (see
    migration 0003).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, db_index=True)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # An approved item is indexed before it goes live and stays until removed; every search
    # keeps to these times itself (csx/search/backends/), so an item appears and leaves
    # at its times without a save or a scheduled job.
    go_live_at = models.DateTimeField(null=True, blank=True)
    take_down_at = models.DateTimeField(null=True, blank=True)
    vector = models.GeneratedField(
        expression=WeightedVector("title", "summary", "keywords", "body"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    head = models.GeneratedField(
        expression=WeightedVector("title", "summary", "keywords"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # What the entry means, as the embedding model reads it (csx/search/meaning.py): float16
    # values, compared in memory; null when the model could not be loaded. Nullable, so that
    # SQLite adds the column rather than rebuilding the table (which drops its FTS5 triggers).
    meaning = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_entry_per_item")
        ]
        indexes = [
            VectorIndex(fields=["vector"], name="csx_searchentry_vector"),
            VectorIndex(fields=["head"], name="csx_searchentry_head"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word some published item holds, for "did you mean" when a search finds nothing.

    `entries` counts the index entries holding it; a word no entry holds any more (its item
    was unpublished, withdrawn or edited) is deleted, so it is never suggested.
    """

    word = models.CharField(max_length=60, unique=True)
    entries = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchLog(models.Model):
    """How often a query was searched for on one day, and how many results it last had.

    Nothing about who searched: the query (normalised: lower case, single spaces), the
    count, the day.
    """

    query = models.CharField(max_length=200)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=1)
    results = models.PositiveIntegerField(help_text="Results the last search of the day had.")

    class Meta:
        verbose_name = "search"
        verbose_name_plural = "searches"
        ordering = ["-day", "-searches", "query"]
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="one_log_row_per_query_and_day")
        ]

    def __str__(self):
        return f"{self.query} ({self.day})"


class Synonym(models.Model):
    """Words and phrases readers use for the same thing: a search for one finds them all."""

    # As the editor typed them; csx.search.words reads them (synonym_phrases).
    terms = models.CharField(
        max_length=300,
        unique=True,
        help_text="Two or more words or short phrases that mean the same, separated by "
        "commas, for example: refund, money back. Searches use them at once.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why, for other editors.")

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return self.terms
