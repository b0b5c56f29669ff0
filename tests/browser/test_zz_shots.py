import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth.models import User
from django.test import override_settings

from csx.editorial import link_checks
from csx.models import Status
from tests.browser.test_browser_review import PASSWORD, sign_in
from tests.factories import make_story
from tests.roles import role


class H(BaseHTTPRequestHandler):
    def answer(self):
        code = {"/ok": 200, "/old": 301}.get(self.path, 404)
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_HEAD = do_GET = answer
    def log_message(self, *a): pass


def test_shots(page, seed):
    User.objects.create_user("pat", password=PASSWORD, is_staff=True).groups.add(role("Publishers"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}"
    body = "## What happened\n\nA composite example: the hotel staff kept the [giraffe](story:ritz-carlton-joshie-the-giraffe) safe.\n\n" + "\n\n".join(f"Paragraph {i} of an example text, long enough to scroll the editor." for i in range(40)) + f"\n\nSee [the report]({site}/missing) and [the old page]({site}/old) and [a typo](stroy:x)."
    story = make_story(title="A composite story", body=body, status=Status.DRAFT)
    with override_settings(LINK_CHECK_INTERVAL=0):
        link_checks.check()
    page.set_viewport_size({"width": 1280, "height": 1000})
    sign_in(page, "pat")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.locator(".field-body .csx-picker-search").fill("giraffe")
    page.get_by_role("button", name="The giraffe who stayed on for a vacation").wait_for()
    page.locator(".field-body .csx-cheat-sheet summary").click()
    page.locator(".field-body").scroll_into_view_if_needed()
    page.locator("#id_body").evaluate("f => { f.scrollTop = f.scrollHeight / 2; f.dispatchEvent(new Event('scroll')); }")
    page.wait_for_timeout(300)
    page.screenshot(path="/tmp/writing-form.png")
    page.locator(".field-published_at").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/writing-schedule.png")
    page.locator("[name=_action][value=save]").click()
    page.wait_for_load_state()
    page.screenshot(path="/tmp/writing-saved.png")
    page.goto("/admin/")
    page.locator("#links-heading").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/writing-dashboard.png")
    page.goto("/admin/csx/linkcheck/")
    page.screenshot(path="/tmp/writing-linklist.png")
    server.shutdown()
