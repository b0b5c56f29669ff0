"""Fill in the admin's change forms as a browser would: everything the page shows, as it
shows it, with the changes a test makes on top."""

from datetime import timedelta

from django.forms import CheckboxInput, MultiWidget, SelectMultiple
from django.urls import reverse
from django.utils import timezone

from csx.models import Review

LATER = timedelta(minutes=5)


def change_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def field_data(form):
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        widget, value = getattr(field.widget, "widget", field.widget), bound.value()
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, SelectMultiple):
            data[bound.html_name] = [str(v) for v in value or []]
        elif value is not None:
            data[bound.html_name] = widget.format_value(value) or ""
    return data


def form_data(response):
    """The POST data of the admin change form in `response`, unchanged."""
    data = field_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(field_data(formset.management_form))
        for form in formset.forms:
            data.update(field_data(form))
    return data


def edit(client, item, action="save", **changes):
    """Open `item`'s change page, change `changes`, press the `action` button."""
    page = client.get(change_url(item))
    assert page.status_code == 200, page.status_code
    return client.post(change_url(item), {**form_data(page), **changes, "_action": action})


def add(client, model, action="save", **fields):
    page = client.get(add_url(model))
    assert page.status_code == 200, page.status_code
    return client.post(add_url(model), {**form_data(page), **fields, "_action": action})


def confirmed_action(client, model, action, *items):
    """Choose `action` for `items` in `model`'s list, then confirm it on the page that asks,
    which carries the version of each item it showed."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    chosen = {"action": action, "_selected_action": [item.pk for item in items]}
    page = client.post(url, chosen)
    seen = {f"seen-{e['item'].pk}": e["seen"] for e in page.context["entries"] if "seen" in e}
    return client.post(url, {**chosen, **seen, "post": "yes"}, follow=True)


def decide(client, review, decision, **fields):
    """Open the review page of `review`, then press `decision` with `fields`: the page's
    form carries the version it showed."""
    url = reverse("admin:review", args=[review.pk])
    form = client.get(url).context["form"]
    return client.post(url, {"seen": form["seen"].value(), "_decision": decision, **fields})


def change_for_later(editor_client, publisher_client, story, **changes):
    """An editor submits `changes` to a live `story`; a publisher approves them to take
    effect LATER from now. Returns that time."""
    edit(editor_client, story, "submit", **changes)
    later = timezone.localtime() + LATER
    response = decide(
        publisher_client, Review.objects.get(), "approve",
        go_live_at_0=f"{later:%Y-%m-%d}", go_live_at_1=f"{later:%H:%M:%S}",
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    return later
