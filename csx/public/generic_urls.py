"""Plain pages for every registry type that has none of its own yet (`list_url` None): a
paginated list at /<segment>/ and a page per item at /<segment>/<slug>/."""

from django.urls import path

from csx.content import registry
from csx.public.generic import ContentDetailView, ContentListView

app_name = "library"


def pages(kind):
    detail = ContentDetailView.as_view(model=kind.model, template_name="csx/content_detail.html")
    return [
        path(f"{kind.segment}/", ContentListView.as_view(kind=kind), name=f"{kind.name}_list"),
        path(f"{kind.segment}/<slug:slug>/", detail, name=f"{kind.name}_detail"),
    ]


urlpatterns = [pattern for kind in registry.with_generic_pages() for pattern in pages(kind)]
