"""The actions on a selection in a content list: publish, withdraw, mark reviewed. Publishing
and withdrawing each ask first, on a page that lists every item with what it changes for
readers (publish) or where it is used (withdraw); the page posts the action again with
"post". Each goes through the editorial service (csx/editorial/bulk.py)."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from csx.editorial import bulk, history, usage, workflow


class ListActions:
    """ContentAdmin's actions (its `actions` names them; `publish` is its permission)."""

    @admin.action(description="Publish the selected items", permissions=["publish"])
    def publish_selected(self, request, queryset):
        items = bulk.publishable(queryset)
        if not items:
            self.message_user(request, "All the selected items are published already.")
            return None
        if request.POST.get("post") != "yes":
            entries = [
                {
                    "item": item,
                    "changes": workflow.changes(item),
                    "seen": history.stamp(item),
                    "problems": item.publish_problems(),
                }
                for item in items
            ]
            skipped = queryset.exclude(pk__in=items)
            return self.confirm_action(request, "publish", entries, skipped)
        seen = {item.pk: request.POST.get(f"seen-{item.pk}") for item in items}
        published, refused = bulk.publish_each(
            items, request.user, seen, comment="Published from the list."
        )
        for item, why in refused:
            self.message_user(request, f"“{item}” was not published: {why}", messages.ERROR)
        self.message_user(request, f"Published {len(published)} item(s).", messages.SUCCESS)
        return None

    @admin.action(description="Withdraw the selected items", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        items = bulk.withdrawable(queryset)
        if not items:
            self.message_user(
                request, "None of the selected items is published: nothing to withdraw."
            )
            return None
        if request.POST.get("post") != "yes":
            entries = [{"item": item, "used_in": usage.used_in(item)} for item in items]
            skipped = queryset.exclude(pk__in=items)
            return self.confirm_action(request, "withdraw", entries, skipped)
        withdrawn = bulk.withdraw_each(items, request.user)
        self.message_user(
            request,
            f"Withdrew {len(withdrawn)} item(s): readers no longer see them, and their links "
            "say so. They are kept here, with their history, to publish again later.",
            messages.SUCCESS,
        )
        return None

    def confirm_action(self, request, verb, entries, skipped):
        """The page a list action asks on before it changes what readers see (`skipped`:
        the selected items it leaves as they are)."""
        what = f"“{entries[0]['item']}”" if len(entries) == 1 else f"these {len(entries)} items"
        context = {
            **self.admin_site.each_context(request),
            "title": f"{verb.capitalize()} {what}?",
            "subtitle": None,
            "opts": self.opts,
            "entries": entries,
            "skipped": skipped,
            "action": f"{verb}_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, f"admin/workspace/{verb}_confirmation.html", context)

    # "Last reviewed on" is shown to readers: saying so of a live item is a publisher's word.
    @admin.action(description="Mark the selected items reviewed today", permissions=["publish"])
    def mark_reviewed(self, request, queryset):
        items = list(queryset)
        for item in items:
            item.mark_reviewed()
            item.save(update_fields=["reviewed_on", "review_by"])
        self.message_user(
            request,
            f"Marked {len(items)} item(s) reviewed today; each is due again after its "
            "type's review interval.",
            messages.SUCCESS,
        )
