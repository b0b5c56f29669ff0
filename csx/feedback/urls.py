from django.urls import path

from csx.feedback import views

app_name = "feedback"
urlpatterns = [
    path("share/", views.share, name="share"),
    path("share/thanks/", views.share_thanks, name="share_thanks"),
    path("feedback/", views.vote, name="vote"),
    path("feedback/more/", views.detail, name="detail"),
]
