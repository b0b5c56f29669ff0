"""What the LTI tool remembers beside pylti1p3's own tables (lti1p3_tool_config: LtiTool, a
registered platform, and LtiToolKey, the tool's key pair).

    model       what it is
    ----------  -----------------------------------------------------------------------
    Account     an LMS user of one platform (its `sub`) and the learner account made for it
    Course      an LMS course (a platform's context id) and the library cohort it fills
    GradeLink   a learner, a path, and the LMS line item that path's completion is sent to
    UsedNonce   a launch's nonce, kept so that the same id_token is never accepted twice
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool

from csx.learning.models import Cohort
from csx.paths.models import Path


class Account(models.Model):
    platform = models.ForeignKey(LtiTool, on_delete=models.CASCADE, related_name="+")
    sub = models.CharField("LMS user id", max_length=255)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_account"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "sub"], name="lti_one_account")]

    def __str__(self):
        return f"{self.sub} at {self.platform.title}"


class Course(models.Model):
    platform = models.ForeignKey(LtiTool, on_delete=models.CASCADE, related_name="+")
    context_id = models.CharField("LMS course id", max_length=255)
    title = models.CharField(max_length=255, blank=True)
    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="lti_course")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "context_id"], name="lti_one_course")
        ]

    def __str__(self):
        return self.title or self.context_id


class GradeLink(models.Model):
    """Where a learner's score for a path goes: the Assignment and Grade Services claim of
    the launch that brought them to it (its line item and scopes), kept as the LMS sent it."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="grade_links")
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="+")
    lineitem = models.URLField(max_length=1024)
    service = models.JSONField()
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "path", "lineitem"], name="lti_one_grade_link"
            )
        ]

    def __str__(self):
        return f"{self.account} on {self.path}"


class UsedNonce(models.Model):
    issuer = models.CharField(max_length=255)
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "nonce"], name="lti_nonce_used_once")
        ]

    def __str__(self):
        return f"{self.nonce} from {self.issuer}"


class Platform(LtiTool):
    """A registered LMS (pylti1p3's LtiTool), under the name the admin shows."""

    class Meta:
        proxy = True
        verbose_name = "LMS platform"
        verbose_name_plural = "LMS platforms"

    def __str__(self):
        return self.title
