from django.urls import path

from csx.public.views.sources import SourceDetail, source_list

app_name = "sources"

urlpatterns = [
    path("sources/", source_list, name="source_list"),
    path("sources/<slug:slug>/", SourceDetail.as_view(), name="source_detail"),
]
