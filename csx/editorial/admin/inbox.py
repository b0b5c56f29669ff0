"""Each person's inbox in the admin (csx/editorial/notifications.py): what happened to their
work, newest first, unread ones marked; opening one marks it read; how they get the emails
(at once, a daily digest, never) is chosen on the same page. The header shows the unread
count (LibraryAdminSite.each_context)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csx.models import Notification, NotifyChoice

PER_PAGE = 50


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = NotifyChoice
        fields = ["delivery"]
        labels = {"delivery": "Email me"}
        widgets = {"delivery": forms.RadioSelect}


def unread_count(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def urls(site):
    def inbox(request):
        choice = NotifyChoice.objects.filter(user=request.user).first()
        form = ChoiceForm(request.POST or None, instance=choice or NotifyChoice(user=request.user))
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, "Saved: how you get notifications by email.")
            return HttpResponseRedirect(request.path)
        mine = Notification.objects.filter(recipient=request.user)
        page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
        return site.page(
            request, "admin/workspace/inbox.html", "Inbox",
            page=page, form=form, has_email=bool(request.user.email),
        )  # fmt: skip

    def open_one(request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        target = notification.url if notification.url.startswith("/") else ""
        if target.startswith("//"):
            raise Http404  # only this site's own pages
        return HttpResponseRedirect(target or reverse("admin:inbox"))

    @require_POST
    def read_all(request):
        Notification.objects.filter(recipient=request.user).unread().update(read_at=timezone.now())
        return HttpResponseRedirect(reverse("admin:inbox"))

    view = site.admin_view
    return [
        path("inbox/", view(inbox), name="inbox"),
        path("inbox/read/", view(read_all), name="inbox_read_all"),
        path("inbox/<int:pk>/", view(open_one), name="inbox_open"),
    ]
