"""/embed/<type>/<slug>/: the cards other sites (course platforms, slides) may frame, one
for each type the registry gives an embed."""

from django.urls import path

from csx import registry
from csx.views.embeds import EmbedView

app_name = "embed"

urlpatterns = [
    path(f"{kind.segment}/<slug:slug>/", EmbedView.as_view(kind=kind), name=kind.name)
    for kind in registry.embeddable()
]
