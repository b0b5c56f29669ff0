"""Where an item is used: paths and their steps, items that link to it or cite it, pages
whose text links to it; and what deleting it would take with it, in words people read.

    used_in(item)                     [Use], for its change page and before deleting it
    deleted_objects(objs, request, admin_site)   the admin's delete page, in plain words
    cited_by_live(source)             a live page cites this source
"""

from dataclasses import dataclass

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import Q
from django.utils.html import format_html
from django.utils.text import capfirst
from taggit.models import TaggedItem

from csx.content import references, registry
from csx.content.admin_links import admin_url


@dataclass
class Use:
    item: object  # the path, story, statistic... that uses it
    how: str  # "step 3", "its principles", "its cited in", "a link in its text"

    @property
    def kind(self):
        return capfirst(self.item._meta.verbose_name)

    @property
    def admin_url(self):
        return admin_url(self.item)

    @property
    def state(self):
        state = getattr(self.item, "state", None)
        return state.label if state is not None else ""


def used_in(item):
    """Every place that uses `item`, paths first."""
    if item is None or item.pk is None:
        return []
    return [*path_steps(item), *related(item), *text_links(item)]


def path_steps(item):
    name = registry.of(item).name if registry.of(item) else None
    if name not in registry.PATH_TARGETS:
        return []
    uses = []
    for step in registry.step_model().objects.filter(**{name: item}).select_related("path"):
        position = list(step.path.items.values_list("pk", flat=True)).index(step.pk) + 1
        uses.append(Use(step.path, f"step {position}"))
    return uses


def related(item):
    """Items of the library that point at `item` through a relation of theirs."""
    owned = set(getattr(type(item), "seed_children", ()))
    library = set(registry.models())
    uses = []
    for relation in type(item)._meta.related_objects:
        model = relation.related_model
        if model not in library or relation.get_accessor_name() in owned:
            continue
        for other in getattr(item, relation.get_accessor_name()).all():
            uses.append(Use(other, f"its {relation.field.verbose_name}"))
    return uses


def text_links(item):
    """Items whose Markdown links to `item`: by reference (`story:its-slug`, which survives
    renames), or by its page's or short link's address."""
    uses = [Use(holder, "a reference in its text") for holder in references.used_in(item)]
    if registry.of(item) is None:
        return uses
    addresses = [item.get_absolute_url()]
    if item.get_short_url():
        addresses.append(item.get_short_url())
    for model in registry.models():
        linking = Q()
        for address in addresses:
            linking |= Q(body__contains=f"]({address}") | Q(
                body__contains=f"]({address.rstrip('/')})"
            )
        for other in model.objects.filter(linking).exclude(
            pk=item.pk if model is type(item) else None
        ):
            uses.append(Use(other, "a link in its text"))
    return uses


def cited_by_live(source):
    """Whether a published item cites `source` in any way its page shows (CITING)."""
    from csx.models.sources import CITING

    for relation in CITING:
        field = source._meta.get_field(relation).field
        if field.model.objects.published().filter(**{field.name: source}).exists():
            return True
    return False


# The delete page.


def describe(obj, admin_site, request, perms_needed):
    """One row that deleting takes with it, as a person would say it."""
    model = type(obj)
    if isinstance(obj, TaggedItem):
        return f"Its tag “{obj.tag}” (the tag stays for other items)"
    if isinstance(obj, registry.step_model()):
        position = list(obj.path.items.values_list("pk", flat=True)).index(obj.pk) + 1
        return format_html(
            'Step {} of the path <a href="{}">{}</a> (the path stays, without this step)',
            position,
            admin_url(obj.path),
            obj.path,
        )
    if model._meta.auto_created:  # the row of a many-to-many link
        ends = [getattr(obj, f.name) for f in model._meta.fields if f.many_to_one]
        return "The link between {} and {}".format(*(f"“{end}”" for end in ends))
    if admin_site.is_registered(model):
        if not admin_site.get_model_admin(model).has_delete_permission(request, obj):
            perms_needed.add(model._meta.verbose_name)
        url = admin_url(obj)
        if url:
            return format_html(
                '{} <a href="{}">{}</a>', capfirst(model._meta.verbose_name), url, obj
            )
    return f"{capfirst(model._meta.verbose_name)} “{obj}”"


def kind_of_row(model):
    if model is TaggedItem:
        return "tags"
    if model is registry.step_model():
        return "path steps"
    if model._meta.auto_created:
        ends = [
            f.related_model._meta.verbose_name_plural for f in model._meta.fields if f.many_to_one
        ]
        return f"links to {ends[-1]}"
    return str(model._meta.verbose_name_plural)


def deleted_objects(objs, request, admin_site):
    """What Django's admin asks before deleting, named as people would name it."""
    objs = list(objs)
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])), origin=objs)
    collector.collect(objs)
    tags = TaggedItem.objects.filter(
        content_type__app_label=objs[0]._meta.app_label,
        content_type__model=objs[0]._meta.model_name,
        object_id__in=[obj.pk for obj in objs],
    ).select_related("tag")
    perms_needed = set()
    to_delete = collector.nested(lambda obj: describe(obj, admin_site, request, perms_needed))
    to_delete += [describe(row, admin_site, request, perms_needed) for row in tags]
    protected = [describe(obj, admin_site, request, set()) for obj in collector.protected]
    model_count = {kind_of_row(model): len(rows) for model, rows in collector.model_objs.items()}
    if tags:
        model_count["tags"] = len(tags)
    return to_delete, model_count, perms_needed, protected
