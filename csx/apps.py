from django.apps import AppConfig


class CsxConfig(AppConfig):
    name = "csx"
    verbose_name = "Library"

    def ready(self):
        from csx.search import signals

        signals.connect()
