"""The API's lists run the same, small number of queries however big the library is, as
the pages do (tests/test_query_budget.py builds the libraries)."""

import pytest

# `library`, a fixture: the small and the large library, each built once for the module.
from tests.test_query_budget import EVERY_FILTER, library, queries_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

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
    "/api/v1/tags/shared/stories/": 3,  # the tag, then as the story list
}


@pytest.mark.parametrize("url", BUDGETS)
def test_every_list_keeps_its_budget_whatever_the_librarys_size(client, url):
    assert queries_for(client, url) == BUDGETS[url]
