from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


class CsxConfig(AppConfig):
    name = "csx"
    verbose_name = "Library"

    def ready(self):
        from csx import cache, permalinks, registry
        from csx.search import signals

        signals.connect()
        cache.connect()
        # A deploy migrates: pages drawn by the code it replaces are not served after it.
        post_migrate.connect(cache.content_changed, sender=self, dispatch_uid="page-cache-deploy")
        # A deleted source leaves a withdrawal too: its page's address was given out.
        for model in [*registry.models(), self.get_model("Source")]:
            post_delete.connect(
                permalinks.record_deletion, sender=model, dispatch_uid=f"withdraw-{model.__name__}"
            )
