"""The forms readers send: a story to share, and "was this helpful?" with its follow-up."""

from django import forms
from django.contrib.contenttypes.models import ContentType

from csx.content import registry
from csx.feedback import tokens
from csx.feedback.models import (
    COMMENT_MAX_LENGTH,
    STORY_MAX_LENGTH,
    STORY_MIN_LENGTH,
    Feedback,
    Submission,
    reason_applies,
)

# Slower than two hours: start again (each showing of the form gives a fresh stamp; a stamp
# is good for one post). No lower limit: a story written elsewhere and pasted in is honest;
# bots are caught by the honeypot instead.
SHARE_MAX_SECONDS = 2 * 3600
HONEYPOT = "website"  # a field people never see, so only bots fill it in


class ShareForm(forms.ModelForm):
    consent = forms.BooleanField(
        required=False,
        label="You may publish an edited version of my story in the library.",
        help_text="Optional. Without it, only the editors read your story; it is never published.",
    )

    class Meta:
        model = Submission
        fields = ["what_happened", "company", "channel", "went", "name", "email", "consent"]
        labels = {
            "what_happened": "What happened?",
            "company": "Which company? (optional)",
            "channel": "How were you in touch?",
            "went": "How did it go?",
            "name": "Your name as you would like it shown (optional)",
            "email": "Your email, if we may ask you a question about it (optional)",
        }
        help_texts = {
            "what_happened": f"Tell it as it happened: who did what, and how it ended. "
            f"Between {STORY_MIN_LENGTH} and {STORY_MAX_LENGTH:,} characters.",
            "name": "Leave it empty to stay anonymous. A first name is enough.",
            "email": "Never shown, never published.",
        }
        error_messages = {
            "what_happened": {
                "required": "Tell us what happened.",
                "min_length": "Please tell us a little more: at least %(limit_value)d "
                "characters (you wrote %(show_value)d).",
                "max_length": "Please keep it under %(limit_value)d characters "
                "(you wrote %(show_value)d).",
            },
            "went": {"required": "Tell us whether it went well or badly."},
            "email": {"invalid": "That does not look like an email address; check it, or "
                      "leave the box empty."},
        }  # fmt: skip
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 9}),
            "went": forms.RadioSelect,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["channel"].choices = [
            ("", "Not sure, or another way"),
            *self.fields["channel"].choices[1:],
        ]
        self.fields["went"].choices = self.fields["went"].choices[1:]  # no empty radio button

    def is_spam(self):
        """Whether the field people never see was filled in."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean(self):
        seconds = tokens.seconds_since(self.data.get("started"))
        if seconds is None or seconds > SHARE_MAX_SECONDS:
            raise forms.ValidationError(
                "This form was open too long to send. Your story is still here: send it again."
            )
        if not tokens.first_use(self.data["started"], SHARE_MAX_SECONDS):
            raise forms.ValidationError(
                "This form was sent already. If that was not your story, send it again."
            )
        return super().clean()


FEEDBACK_KINDS = [(kind.name, kind.name) for kind in registry.TYPES if kind.feedback]


class VoteForm(forms.Form):
    """Yes or no about one published item."""

    kind = forms.ChoiceField(choices=FEEDBACK_KINDS)
    item = forms.IntegerField(min_value=1)
    helpful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])

    def clean(self):
        data = super().clean()
        if not self.errors:
            model = registry.BY_NAME[data["kind"]].model
            self.item = model.objects.published().filter(pk=data["item"]).first()
            if self.item is None:
                raise forms.ValidationError("There is no such published item.")
        return data

    def save(self):
        return Feedback.objects.create(
            content_type=ContentType.objects.get_for_model(self.item),
            object_id=self.item.pk,
            helpful=self.cleaned_data["helpful"] == "yes",
        )


class DetailForm(forms.Form):
    """The reason and comment a reader adds to the answer their ticket names."""

    ticket = forms.CharField()
    reason = forms.ChoiceField(choices=[("", "None"), *Feedback.Reason.choices], required=False)
    comment = forms.CharField(max_length=COMMENT_MAX_LENGTH, required=False)

    def clean_ticket(self):
        ticket = tokens.read_ticket(self.cleaned_data["ticket"])
        self.feedback = Feedback.objects.filter(pk=ticket[0]).first() if ticket else None
        if self.feedback is None or self.feedback.item is None:
            raise forms.ValidationError("This form has expired; your answer was counted.")
        if self.feedback.is_answered:
            raise forms.ValidationError("You have already told us more about this answer.")
        return ticket

    @property
    def item(self):
        return self.feedback.item

    def clean(self):
        data = super().clean()
        reason = data.get("reason")
        # Read only once the ticket is good: it names the answer the reason is about.
        if reason and not self.errors and not self.reason_applies(reason):
            raise forms.ValidationError("That reason does not apply here.")
        return data

    def reason_applies(self, reason):
        return reason_applies(self.feedback.item, self.feedback.helpful, reason)

    def save(self):
        self.feedback.add_detail(self.cleaned_data["reason"], self.cleaned_data["comment"])
        return self.feedback
