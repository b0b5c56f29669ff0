from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)


class CsxConfig(AppConfig):
    name = "csx"
    verbose_name = "Library"

    def ready(self):
        from django.contrib.auth import get_user_model

        from csx.content import permalinks, registry
        from csx.editorial import audit, history, notifications, workflow
        from csx.editorial.scheduled import schedule
        from csx.search import signals
        from csx.serving import cache

        history.register()
        m2m_changed.connect(
            audit.roles_changed, sender=get_user_model().groups.through, dispatch_uid="roles"
        )
        # A schedule made or applied here is read again at once, not after RECHECK.
        for signal in (post_save, post_delete):
            signal.connect(schedule.forget, sender="csx.PendingChange", dispatch_uid="schedule")
        signals.connect()
        notifications.connect()  # who is told of workflow events, and of doubted statistics
        cache.connect()
        # A deploy migrates: pages drawn by the code it replaces are not served after it.
        post_migrate.connect(cache.content_changed, sender=self, dispatch_uid="page-cache-deploy")
        # A deleted source leaves a withdrawal too, if its page's address was given out.
        pre_delete.connect(permalinks.note_public, sender="csx.Source", dispatch_uid="source")
        for model in [*registry.models(), self.get_model("Source")]:
            post_delete.connect(
                permalinks.record_deletion, sender=model, dispatch_uid=f"withdraw-{model.__name__}"
            )
            post_delete.connect(
                workflow.forget, sender=model, dispatch_uid=f"forget-{model.__name__}"
            )
