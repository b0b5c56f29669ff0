"""The library as an LTI 1.3 tool, end to end against a real platform (lti1p3platform, served
over HTTP from a thread: tests/lti/platform.py): launch, deep linking, grades, and the
launches a tool must refuse.

The platform checks what the tool signs with the keys the tool serves at /lti/jwks/ (read
here through the test client and handed to it, as an LMS fetches them); the tool fetches the
platform's keys, token and scores over HTTP as it would from an LMS.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

from csx.learning.models import Assignment
from csx.lti import grades
from csx.lti.models import Course, GradeLink, Platform
from tests import markup
from tests.factories import make_path, make_principle, make_story
from tests.learning.checks import question
from tests.lti.platform import CLIENT_ID, DEPLOYMENT_ID, INSTRUCTOR, launch_form
from tests.lti.platform import Platform as LtiPlatform

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = [pytest.mark.django_db, pytest.mark.outside_the_database]
PATH = "http://testserver/paths/first-week/"


@pytest.fixture(scope="module")
def lms():
    platform = LtiPlatform().start()
    yield platform
    platform.stop()


@pytest.fixture
def platform(lms, client, admin_client):
    """The test platform registered in the admin, as an administrator would, and told the
    tool's keys."""
    answer = admin_client.post(
        "/admin/lti/platform/add/",
        {
            "title": "Test LMS", "is_active": "on", "issuer": lms.issuer,
            "client_id": CLIENT_ID, "deployment_ids": f"{DEPLOYMENT_ID}\n",
            "auth_login_url": lms.url("/auth"), "auth_token_url": lms.url("/token"),
            "key_set_url": lms.url("/jwks"), "auth_audience": "",
        },
    )  # fmt: skip
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    lms.tool_jwks = client.get("/lti/jwks/").json()
    lms.received = {"scores": [], "content_items": [], "refused": []}
    return lms


@pytest.fixture
def path(db):
    story = make_story(title="The giraffe left at the hotel", slug="giraffe")
    principle = make_principle(title="Own the problem", slug="own-the-problem")
    return make_path(targets=[story, principle])


def launch_fields(client, platform, target=PATH, **scenario):
    """Walk the OIDC login: the platform's initiation to the tool's /lti/login/, its redirect
    to the platform's /auth, whose form is what the browser posts to /lti/launch/."""
    login = platform.login(target, **scenario)
    answer = client.get(login.removeprefix("http://testserver"))
    assert answer.status_code == 302, answer.content
    page = requests.get(answer["Location"], timeout=10).text
    action, fields = launch_form(page)
    assert action == "http://testserver/lti/launch/"
    return fields


def test_the_tool_serves_its_public_key_per_platform_and_never_a_private_one(client, platform):
    (key,) = client.get("/lti/jwks/").json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert not {"d", "p", "q"} & set(key)


def test_a_launch_signs_in_a_learner_placed_in_the_courses_cohort(client, platform, path):
    fields = launch_fields(client, platform, context="course-1", user="u-17")
    answer = client.post("/lti/launch/", fields)
    assert (answer.status_code, answer["Location"]) == (302, "/learning/paths/first-week/")
    user = answer.wsgi_request.user
    assert user.is_authenticated and not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Learners"]
    course = Course.objects.get(context_id="course-1")
    assert list(course.cohort.learners.all()) == [user]
    assert Assignment.objects.filter(cohort=course.cohort, path=path).exists()
    page = client.get(answer["Location"])
    assert markup.text(markup.one(page, "main h1")) == "First week on the desk"


def test_a_launch_never_signs_in_an_existing_account_of_the_same_email(client, platform, path):
    from django.contrib.auth.models import User

    editor = User.objects.create_user("ana@example.com", email="ana@example.com", is_staff=True)
    fields = launch_fields(client, platform, context="c", email="ana@example.com")
    user = client.post("/lti/launch/", fields).wsgi_request.user
    assert user != editor and (user.email, user.is_staff) == ("", False)


def test_a_second_launch_of_the_same_lms_user_is_the_same_learner(client, platform, path):
    first = client.post("/lti/launch/", launch_fields(client, platform, context="c", user="u-1"))
    again = client.post("/lti/launch/", launch_fields(client, platform, context="c", user="u-1"))
    assert first.wsgi_request.user == again.wsgi_request.user
    assert Course.objects.get(context_id="c").cohort.learners.count() == 1


def test_a_launch_page_may_be_framed_by_the_platform_only(client, platform, path):
    answer = client.post("/lti/launch/", launch_fields(client, platform, context="course-1"))
    page = client.get(answer["Location"])
    assert "X-Frame-Options" not in page
    (ancestors,) = [d for d in page["Content-Security-Policy"].split(";") if "frame-ancestors" in d]
    assert ancestors.split() == ["frame-ancestors", platform.issuer]


def test_a_launch_by_custom_parameter_opens_that_item(client, platform, path):
    fields = launch_fields(
        client, platform, target="http://testserver/lti/launch/", custom={"item": "story:giraffe"}
    )
    answer = client.post("/lti/launch/", fields)
    assert (answer.status_code, answer["Location"]) == (302, "/stories/giraffe/")


def test_deep_linking_sends_the_picked_path_back_to_the_platform(client, platform, path):
    fields = launch_fields(
        client, platform, target="http://testserver/lti/launch/", roles=[INSTRUCTOR],
        deep_link=True, context="course-1",
    )  # fmt: skip
    picker = client.post("/lti/launch/", fields)["Location"]
    page = client.get(picker, {"q": "first week", "kind": "path"})
    (choice,) = markup.one(page, "main ol.results").select("form")
    assert choice.select_one("input[name=item]")["value"] == "path:first-week"
    answer = client.post(choice["action"], {"item": "path:first-week"})
    form = markup.one(answer, "form#lti-return")
    assert form["action"] == platform.url("/deep-link-return")
    back = requests.post(
        form["action"], data={"JWT": form.select_one("input")["value"]}, timeout=10
    )
    assert back.status_code == 200, platform.received["refused"]
    assert platform.received["content_items"] == [
        {
            "type": "ltiResourceLink", "title": "First week on the desk", "url": PATH,
            "custom": {"item": "path:first-week"},
            "lineItem": {"scoreMaximum": 1, "label": "First week on the desk",
                         "resourceId": "path:first-week"},
        }
    ]  # fmt: skip


def test_a_learner_cannot_open_the_link_picker(client, platform, path):
    fields = launch_fields(client, platform, target="http://testserver/lti/launch/", deep_link=True)
    answer = client.post("/lti/launch/", fields)
    assert answer.status_code == 403


def run_queued_tasks():
    """Run the tasks waiting now, as `manage.py worker` would, in this process."""
    for row in DBTaskResult.objects.ready():
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.delete()


def walk_the_path(client, django_capture_on_commit_callbacks):
    for number in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/learning/paths/first-week/steps/{number}/done/")


def test_finishing_a_path_sends_the_score_to_the_platforms_gradebook(
    client, platform, path, django_capture_on_commit_callbacks
):
    fields = launch_fields(client, platform, context="course-1", user="u-9", lineitem="7")
    client.post("/lti/launch/", fields)
    walk_the_path(client, django_capture_on_commit_callbacks)
    run_queued_tasks()
    ((lineitem, score),) = platform.received["scores"]
    assert lineitem == "7"
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == ("u-9", 1.0, 1.0)
    assert score["activityProgress"] == "Completed"


def test_a_path_with_knowledge_checks_sends_what_the_learner_got_right(
    client, platform, path, django_capture_on_commit_callbacks
):
    story, principle = (step.target for step in path.steps())
    right, wrong = question(story), question(principle, prompt="Who owns it?")
    client.post(
        "/lti/launch/",
        launch_fields(client, platform, context="course-2", user="u-7", lineitem="8"),
    )
    walk_the_path(client, django_capture_on_commit_callbacks)
    assert platform.received["scores"] == [] and not DBTaskResult.objects.exists()
    for number, picked in [(1, {f"q{right.pk}": "0"}), (2, {f"q{wrong.pk}": "1"})]:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/learning/paths/first-week/steps/{number}/check/", picked)
    run_queued_tasks()
    ((_, score),) = platform.received["scores"]
    assert (score["scoreGiven"], score["scoreMaximum"]) == (1.0, 2.0)
    assert score["activityProgress"] == "Completed"


def test_a_score_the_platform_refuses_is_tried_again_later(
    client, platform, path, django_capture_on_commit_callbacks
):
    client.post("/lti/launch/", launch_fields(client, platform, context="c", lineitem="8"))
    platform.fail_scores = 1
    link = GradeLink.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert grades.send_score(link.account.user, path, 3, 4) == 1
    run_queued_tasks()
    assert platform.received["scores"] == []
    (retry,) = DBTaskResult.objects.all()
    assert retry.args_kwargs["args"][-1] == 1  # its second try, after the first back-off
    retry.task.call(*retry.args_kwargs["args"])
    ((_, score),) = platform.received["scores"]
    assert (score["scoreGiven"], score["scoreMaximum"]) == (3.0, 4.0)


# The refusals ------------------------------------------------------------------------------


def resigned(fields, platform, key=None, **claims):
    """The launch's id_token with `claims` changed, signed again (by `key`, else the
    platform's own key)."""
    token = fields["id_token"]
    body = jwt.decode(token, options={"verify_signature": False}) | claims
    header = jwt.get_unverified_header(token)
    signed = jwt.encode(body, key or platform.private_pem, algorithm="RS256", headers=header)
    return fields | {"id_token": signed}


def test_a_launch_signed_with_another_key_is_refused(client, platform, path):
    from tests.lti.platform import private_key_pem

    fields = resigned(launch_fields(client, platform), platform, key=private_key_pem()[1])
    answer = client.post("/lti/launch/", fields)
    assert answer.status_code == 403
    assert not answer.wsgi_request.user.is_authenticated


def test_a_platform_whose_key_set_never_answers_refuses_the_launch_in_time(
    client, platform, path, monkeypatch
):
    """The tool fetches the platform's keys while the learner waits: a platform that accepts
    the connection and never answers is given up after platforms.TIMEOUT, not held forever."""
    from csx.lti import platforms

    fields = launch_fields(client, platform)
    with socket.socket() as silent:  # listens, so connecting succeeds; never reads or answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        Platform.objects.update(key_set_url=f"http://127.0.0.1:{silent.getsockname()[1]}/jwks")
        monkeypatch.setattr(platforms, "TIMEOUT", 0.5)
        answer = client.post("/lti/launch/", fields)
    assert answer.status_code == 403
    assert not answer.wsgi_request.user.is_authenticated


def test_a_launch_from_an_unknown_issuer_is_refused(client, platform, path):
    fields = resigned(launch_fields(client, platform), platform, iss="https://lms.example")
    assert client.post("/lti/launch/", fields).status_code == 403


def test_a_login_from_an_unknown_issuer_is_refused(client, platform):
    answer = client.get(
        "/lti/login/",
        {"iss": "https://lms.example", "login_hint": "x", "target_link_uri": PATH},
    )
    assert answer.status_code == 403


def test_a_launch_for_another_deployment_is_refused(client, platform, path):
    claim = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
    fields = resigned(launch_fields(client, platform), platform, **{claim: "deployment-2"})
    answer = client.post("/lti/launch/", fields)
    assert answer.status_code == 403
    assert "not among the registered platform's deployment ids" in markup.text(
        markup.one(answer, "main .lede")
    )


def test_a_launch_posted_again_is_refused(client, platform, path):
    fields = launch_fields(client, platform, context="course-1")
    assert client.post("/lti/launch/", fields).status_code == 302
    client.logout()
    again = client.post("/lti/launch/", fields)
    assert again.status_code == 403
    assert markup.text(markup.one(again, "main .lede")) == (
        "This launch was used already. Start again from the LMS."
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"id_token": "x", "state": "y"},
        {"id_token": "a.b.c", "state": "state-1"},
        {"id_token": "W10.W10.x", "state": "state-1"},  # JSON lists where objects belong
        {"id_token": "e30.e30.x", "state": "state-1"},  # empty objects
    ],
)
def test_a_launch_that_is_not_one_gets_a_4xx_page(client, body):
    client.cookies["lti1p3-state-1"] = "state-1"  # past the state check, to the token itself
    assert client.post("/lti/launch/", body).status_code in (400, 403)


@pytest.mark.parametrize(
    "query", [{}, {"iss": "x"}, {"iss": "x", "target_link_uri": "y"}, {"iss": ["a", "b"]}]
)
def test_a_login_that_is_not_one_gets_a_4xx_page(client, query):
    assert client.post("/lti/login/", query).status_code in (400, 403)
    assert client.get("/lti/login/", query).status_code in (400, 403)


def test_the_picker_of_a_launch_that_never_was_is_a_404(client, db):
    launch = "lti1p3-launch-00000000-0000-4000-8000-000000000000"
    assert client.get(f"/lti/deep-link/{launch}/").status_code == 404
    assert client.post(f"/lti/deep-link/{launch}/pick/", {"item": "path:x"}).status_code == 404


def test_the_learner_group_exists_for_launches(db):
    assert Group.objects.filter(name="Learners").exists()
    assert Platform._meta.proxy


def test_registering_a_platform_makes_its_key_pair_and_shows_only_the_public_key(
    admin_client, platform
):
    registered = Platform.objects.get()
    assert "PRIVATE KEY" in registered.tool_key.private_key
    page = admin_client.get(f"/admin/lti/platform/{registered.pk}/change/")
    assert "PRIVATE KEY" not in page.text
    shown = markup.text(markup.one(page, ".field-public_key pre"))
    assert shown.split() == registered.tool_key.public_key.split()


def test_an_instructor_launching_a_link_is_a_learner_outside_the_cohort(client, platform, path):
    fields = launch_fields(client, platform, context="course-1", roles=[INSTRUCTOR])
    answer = client.post("/lti/launch/", fields)
    assert (answer.status_code, answer["Location"]) == (302, "/paths/first-week/")
    user = answer.wsgi_request.user
    assert not user.is_staff and not user.groups.filter(name="Trainers").exists()
    assert not Course.objects.filter(cohort__learners=user).exists()


def test_a_refusal_can_be_read_inside_any_lms_frame(client, db):
    answer = client.post("/lti/launch/", {"id_token": "a.b.c", "state": "s"})
    assert "X-Frame-Options" not in answer
    assert "frame-ancestors *" in answer["Content-Security-Policy"]


def test_a_refusal_says_in_words_that_no_platform_has_this_issuer_and_client_id(client, db):
    answer = client.get(
        "/lti/login/",
        {
            "iss": "https://lms.example",
            "login_hint": "x",
            "client_id": "zzz",
            "target_link_uri": PATH,
        },
    )
    assert markup.text(markup.one(answer, "main .lede")).startswith(
        "The LMS's sign-in request was not accepted. No LMS platform is registered with this "
        "issuer and client id (issuer https://lms.example, client id zzz)."
    )


def admin_addresses(admin_client):
    """{what the LMS calls it: the address} as the admin's "What to paste into the LMS" shows."""
    page = admin_client.get("/admin/lti/platform/add/")
    shown = markup.one(page, ".field-tool_addresses dl")
    names, addresses = shown.select("dt"), shown.select("dd")
    return {markup.text(n): markup.text(a) for n, a in zip(names, addresses, strict=True)}


def guide_addresses():
    """The same table in docs/lms.md (section 5), its cells without their backticks."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "lms.md").read_text()
    table = text.split("The library's four addresses", 1)[1].split("\n\n", 2)[1]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {name.strip(): address.strip(" `") for name, address in rows}


def test_the_admin_names_the_libraries_four_addresses_as_the_guide_does(admin_client, settings):
    settings.SITE_URL = "https://library.example"
    assert admin_addresses(admin_client) == guide_addresses()


def test_the_admin_warns_when_it_is_read_at_another_address_than_site_url(admin_client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    page = admin_client.get("/admin/lti/platform/add/")
    warning = markup.one(page, "fieldset .errornote")
    assert "DJANGO_SITE_URL=http://testserver" in markup.text(warning)
    assert "DJANGO_SITE_URL" in markup.text(markup.one(page, "ul.messagelist .warning"))
    settings.SITE_URL = "http://testserver"
    page = admin_client.get("/admin/lti/platform/add/")
    assert not markup.parse(page).select(".errornote, ul.messagelist")


def test_a_launchs_state_written_by_one_process_is_read_by_another(tmp_path):
    """Without Redis, the OIDC state saved at /lti/login/ must reach the process that gets
    /lti/launch/ (gunicorn runs several): one process is booted with the production settings
    and forks, the child writes the state, the parent reads it."""
    script = (
        "import os, django; django.setup(); from csx.lti.platforms import launch_storage\n"
        "if os.fork() == 0:\n"
        "    launch_storage().set_value('lti1p3-state-1', 'state-1', 600); os._exit(0)\n"
        "os.wait(); print(launch_storage().get_value('lti1p3-state-1'))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "csx.settings", "DJANGO_DEBUG": "1",
        "DJANGO_CACHE_DIR": str(tmp_path),
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True,
        cwd=django_settings.BASE_DIR, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "state-1"
