from django.apps import AppConfig


class XapiConfig(AppConfig):
    name = "csx.xapi"
    label = "xapi"
    verbose_name = "xAPI statements"

    def ready(self):
        from csx.xapi import record

        record.connect()
