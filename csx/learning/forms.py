"""The forms of the learning side: signing in, accepting an invitation, making a cohort,
inviting people and assigning paths."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import validate_email
from django.db.models import Q

from csx.learning.models import Assignment, Cohort, TrainerCopy, walkable_paths
from csx.paths.models import Path

MOST_INVITED_AT_ONCE = 100


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That email and password do not match an account. Check both and try again."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def confirm_login_allowed(self, user):
        # Staff sign in at the admin's page, which asks for their authenticator code: this
        # one must not be a way round it.
        super().confirm_login_allowed(user)
        if user.is_staff:
            raise forms.ValidationError(
                "Editors sign in on the admin's sign-in page, at /admin/.", code="staff"
            )


class ChoosePasswordForm(forms.Form):
    """A new learner's name and password, checked by the site's password rules."""

    name = forms.CharField(label="Your name", max_length=150, required=False)
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, email, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ: type the same one twice.")
        elif first:
            user = get_user_model()(username=self.email, email=self.email)
            user.first_name = cleaned.get("name", "")
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One or more, one a line (commas and spaces separate them too).",
    )

    def clean_emails(self):
        words = self.cleaned_data["emails"].replace(",", " ").replace(";", " ").split()
        emails = list(dict.fromkeys(word.lower() for word in words))
        if len(emails) > MOST_INVITED_AT_ONCE:
            raise forms.ValidationError(
                f"At most {MOST_INVITED_AT_ONCE} addresses at once; you gave {len(emails)}."
            )
        wrong = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(f"Not an email address: {', '.join(wrong)}.")
        return emails


class AssignForm(forms.ModelForm):
    path = forms.ModelChoiceField(queryset=Path.objects.none(), empty_label="Choose a path")

    class Meta:
        model = Assignment
        fields = ["path", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"due": "Optional. Learners see it, and what is late."}

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cohort = cohort
        # Asked per form: what is published depends on the moment. A trainer's own copies
        # may be assigned too, and no one else's.
        own = Q(trainer_copy__isnull=True) | Q(trainer_copy__trainer=cohort.trainer)
        self.fields["path"].queryset = walkable_paths().filter(own).order_by("title")

    def validate_unique(self):
        # The cohort is not a field of the form: check the pair here, in words.
        path = self.cleaned_data.get("path")
        if path and Assignment.objects.filter(cohort=self.instance.cohort, path=path).exists():
            self.add_error("path", "This cohort has this path already.")


class CopyForm(forms.Form):
    original = forms.ModelChoiceField(
        label="Path to copy", queryset=Path.objects.none(), empty_label="Choose a path"
    )
    title = forms.CharField(
        label="Title of your copy",
        max_length=Path._meta.get_field("title").max_length,
        required=False,
        help_text="What your learners see. Left empty: the path's title, marked (copy).",
    )
    target = forms.TypedChoiceField(
        label="Target length", choices=TrainerCopy.Target.choices, coerce=int, initial=45
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original"].queryset = Path.objects.published().order_by("title")


class StepForm(forms.Form):
    minutes = forms.IntegerField(label="Minutes", min_value=0, max_value=600, required=False)
    note = forms.CharField(
        label="Your note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
