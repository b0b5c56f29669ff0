from django.apps import AppConfig
from pylti1p3.contrib.django.lti1p3_tool_config.apps import PyLTI1p3ToolConfig


class LtiConfig(AppConfig):
    default = True  # csx.lti's own; ToolConfigConfig below is pylti1p3's app
    name = "csx.lti"
    label = "lti"
    verbose_name = "LTI 1.3 (the library in an LMS)"

    def ready(self):
        from csx.lti import grades

        grades.connect()


class ToolConfigConfig(PyLTI1p3ToolConfig):
    """pylti1p3's tables (registered platforms, the tool's keys) as its migration made them:
    with the project's BigAutoField default, Django would want a migration of its own in
    site-packages."""

    default_auto_field = "django.db.models.AutoField"
    verbose_name = "LTI 1.3 registrations (pylti1p3)"
