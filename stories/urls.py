from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/<slug:slug>/", views.StoryDetail.as_view(), name="story_detail"),
    path("stories/<slug:slug>/handout/", views.StoryHandout.as_view(), name="story_handout"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/<slug:slug>/", views.CompanyDetail.as_view(), name="company_detail"),
]
