"""/embed/...: the cards other sites (course platforms, slides) may frame."""

from django.urls import path

from csx.views import embeds

app_name = "embed"

urlpatterns = [
    path("stories/<slug:slug>/", embeds.StoryEmbed.as_view(), name="story"),
    path("statistics/<slug:slug>/", embeds.StatisticEmbed.as_view(), name="statistic"),
    path("principles/<slug:slug>/", embeds.PrincipleEmbed.as_view(), name="principle"),
]
