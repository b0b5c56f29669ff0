"""Readers talk back: /share/ (a normal form with a CSRF token, on a page never cached),
and "was this helpful?", posted from pages the page cache serves to everyone."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from csx.feedback import limits, panel, tokens
from csx.feedback.forms import HONEYPOT, DetailForm, ShareForm, VoteForm


def share_context(form):
    # A fresh start stamp on every showing: the time check counts from the last one.
    return {
        "form": form,
        "started": tokens.start_stamp(),
        "honeypot": HONEYPOT,
        "retention_days": settings.SUBMISSION_RETENTION_DAYS,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def share(request):
    if request.method != "POST":
        return render(request, "feedback/share.html", share_context(ShareForm()))
    seconds = limits.retry_after(request, "share")
    if seconds:
        # What they wrote stays on the page, to send later or keep.
        kept = ShareForm(initial=request.POST.dict())
        return limits.too_many(request, "feedback/share.html", share_context(kept), seconds)
    form = ShareForm(request.POST)
    if form.is_spam():
        return redirect("feedback:share_thanks")  # as if it were taken: a bot learns nothing
    if form.is_valid():
        form.save()
        return redirect("feedback:share_thanks")
    return render(request, "feedback/share.html", share_context(form))


@require_safe
def share_thanks(request):
    context = {"retention_days": settings.SUBMISSION_RETENTION_DAYS}
    return render(request, "feedback/share_thanks.html", context)


# The two feedback forms sit on story, principle, statistic and path pages, which the page
# cache serves to every anonymous reader alike: a CSRF token there would be one reader's
# token given to all (or a cookie that stops the page being cached). They need none: a
# forged post from another site can only do what anyone can do directly, add one answer or
# comment, which no account, session or cookie stands behind, and which the rate limit caps.
# They set no cookie and read none.


@csrf_exempt
@require_POST
def vote(request):
    def more(feedback):
        return {"state": "more", "ticket": tokens.ticket(feedback), "helpful": feedback.helpful}

    return take(request, VoteForm(request.POST), more)


@csrf_exempt
@require_POST
def detail(request):
    return take(request, DetailForm(request.POST), lambda feedback: {"state": "thanked"})


def take(request, form, next_state):
    """Save one of the feedback forms and answer with the panel's next state, or say why
    not: 429 over the rate limit (every post counts), 400 for what cannot be read."""
    valid = form.is_valid()
    seconds = limits.retry_after(request, "feedback")
    if seconds:
        return answer_too_many(request, form.item if valid else None, seconds)
    if not valid:
        return answer_bad_request(request, form)
    feedback = form.save()
    return answer(request, feedback.item, **next_state(feedback))


def wants_fragment(request):
    """The script asks for the panel itself; a plain form post goes back to the page."""
    return "application/json" in request.headers.get("Accept", "")


def answer(request, item, **state):
    if wants_fragment(request):
        return JsonResponse({"html": panel.render(item, **state)})
    value = state.get("ticket") or panel.THANKED
    return redirect(f"{item.get_absolute_url()}?{urlencode({'feedback': value})}#feedback")


def answer_too_many(request, item, seconds):
    if wants_fragment(request) and item is not None:
        fragment = panel.render(item, state="wait", retry_minutes=-(-seconds // 60))
        response = JsonResponse({"html": fragment}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    return limits.too_many(request, "feedback/too_many.html", {"item": item}, seconds)


def answer_bad_request(request, form):
    # The reasons a reader can act on; anything else came from a page we did not make.
    errors = [*form.errors.get("ticket", []), *form.non_field_errors()]
    message = errors[0] if errors else "We could not read that answer."
    if wants_fragment(request):
        return JsonResponse({"error": message}, status=400)
    return render(request, "feedback/bad_answer.html", {"message": message}, status=400)
