from django.apps import AppConfig
from django.db.models.signals import post_delete


class CsxConfig(AppConfig):
    name = "csx"
    verbose_name = "Library"

    def ready(self):
        from csx.models import Content
        from csx.models.withdrawals import record_deletion
        from csx.search import signals

        signals.connect()
        for model in self.apps.get_models():
            if issubclass(model, Content):
                post_delete.connect(
                    record_deletion, sender=model, dispatch_uid=f"withdraw-{model.__name__}"
                )
