"""No side route around review: an editor (no publish permission) walks every screen of the
admin (each change list and its editable column, each action, each add, change and delete
form, posted with its values changed a little) and no reader sees a thing change. What
readers see is the rows behind their pages (`readers_rows`): every live item with what it
owns and its tags, the sources they cite, and the rows that go live the moment they are
saved (synonyms, withdrawals, old addresses of items and of tags, verification logs)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.urls import NoReverseMatch, reverse
from reversion import is_registered
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from csx.content import registry
from csx.editorial import history, preview
from csx.feedback.models import Feedback, Submission, VerificationTask
from csx.models import (
    AuditEvent,
    RetiredTag,
    SearchLog,
    SlugHistory,
    Source,
    Status,
    Synonym,
    Withdrawal,
)
from principles.models import Principle, Statistic, VerificationCheck
from tests.admin_forms import field_data
from tests.factories import (
    add_item,
    make_checked_statistic,
    make_company,
    make_path,
    make_practice,
    make_principle,
    make_resource,
    make_source,
    make_story,
)

pytestmark = pytest.mark.django_db

OBJECTS_PER_MODEL = 6  # the live ones first: a walk of every row would only repeat itself


@pytest.fixture
def library(publisher):
    """A little of everything the admin lists, most of it live."""
    source = make_source(title="A study of harbours")
    first = make_principle(title="Listen", order=1, tags=["listening"])
    second = make_principle(title="Own it", order=2, tags=["ownership"])
    make_practice(first, order=1)
    story = make_story(principles=[first], sources=[source], tags=["harbours", "listening"])
    make_story(title="A draft", status=Status.DRAFT, tags=["drafts"])
    statistic = make_checked_statistic(principles=[second], tags=["numbers"])
    make_company(tags=["harbours"])
    make_resource(principles=[first])
    add_item(make_path(), story, order=1)
    make_story(slug="gone").delete()  # a withdrawal, and its old address
    Synonym.objects.create(terms="harbour, port", note="Readers say both.")
    Tag.objects.create(name="unused")
    SearchLog.objects.create(query="harbour", day="2026-01-01", searches=3, results=1)
    preview.make_link(story, publisher)
    Submission.objects.create(what_happened="They listened.", went="well", consent=True)
    Feedback.objects.create(item=story, helpful=True, comment="Useful.")
    VerificationTask.open_for(statistic)
    for item in [story, first, statistic]:
        history.ensure_revision(item)


def serialized(queryset):
    return serializers.serialize("python", queryset.order_by("pk"))


def readers_rows():
    """Every row behind what readers see, as it stands."""
    rows, live_items = {}, []
    for kind in registry.TYPES:
        model = kind.model
        live = model.objects.filter(status=Status.PUBLISHED)
        rows[kind.label] = serialized(live)
        live_items += list(live)
        for relation in history.owned(model):
            field = model._meta.get_field(relation)
            children = field.related_model.objects.filter(**{f"{field.field.name}__in": live})
            rows[f"{kind.label}.{relation}"] = serialized(children)
    rows["tags of live items"] = sorted(
        (item._meta.label, item.pk, tag.name, tag.slug)
        for item in live_items
        for tag in item.tags.all()
    )
    rows[Source._meta.label] = serialized(Source.objects.published())  # a cited source
    for model in [Synonym, Withdrawal, VerificationCheck]:
        rows[model._meta.label] = serialized(model.objects.all())
    rows["old tag addresses"] = serialized(RetiredTag.objects.filter(public=True))
    # Old addresses of what readers can reach (a draft's old slug leads nowhere public).
    reachable = {(ContentType.objects.get_for_model(row).pk, row.pk) for row in live_items}
    reachable |= {(ContentType.objects.get_for_model(Source).pk, pk) for pk in
                  Source.objects.published().values_list("pk", flat=True)}  # fmt: skip
    rows[SlugHistory._meta.label] = sorted(
        (row.content_type_id, row.object_id, row.slug)
        for row in SlugHistory.objects.all()
        if (row.content_type_id, row.object_id) in reachable
    )
    return rows


def nudged(form):
    """The POST data of `form` as shown, with each value a reader could see changed a little."""
    data = field_data(form)
    for name, field in form.fields.items():
        bound = form[name]
        key, value = bound.html_name, data.get(bound.html_name)
        if field.disabled or isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, forms.BooleanField):
            data.pop(key, None) if value else data.update({key: "on"})
        elif isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
            continue
        elif isinstance(field, forms.ChoiceField):
            others = [str(v) for v, _ in field.choices if str(v) not in ("", str(value))]
            if others and not isinstance(value, list):
                data[key] = others[0]
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            if value not in (None, ""):
                data[key] = str(int(float(value)) + 1)
        elif isinstance(field, forms.URLField):
            data[key] = "https://example.org/changed"
        elif isinstance(field, forms.SlugField):
            if value:
                data[key] = f"{value}-x"
        elif isinstance(field, forms.EmailField | forms.DateField | forms.DateTimeField):
            continue
        elif isinstance(field, forms.CharField) and isinstance(value, str) and value:
            data[key] = f"{value} x"
    return data


def nudged_change_form(response):
    data = nudged(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(field_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(nudged(form))
    return data


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def objects(model, model_admin):
    """A few rows of `model`, live ones first."""
    rows = list(model._default_manager.order_by("pk"))
    live = [row for row in rows if getattr(row, "status", None) == Status.PUBLISHED]
    return (live + [row for row in rows if row not in live])[:OBJECTS_PER_MODEL]


def assert_answered(response):
    # The test client raises what the view raised: a 500 fails the walk before this.
    assert response.status_code in (200, 302, 403), response.status_code


def walk_changelist(client, model):
    page = client.get(url(model, "changelist"))
    assert_answered(page)
    if page.status_code != 200:
        return []
    cl = page.context["cl"]
    if cl.formset is not None:  # the list's editable column
        data = field_data(cl.formset.management_form)
        for form in cl.formset.forms:
            data.update(nudged(form))
        assert_answered(client.post(url(model, "changelist"), {**data, "_save": "Save"}))
    action_form = page.context.get("action_form")
    return [name for name, _ in action_form.fields["action"].choices if name] if action_form else []


def walk_action(client, model, action, rows):
    selected = {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows], "index": 0}
    response = client.post(url(model, "changelist"), selected)
    assert_answered(response)
    if response.status_code == 200 and "post" in response.content.decode():
        # A confirmation page (delete_selected, merge_selected): confirm.
        confirm = {**selected, "post": "yes", "name": "merged"}
        assert_answered(client.post(url(model, "changelist"), confirm))


def walk_form(client, address, actions=("save", "submit", "publish")):
    page = client.get(address)
    assert_answered(page)
    if page.status_code != 200 or "adminform" not in page.context:
        return
    data = nudged_change_form(page)
    for action in actions:
        assert_answered(client.post(address, {**data, "_action": action}))


def walk_own_views(client, model, row):
    """The views an admin adds to Django's: withdrawing, restoring an old version."""
    for view in ["withdraw"]:
        try:
            address = url(model, view, row.pk)
        except NoReverseMatch:
            continue
        assert_answered(client.get(address))
        assert_answered(client.post(address))
    version = Version.objects.get_for_object(row).last() if is_registered(model) else None
    if version is not None:
        try:
            address = url(model, "restore", row.pk, version.pk)
        except NoReverseMatch:
            return
        assert_answered(client.post(address))


def walk(client, model, model_admin):
    """Every screen of one model's admin, as the signed-in `client` can reach it."""
    actions = walk_changelist(client, model)
    walk_form(client, url(model, "add"))
    rows = objects(model, model_admin)
    for row in rows:
        walk_form(client, url(model, "change", row.pk))
        walk_own_views(client, model, row)
    for action in actions:
        walk_action(client, model, action, objects(model, model_admin))
    for row in objects(model, model_admin):
        address = url(model, "delete", row.pk)
        assert_answered(client.get(address))
        assert_answered(client.post(address, {"post": "yes"}))


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_an_editor_changes_no_live_page_through_any_admin_screen(library, editor_client, model):
    before = readers_rows()
    walk(editor_client, model, admin.site._registry[model])
    after = readers_rows()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], f"an editor changed what readers see: {changed}"


def test_the_walk_reaches_every_kind_of_screen(library, editor_client):
    """The walk is not empty: the editor meets an editable column, the actions, and a change
    form of every model the library fixture makes rows of."""
    page = editor_client.get(url(Principle, "changelist"))
    assert page.context["cl"].formset is not None
    assert "delete_selected" in walk_changelist(editor_client, Principle)
    for model in [Tag, Source, Synonym, Withdrawal, Statistic, AuditEvent, VerificationTask]:
        assert objects(model, admin.site._registry[model]), model
    assert ContentType.objects.get_for_model(Principle)
    assert TaggedItem.objects.exists()
