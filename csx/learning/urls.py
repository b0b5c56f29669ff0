from django.urls import path

from csx.learning.views import accounts, acknowledging, copies, learner, sso, trainer

app_name = "learning"

urlpatterns = [
    path("learning/", learner.my_learning, name="my_learning"),
    path("learning/sign-in/", accounts.SignIn.as_view(), name="sign_in"),
    path("learning/sign-out/", accounts.SignOut.as_view(), name="sign_out"),
    path("learning/sso/", sso.Start.as_view(), name="sso"),
    path("learning/sso/callback/", sso.Callback.as_view(), name="sso_callback"),
    path("learning/invitations/<str:key>/", accounts.invitation, name="invitation"),
    path("learning/paths/<slug:slug>/", learner.course_detail, name="course_detail"),
    path(
        "learning/paths/<slug:slug>/steps/<int:number>/",
        learner.course_step,
        name="course_step",
    ),
    path(
        "learning/paths/<slug:slug>/steps/<int:number>/check/",
        learner.step_check,
        name="step_check",
    ),
    path(
        "learning/paths/<slug:slug>/steps/<int:number>/done/",
        learner.step_done,
        name="step_done",
    ),
    path(
        "learning/paths/<slug:slug>/confirm/",
        acknowledging.confirm_path,
        name="confirm_path",
    ),
    path(
        "learning/paths/<slug:slug>/steps/<int:number>/confirm/",
        acknowledging.confirm_step,
        name="confirm_step",
    ),
    path("learning/cohorts/", trainer.cohort_list, name="cohort_list"),
    path("learning/cohorts/new/", trainer.cohort_create, name="cohort_create"),
    path("learning/cohorts/<int:pk>/", trainer.cohort_detail, name="cohort_detail"),
    path("learning/cohorts/<int:pk>/invite/", trainer.invite, name="invite"),
    path("learning/cohorts/<int:pk>/assign/", trainer.assign, name="assign"),
    path(
        "learning/cohorts/<int:pk>/paths/<int:assignment>/",
        trainer.assignment_report,
        name="assignment_report",
    ),
    path(
        "learning/cohorts/<int:pk>/paths/<int:assignment>/results.csv",
        trainer.assignment_csv,
        name="assignment_csv",
    ),
    path("learning/copies/", copies.copy_list, name="copy_list"),
    path("learning/copies/<int:pk>/", copies.copy_detail, name="copy_detail"),
    path("learning/copies/<int:pk>/steps/<int:item>/", copies.copy_step, name="copy_step"),
]
