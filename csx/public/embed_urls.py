"""/embed/<type>/<slug>/: the cards other sites (course platforms, slides) may frame, one
for each type the registry gives an embed; /embed/host.js, the script that fits their frames."""

from django.urls import path

from csx.content import registry
from csx.public.views.embeds import EmbedView, HostScript

app_name = "embed"

urlpatterns = [
    path("host.js", HostScript.as_view(), name="host_script"),
    *(
        path(f"{kind.segment}/<slug:slug>/", EmbedView.as_view(kind=kind), name=kind.name)
        for kind in registry.embeddable()
    ),
]
