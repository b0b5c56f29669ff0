"""Admins of rows that readers see as soon as they change, with no review (a tag on live
pages, a source cited by them, a redirect, a search synonym): only publishers may change or
delete such a row. Each admin says which rows reach readers (`reaches_readers`); the default
is every row, the list itself included."""

from csx.editorial.permissions import can_publish


class PublisherOnly:
    def reaches_readers(self, obj):
        """Whether changing `obj` (None: the list as a whole) changes what readers see."""
        return True

    def publishers_only(self, request, allowed, obj=None):
        return allowed and (can_publish(request.user) or not self.reaches_readers(obj))

    def has_change_permission(self, request, obj=None):
        return self.publishers_only(request, super().has_change_permission(request, obj), obj)

    def has_delete_permission(self, request, obj=None):
        return self.publishers_only(request, super().has_delete_permission(request, obj), obj)
