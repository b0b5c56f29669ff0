from django.urls import path

from csx.paths import views

app_name = "paths"

urlpatterns = [
    path("paths/", views.path_list, name="path_list"),
    path("paths/<slug:slug>/", views.PathDetail.as_view(), name="path_detail"),
    path("paths/<slug:slug>/steps/<int:number>/", views.PathStep.as_view(), name="path_step"),
    path(
        "paths/<slug:slug>/<int:step>/",
        views.PathStepByNumber.as_view(),
        name="path_step_by_number",
    ),
    path("paths/<slug:slug>/handout/", views.PathHandout.as_view(), name="path_handout"),
    path(
        "paths/<slug:slug>/handout/learners/",
        views.PathLearnerHandout.as_view(),
        name="path_learner_handout",
    ),
    path("paths/<slug:slug>/present/", views.PathPresent.as_view(), name="path_present"),
    path("paths/<slug:slug>/cartridge.imscc", views.PathCartridge.as_view(), name="path_cartridge"),
    # A single story presents as a path of one step, so its slides are drawn here too.
    path("stories/<slug:slug>/present/", views.StoryPresent.as_view(), name="story_present"),
]
