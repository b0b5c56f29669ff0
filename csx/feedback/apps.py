from django.apps import AppConfig
from django.db.models.signals import post_save


class FeedbackConfig(AppConfig):
    name = "csx.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"

    def ready(self):
        from csx.feedback.models import VerificationTask

        # A check in a statistic's verification log answers what readers reported of it.
        post_save.connect(
            VerificationTask.answer,
            sender="principles.VerificationCheck",
            dispatch_uid="answer-verification-tasks",
        )
