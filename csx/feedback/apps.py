from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "csx.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"
