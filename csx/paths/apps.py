from django.apps import AppConfig


class PathsConfig(AppConfig):
    name = "csx.paths"
    label = "paths"
    verbose_name = "Onboarding paths"
