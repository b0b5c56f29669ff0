"""Handling reader input in the admin, the same way for shared stories, feedback and
verification tasks (models.Handled): a state (open, answered, dismissed), an assignee and a
note on each form; list filters by state and assignee; bulk actions to set the state or take
items on; an assignment tells the assignee (csx/editorial/notifications.py)."""

from django.contrib import admin, messages

from csx.editorial import notifications
from csx.feedback.models import State

HANDLING_FIELDS = ["state", "assignee", "note"]
HANDLING_FILTERS = ["state", ("assignee", admin.RelatedOnlyFieldListFilter)]


def mark_as(state):
    """The bulk action that puts the selected items in `state`."""

    @admin.action(description=f"Mark as {state.label.lower()}", permissions=["change"])
    def mark(modeladmin, request, queryset):
        moved, refused = queryset.mark(state)
        modeladmin.message_user(request, f"Marked {moved} as {state.label.lower()}.")
        if refused:
            modeladmin.message_user(
                request,
                f"{refused} left as they were: their statistic has another open task.",
                messages.WARNING,
            )

    mark.__name__ = f"mark_{state.value}"
    return mark


@admin.action(description="Assign to me", permissions=["change"])
def assign_to_me(modeladmin, request, queryset):
    count = queryset.update(assignee=request.user)
    modeladmin.message_user(request, f"Assigned {count} to you.")


HANDLING_ACTIONS = [*(mark_as(state) for state in State), assign_to_me]


class HandledAdmin(admin.ModelAdmin):
    """What each admin of reader input shares; its own list, fields and actions add to it."""

    list_select_related = ["assignee"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "assignee":  # a person to pick, not users to edit from here
            return self.formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "assignee" in form.changed_data and obj.assignee is not None:
            notifications.assigned(obj, request.user)
