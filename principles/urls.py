from django.urls import path

from principles import views

app_name = "principles"

urlpatterns = [
    path("principles/", views.principle_list, name="principle_list"),
    # Before the principle pattern, which would take "cheat-sheet" for a slug.
    path("principles/cheat-sheet/", views.cheat_sheet, name="cheat_sheet"),
    path("principles/<slug:slug>/", views.PrincipleDetail.as_view(), name="principle_detail"),
    path(
        "principles/<slug:slug>/handout/",
        views.PrincipleHandout.as_view(),
        name="principle_handout",
    ),
    path("statistics/", views.statistic_list, name="statistic_list"),
    path("statistics/<slug:slug>/", views.StatisticDetail.as_view(), name="statistic_detail"),
    path(
        "statistics/<slug:slug>/handout/",
        views.StatisticHandout.as_view(),
        name="statistic_handout",
    ),
    path("resources/", views.resource_list, name="resource_list"),
]
