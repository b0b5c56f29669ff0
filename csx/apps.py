from django.apps import AppConfig


class CsxConfig(AppConfig):
    name = "csx"
    verbose_name = "Library"
