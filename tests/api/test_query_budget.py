"""The API's lists run the same, small number of queries however big the library is, as
the pages do (tests/test_query_budget.py builds the libraries)."""

import pytest

from tests.test_query_budget import EVERY_FILTER, build_library, queries_for

pytestmark = pytest.mark.django_db

# url → exact number of SQL queries: the items with what their cards show (one query), their
# tags (one more); the filters look up the principle, company and tag they name.
BUDGETS = {
    "/api/v1/stories/": 2,
    f"/api/v1/stories/?{EVERY_FILTER}": 5,
    "/api/v1/companies/": 2,
    "/api/v1/principles/": 2,
    "/api/v1/statistics/": 2,
    "/api/v1/resources/": 2,
    "/api/v1/paths/": 2,
    "/api/v1/sources/": 1,
    "/api/v1/tags/": 6,
    "/api/v1/tags/shared/": 11,
}


@pytest.mark.parametrize("url", BUDGETS)
def test_budget_with_a_small_library(client, url):
    build_library(5)
    assert queries_for(client, url) == BUDGETS[url]


@pytest.mark.parametrize("url", BUDGETS)
def test_budget_with_a_large_library(client, url):
    build_library(200)
    assert queries_for(client, url) == BUDGETS[url]
