from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "csx.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self):
        from csx.learning import acknowledgements

        acknowledgements.connect()
