"""The API's writes, for integrations with a token: a new story as a draft, a draft sent
for review, a reader's feedback. Each goes through the editorial workflow
(csx/editorial/workflow.py) or the form the site itself uses; nothing is published from here."""

from django.core.validators import RegexValidator
from django.db import IntegrityError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response

from csx.api.throttles import WriteThrottle
from csx.api.tokens import HasScope
from csx.editorial import workflow
from csx.feedback.forms import FEEDBACK_KINDS, VoteForm
from csx.feedback.models import Feedback, reason_applies
from csx.models import Status
from stories.models import Story

DENIED = OpenApiResponse(description="No token, or one that may not do this.")
UNAUTHENTICATED = OpenApiResponse(description="No token, or an unknown or revoked one.")
BAD = OpenApiResponse(description="What was sent cannot be used; the body says why.")
TOO_MANY = OpenApiResponse(description="Over the rate limit: see Retry-After.")
REFUSALS = {400: BAD, 401: UNAUTHENTICATED, 403: DENIED, 429: TOO_MANY}


class Write(generics.GenericAPIView):
    http_method_names = ["post"]
    permission_classes = [HasScope]
    throttle_classes = [WriteThrottle]
    scope = permission = None


WRITTEN = RegexValidator(r"\S", "Write something here.")


class TagNames(serializers.ListField):
    """Tags by name when written; their slugs when read back."""

    child = serializers.CharField(max_length=100)

    def to_representation(self, tags):
        return [tag.slug for tag in tags.all()]


class StoryDraft(serializers.ModelSerializer):
    tags = TagNames(required=False)
    id = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Story
        fields = ["id", "status", "title", "slug", "summary", "body", "kind", "outcome",
                  "channel", "takeaway", "discussion_questions", "tags"]  # fmt: skip
        # A slug another item has is a conflict (409), found by the database as it saves;
        # a text that must be written holds more than spaces (the schema says so too).
        extra_kwargs = {
            "slug": {"validators": []},
            **{name: {"validators": [WRITTEN]} for name in ("title", "summary", "takeaway")},
        }


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Another item has this slug."


@extend_schema(tags=["Writing"], responses={201: StoryDraft, 409: OpenApiResponse(),
                                            **REFUSALS})  # fmt: skip
class DraftCreate(Write):
    """A new story, saved as a draft for editors to finish and submit (scope "drafts")."""

    serializer_class = StoryDraft
    scope, permission = "drafts", "stories.add_story"

    def post(self, request):
        draft = self.get_serializer(data=request.data)
        draft.is_valid(raise_exception=True)
        fields = dict(draft.validated_data)
        tags = fields.pop("tags", [])
        try:
            story = workflow.create_draft(Story(**fields), request.user, tags=tags)
        except IntegrityError as error:
            raise Conflict from error
        return Response(self.get_serializer(story).data, status=status.HTTP_201_CREATED)


class ReviewRequest(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ReviewAnswer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()


@extend_schema(tags=["Writing"], responses={200: ReviewAnswer, 404: OpenApiResponse(),
                                            **REFUSALS})  # fmt: skip
class Submit(Write):
    """Send a draft story to the publishers' review queue (scope "review")."""

    serializer_class = ReviewRequest
    scope, permission = "review", "stories.change_story"

    def post(self, request, pk):
        story = Story.objects.filter(pk=pk, status__in=[Status.DRAFT, Status.IN_REVIEW]).first()
        if story is None:
            raise NotFound("No draft story has this id.")
        asked = self.get_serializer(data=request.data)
        asked.is_valid(raise_exception=True)
        review = workflow.submit(story, request.user, asked.validated_data.get("message", ""))
        return Response({"id": review.pk, "state": review.state})


class FeedbackRequest(serializers.Serializer):
    type = serializers.ChoiceField(choices=FEEDBACK_KINDS, help_text="The item's type.")
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Its id.")
    helpful = serializers.BooleanField()
    reason = serializers.ChoiceField(choices=Feedback.Reason.choices, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class FeedbackAnswer(serializers.Serializer):
    id = serializers.IntegerField()


@extend_schema(tags=["Writing"], responses={201: FeedbackAnswer, 404: OpenApiResponse(),
                                            **REFUSALS})  # fmt: skip
class FeedbackCreate(Write):
    """Record a reader's "was this helpful?" about a published item, as the page's own form
    does (scope "feedback"), with a reason and comment if given."""

    serializer_class = FeedbackRequest
    scope, permission = "feedback", None

    def post(self, request):
        asked = self.get_serializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        vote = VoteForm({"kind": data["type"], "item": data["item"],
                         "helpful": "yes" if data["helpful"] else "no"})  # fmt: skip
        if not vote.is_valid():  # the one thing left to check: is there such an item?
            raise NotFound(" ".join(vote.non_field_errors()) or "There is no such item.")
        reason = data.get("reason")
        if reason and not reason_applies(vote.item, data["helpful"], reason):
            raise ValidationError({"reason": ["That reason does not apply here."]})
        feedback = vote.save()
        if data.get("reason") or data.get("comment"):
            feedback.add_detail(data.get("reason", ""), data.get("comment", ""))
        return Response({"id": feedback.pk}, status=status.HTTP_201_CREATED)
