"""The guard every browser test runs behind (conftest.py's `page`): a request to another host
is stopped and recorded, one to the live server goes through."""

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.reads_only


def test_a_request_to_another_host_is_stopped_and_recorded(page, foreign_requests):
    elsewhere = "http://127.0.0.1:9/tracker.js"  # the same machine, but another host and port
    with pytest.raises(PlaywrightError, match="ERR_FAILED"):
        page.goto(elsewhere)
    assert foreign_requests == [elsewhere]
    foreign_requests.clear()  # recorded as it should be: not a failure of this test


def test_a_request_to_the_live_server_goes_through_unrecorded(page, foreign_requests):
    assert page.goto("/static/css/site.css").status == 200
    assert foreign_requests == []
