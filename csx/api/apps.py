from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "csx.api"
    label = "api"
    verbose_name = "API and webhooks"

    def ready(self):
        from csx.api import hooks

        hooks.connect()
