from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "csx.lti"
    label = "lti"
    verbose_name = "LTI 1.3 (the library in an LMS)"

    def ready(self):
        from csx.lti import grades

        grades.connect()
