"""Signing in and out, and accepting an invitation to a cohort."""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth import views as auth
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from csx.learning import invitations, sso
from csx.learning.forms import ChoosePasswordForm, SignInForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignIn(auth.LoginView):
    template_name = "learning/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        sso_name = settings.LEARNING_OIDC_NAME if sso.configured() else None
        return super().get_context_data(sso_name=sso_name, **kwargs)


@method_decorator(never_cache, name="dispatch")
class SignOut(auth.LogoutView):
    http_method_names = ["post", "options"]


def note(request, state, status=200, **context):
    """A page saying where an invitation stands: `state` is "expired", "unknown", "used" or
    "sign_in" (the address has an account: sign in to join)."""
    context = {"state": state, **context}
    return render(request, "learning/invitation_note.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, key):
    """The page an invitation's link opens: choose a password (or, with an account already,
    sign in and join), then "My learning"."""
    try:
        found = invitations.load(key)
    except invitations.Expired:
        return note(request, "expired", status=410)
    if found is None:
        return note(request, "unknown", status=404)
    if found.accepted_at is not None:
        if request.user.is_authenticated and request.user.pk == found.learner_id:
            return redirect("learning:my_learning")
        return note(request, "used", invitation=found)
    account = invitations.account_for(found)
    if account is not None:
        return join(request, found, account)
    form = ChoosePasswordForm(found.email, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.new_learner(
                found, form.cleaned_data["password1"], form.cleaned_data["name"]
            )
        except IntegrityError:  # someone took the address a moment ago: sign in instead
            return redirect(request.path)
        login(request, user, backend=BACKEND)
        return redirect("learning:my_learning")
    return render(request, "learning/invitation.html", {"invitation": found, "form": form})


def join(request, invitation, account):
    """An invitation to someone who has an account: signed in as them, one press joins the
    cohort; signed out (or as someone else), they are asked to sign in first."""
    if request.user.pk != account.pk:
        sign_in = f"{reverse('learning:sign_in')}?{urlencode({REDIRECT_FIELD_NAME: request.path})}"
        return note(request, "sign_in", invitation=invitation, sign_in=sign_in)
    if request.method == "POST":
        invitations.accept(invitation, account)
        return redirect("learning:my_learning")
    return render(request, "learning/invitation.html", {"invitation": invitation})
