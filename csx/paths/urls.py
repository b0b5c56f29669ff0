from django.urls import path

from csx.paths import views

app_name = "paths"

urlpatterns = [
    path("paths/", views.path_list, name="path_list"),
    path("paths/<slug:slug>/", views.PathDetail.as_view(), name="path_detail"),
    path("paths/<slug:slug>/<int:step>/", views.PathStep.as_view(), name="path_step"),
    path("paths/<slug:slug>/handout/", views.PathHandout.as_view(), name="path_handout"),
]
