"""Search that learns: every search is counted (normalised query, results, day; nothing
about the person), and editors see the top queries and those that found nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from csx.models import SearchLog, Synonym
from csx.search import log
from tests.clock import TODAY
from tests.factories import make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def logged():
    log.flush()
    return list(SearchLog.objects.values_list("query", "day", "searches", "results"))


def test_a_search_is_counted_by_its_normalised_query(client):
    make_story(title="Harbour lights")
    client.get(reverse("search"), {"q": "  Harbour   LIGHTS "})
    client.get(reverse("search"), {"q": "harbour lights"})
    assert logged() == [("harbour lights", TODAY, 2, 1)]


def test_a_search_that_finds_nothing_is_counted_with_zero(client):
    client.get(reverse("search"), {"q": "xylophone"})
    assert logged() == [("xylophone", TODAY, 1, 0)]


def test_the_count_of_results_is_the_latest_of_the_day(client):
    client.get(reverse("search"), {"q": "harbour"})
    make_story(title="Harbour lights")
    client.get(reverse("search"), {"q": "harbour"})
    assert logged() == [("harbour", TODAY, 2, 1)]


def test_a_later_page_is_not_another_search(client):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    client.get(reverse("search"), {"q": "harbour"})
    client.get(reverse("search"), {"q": "harbour", "page": 2})
    assert logged() == [("harbour", TODAY, 1, 12)]


@pytest.mark.parametrize("q", ["", "   ", "x" * 201])
def test_empty_and_refused_queries_are_not_counted(client, q):
    client.get(reverse("search"), {"q": q})
    assert logged() == []


def test_nothing_about_the_person_is_kept(client):
    response = client.get(
        reverse("search"),
        {"q": "harbour"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Secret-Agent/1.0",
        HTTP_REFERER="https://example.org/private",
    )
    assert [field.name for field in SearchLog._meta.fields] == [
        "id", "query", "day", "searches", "results",
    ]  # fmt: skip
    log.flush()
    row = SearchLog.objects.values().get()
    assert not {"203.0.113.9", "Secret-Agent/1.0"} & {str(value) for value in row.values()}
    assert "Set-Cookie" not in response.headers


def test_a_new_day_starts_a_new_count(client):
    client.get(reverse("search"), {"q": "harbour"})
    with time_machine.travel("2026-11-25 09:00Z", tick=False):
        client.get(reverse("search"), {"q": "harbour"})
    assert sorted(logged()) == [
        ("harbour", TODAY, 1, 0), ("harbour", TODAY + timedelta(days=1), 1, 0),
    ]  # fmt: skip


# --- what editors see -----------------------------------------------------------------


def add(query, days_ago, searches, results):
    SearchLog.objects.create(
        query=query, day=TODAY - timedelta(days=days_ago), searches=searches, results=results
    )


def test_top_queries_sums_the_last_30_days_most_first():
    add("refund", 0, 3, 12)
    add("refund", 29, 4, 10)
    add("giraffe", 1, 5, 2)
    add("ancient", 30, 50, 1)  # 31 days ago: outside the window
    assert log.top_queries() == [
        log.QueryCount("refund", 7, 12), log.QueryCount("giraffe", 5, 2),
    ]  # fmt: skip


def test_zero_result_queries_are_those_that_found_nothing_last_time():
    add("xylophone", 3, 2, 0)
    add("xylophone", 1, 1, 0)
    add("rude", 5, 4, 0)
    add("rude", 0, 1, 3)  # a synonym made it find something today
    add("refund", 0, 9, 12)
    assert log.zero_result_queries() == [log.QueryCount("xylophone", 3, 0)]


def test_adding_a_synonym_takes_a_query_off_the_nothing_found_list(client):
    make_story(title="Curt caller", body="A curt customer on the phone.")
    client.get(reverse("search"), {"q": "brusque"})
    assert [row.query for row in log.zero_result_queries()] == ["brusque"]
    Synonym.objects.create(terms="brusque, curt")
    client.get(reverse("search"), {"q": "brusque"})
    assert log.zero_result_queries() == []
    assert log.top_queries() == [log.QueryCount("brusque", 2, 1)]


def test_editors_see_both_lists_above_the_search_log(editor_client):
    add("refund", 0, 3, 12)
    add("xylophone", 0, 2, 0)
    response = editor_client.get(reverse("admin:csx_searchlog_changelist"))
    assert response.status_code == 200
    assert [row.query for row in response.context["top_queries"]] == ["refund", "xylophone"]
    assert [row.query for row in response.context["zero_result_queries"]] == ["xylophone"]
    synonym_link = reverse("admin:csx_synonym_add") + "?terms=xylophone%2C%20"
    assert f'href="{synonym_link}"' in response.text


def test_the_search_log_is_read_only_in_the_admin(editor_client):
    add("refund", 0, 3, 12)
    assert editor_client.get(reverse("admin:csx_searchlog_add")).status_code == 403
