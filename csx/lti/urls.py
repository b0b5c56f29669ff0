from django.urls import path

from csx.lti import views

app_name = "lti"

urlpatterns = [
    path("lti/jwks/", views.jwks, name="jwks"),
    path("lti/login/", views.oidc_login, name="login"),
    path("lti/launch/", views.launch, name="launch"),
    path("lti/deep-link/<str:launch>/", views.deep_link, name="deep_link"),
    path("lti/deep-link/<str:launch>/pick/", views.pick, name="pick"),
]
