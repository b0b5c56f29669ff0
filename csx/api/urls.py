"""/api/v1/: a list and a detail address per registry type (a slug is any text without a
"/": one that no item could have is the view's 404, in JSON) and, for a type on tag pages, the
list of its items carrying a tag; then sources, tags, search, the schema and its docs. Every
response may answer 304 (ETag from its content, Last-Modified from the content version)."""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import path, re_path
from django.utils.decorators import decorator_from_middleware
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from csx.api import views, writes
from csx.content import registry

app_name = "api"

conditional = decorator_from_middleware(ConditionalGetMiddleware)


def content_urls():
    for kind in registry.TYPES:
        list_view, detail_view = views.content_views(kind)
        yield path(f"{kind.segment}/", conditional(list_view.as_view()), name=f"{kind.name}_list")
        yield path(
            f"{kind.segment}/<str:slug>/",
            conditional(detail_view.as_view()),
            name=f"{kind.name}_detail",
        )
        if kind.tag_section:
            yield path(
                f"tags/<str:slug>/{kind.segment}/",
                conditional(views.tagged_view(kind).as_view()),
                name=f"{kind.name}_tagged",
            )


urlpatterns = [
    *content_urls(),
    path("sources/", conditional(views.SourceList.as_view()), name="source_list"),
    path("sources/<str:slug>/", conditional(views.SourceDetail.as_view()), name="source_detail"),
    path("tags/", conditional(views.TagList.as_view()), name="tag_list"),
    path("tags/<str:slug>/", conditional(views.TagDetail.as_view()), name="tag_detail"),
    path("search/", conditional(views.Search.as_view()), name="search"),
    path("drafts/", writes.DraftCreate.as_view(), name="draft_create"),
    path("drafts/<int:pk>/review/", writes.Submit.as_view(), name="draft_submit"),
    path("feedback/", writes.FeedbackCreate.as_view(), name="feedback_create"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Any other address under /api/v1/ is a 404 in JSON, as an API client expects.
    re_path(r"^", views.nothing_here),
]
