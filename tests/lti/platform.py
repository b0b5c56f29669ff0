"""A real LTI 1.3 platform for the tests: PyPI's lti1p3platform, served over HTTP from a
thread (wsgiref), as an LMS would be.

It serves what a platform serves: its keys (/jwks), the OIDC authorisation endpoint (/auth,
answering with the auto-posted launch form an LMS sends to the tool), the OAuth 2 token
endpoint (/token), a line item's scores (/lineitems/<id>/scores) and the deep-linking return
(/deep-link-return). What it receives (scores, content items) is kept on `received`.

Each launch the test wants is a scenario: `platform.login(**scenario)` gives the address
of the tool's /lti/login/ the LMS would send the browser to; the scenario travels as the
lti_message_hint, and /auth builds the id_token from it.
"""

import html
import json
import re
import threading
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.exceptions import LtiException
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import AssignmentsGradesService

CLIENT_ID = "csx-library-tool"
DEPLOYMENT_ID = "deployment-1"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
LEARNER, INSTRUCTOR = ROLE + "Learner", ROLE + "Instructor"


def private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


class WsgiRequest(Request):
    def build_metadata(self, environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        kind = environ.get("CONTENT_TYPE", "")
        headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
        return {
            "method": environ["REQUEST_METHOD"],
            "form_data": dict(parse_qsl(body.decode())) if "form" in kind else {},
            "json": json.loads(body) if "json" in kind and body else None,
            "get_data": dict(parse_qsl(environ.get("QUERY_STRING", ""))),
            "headers": headers,
            "content_type": kind,
            "path": environ["PATH_INFO"],
        }


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, registration):
        self._registration = registration

    def get_registration_by_params(self, **kwargs):
        return self._registration


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url):
        return url


class Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        fields = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(launch_data[name])}">'
            for name in ("id_token", "state")
        )
        return (
            f'<form method="post" action="{html.escape(launch_data["launch_url"])}">{fields}</form>'
        )


class Scores(AssignmentsGradesService):
    def __init__(self, request, conf, platform):
        super().__init__(request, conf, platform.url("/lineitems"))
        self.platform = platform

    def update_score(self, line_item_id, score):
        self.platform.received["scores"].append((line_item_id, score))
        return UpdateScoreStatus.SUCCESS

    find_lineitems = find_lineitem = create_lineitem = update_lineitem = None
    delete_lineitem = get_results = None


Scores.__abstractmethods__ = frozenset()


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Platform:
    def __init__(self):
        self.server = make_server("127.0.0.1", 0, self.app, handler_class=Quiet)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.key, self.private_pem = private_key_pem()
        self.public_pem = (
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )
        self.received = {"scores": [], "content_items": [], "refused": []}
        self.fail_scores = 0  # answer this many score posts with a 503 first
        self.tool_jwks = None
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path):
        return self.issuer + path

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def registration(self, launch_url="http://testserver/lti/launch/"):
        registration = (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(CLIENT_ID)
            .set_deployment_id(DEPLOYMENT_ID)
            .set_oidc_login_url("http://testserver/lti/login/")
            .set_launch_url(launch_url)
            .set_deeplink_launch_url(launch_url)
            .set_platform_public_key(self.public_pem)
            .set_platform_private_key(self.private_pem)
        )
        registration.set_tool_key_set(self.tool_jwks)
        return registration

    def login(self, target, **scenario):
        """The tool's login initiation address for a launch of `target` with `scenario`
        (user, roles, context, custom, ags, deep_link)."""
        hint = json.dumps({"target": target, **scenario})
        login = Login(None, PlatformConf(registration=self.registration(target)))
        login.set_lti_message_hint(hint=hint)
        return login.initiate_login(scenario.get("user", "learner-1"))

    # The platform's endpoints ------------------------------------------------------------

    def app(self, environ, start_response):
        request = WsgiRequest(environ)
        path = environ["PATH_INFO"]
        try:
            status, kind, body = self.route(path, request)
        except (LtiException, AssertionError, KeyError, ValueError) as error:
            self.received["refused"].append(f"{path}: {error!r}")
            status, kind, body = (
                "400 Bad Request",
                "application/json",
                json.dumps({"error": str(error)}),
            )
        start_response(status, [("Content-Type", kind)])
        return [body.encode()]

    def route(self, path, request):
        if path == "/jwks":
            conf = PlatformConf(registration=self.registration())
            return "200 OK", "application/json", json.dumps(conf.get_jwks())
        if path == "/auth":
            return "200 OK", "text/html", self.authorise(request)
        if path == "/token":
            conf = PlatformConf(registration=self.registration())
            return (
                "200 OK",
                "application/json",
                json.dumps(conf.get_access_token(request.form_data)),
            )
        if path == "/deep-link-return":
            conf = PlatformConf(registration=self.registration())
            items = conf.validate_deeplinking_resp(request.form_data)
            self.received["content_items"].extend(items)
            return "200 OK", "text/html", "<p>Added.</p>"
        match = re.fullmatch(r"/lineitems/([\w-]+)/scores", path)
        if match:
            if self.fail_scores:
                self.fail_scores -= 1
                return "503 Service Unavailable", "application/json", "{}"
            conf = PlatformConf(registration=self.registration())
            response = Scores(request, conf, self).handle_resp(
                Scores(request, conf, self).handle_update_score, line_item_id=match[1]
            )
            return f"{response.code} Done", "application/json", json.dumps({})
        return "404 Not Found", "text/plain", "no such endpoint"

    def authorise(self, request):
        scenario = json.loads(request.get_data["lti_message_hint"])
        launch = Launch(request, PlatformConf(registration=self.registration(scenario["target"])))
        launch.set_user_data(
            scenario.get("user", "learner-1"),
            scenario.get("roles", [LEARNER]),
            full_name=scenario.get("name", "Ana Learner"),
            email_address=scenario.get("email"),
        )
        launch.set_resource_link_claim(scenario.get("resource_link", "link-1"))
        if scenario.get("context"):
            launch.set_launch_context_claim(scenario["context"], context_title="Service basics")
        if scenario.get("custom"):
            launch.set_custom_parameters_claim(scenario["custom"])
        if scenario.get("lineitem"):
            launch.set_ags(
                self.url("/lineitems"),
                self.url(f"/lineitems/{scenario['lineitem']}"),
            )
        if scenario.get("deep_link"):
            launch.set_dl(self.url("/deep-link-return"), accept_types={"ltiResourceLink"})
        launch.set_launch_presentation_claim("iframe", return_url=self.url("/course"))
        return launch.lti_launch()


def launch_form(page):
    """(action, {id_token, state}) of the platform's auto-posted launch form."""
    action = html.unescape(re.search(r'action="([^"]+)"', page)[1])
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
    return action, {name: html.unescape(value) for name, value in fields.items()}
