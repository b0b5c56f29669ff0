"""The format revisions are kept in: Django's JSON, with each item's tags as their names.

Taggit's tags are not a plain many-to-many (their rows are TaggedItems, and Django's
serializers skip them), so a revision would otherwise forget them. Kept by name, a tag
removed or renamed since is simply made again when the revision is applied.
"""

from django.core.serializers import json as django_json
from taggit.managers import TaggableManager

NAME = "csx_json"


def tag_fields(model):
    return [field for field in model._meta.get_fields() if isinstance(field, TaggableManager)]


class Serializer(django_json.Serializer):
    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        for field in tag_fields(type(obj)):
            data["fields"][field.name] = sorted(getattr(obj, field.name).names())
        return data


class Deserializer(django_json.Deserializer):
    def _handle_m2m_field_node(self, field, field_value):
        if isinstance(field, TaggableManager):
            return list(field_value)  # names: the manager's set() makes missing tags
        return super()._handle_m2m_field_node(field, field_value)
