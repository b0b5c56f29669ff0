"""Every public page runs the same, small number of queries however big the library is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csx.editorial.scheduled import schedule
from csx.paths.models import Path, PathItem
from csx.search import index as search_index
from csx.search import meaning
from principles.models import Principle, Resource, Statistic
from principles.models.principles import STORIES_SHOWN
from stories.models import Story
from tests.factories import (
    make_company,
    make_image,
    make_practice,
    make_principle,
    make_resource,
    make_source,
    make_statistic,
    make_story,
)
from tests.module_data import held_for_the_module

pytestmark = pytest.mark.django_db

EVERY_FILTER = "outcome=exemplary&principle=p-0&company=c-0&tag=shared&channel=phone&kind=anecdote"

# page → exact number of SQL queries, for an anonymous reader
BUDGETS = {
    # Story cards show no tags: no list of cards reads them.
    "/": 4,
    "/stories/": 5,
    f"/stories/?{EVERY_FILTER}": 8,
    # The story, its principles, tags, sources, related stories (with, after a change to
    # the search index, its vectors: csx/search/meaning.py; the index's token is in the
    # cache beside the content version); the previous and the next story in the list (one
    # query of two indexed subqueries) and the figures behind its principles.
    "/stories/s-0/": 8,
    # Reached from a filtered list: the filters are conditions of the walk's one query, the
    # items they name found by subqueries, not looked up first (stories/filters.py, walk).
    f"/stories/s-0/?{EVERY_FILTER}": 8,
    "/companies/": 3,  # a page of companies: counted, drawn, their stories counted
    "/companies/c-0/": 4,
    "/principles/": 2,
    "/principles/cheat-sheet/": 2,  # the principles, then their practices
    # The principle, its tags, practices, sources, first stories, statistics and resources
    # (and, when it has more stories than it shows, their count: MORE_THAN_SHOWN).
    "/principles/p-0/": 7,
    "/statistics/": 1,
    "/statistics/st-0/": 4,
    "/statistics/st-0/handout/": 4,
    "/resources/": 2,
    "/tags/": 6,
    "/tags/shared/": 6,
    "/sitemap.xml": 6,  # a query per section: each is counted as the list it is
    "/feeds/stories/": 1,
    "/paths/": 1,
    "/paths/?minutes=45": 1,
    "/paths/path-0/": 2,
    # The path, its steps with their targets (and what a target's own page joins), then the
    # step's principle's tags, practices, sources, statistics and resources (its stories are
    # read only by the pages that show them: Principle.first_stories).
    "/paths/path-0/steps/{second_step}/": 7,
    "/paths/path-0/handout/": 4,
    "/paths/path-0/present/": 4,
    "/stories/s-0/present/": 4,
    "/sources/": 2,
    "/sources/src-0/": 8,
}

# With more stories than it shows (Principle.first_stories), a principle's page says how many
# there are: counted once, then kept until a change touches them (stories/counts.py). p-0 is
# a principle of every story built, so it has more in a library of more than that many.
MORE_THAN_SHOWN = {"/principles/p-0/": 1}

# Search differs by database: SQLite ranks the page in one query and makes its ten snippets
# in a second (cheaper than one query that would re-read every match); PostgreSQL now does
# the same (the fused list of words and meaning is known only after ranking). Both read the
# editors' synonyms (one query; the search is counted in a buffer, not the database:
# csx/search/log.py), and after a change to the index its vectors, for matching by meaning
# (the index's token is in the cache beside the content version).
# On SQLite the first ten results hold statistics (company and tag pages come after the
# items whose words they repeat), whose verification is read for their badges (one query).
# A misspelling adds the lexicon look-up (on SQLite the words it holds and the candidates
# close to the others in one query; on PostgreSQL two, its trigram index finding the
# closest), and the count of the closest word (that it finds a live item), which is the
# corrected query's count too.
SEARCH_BUDGETS = {
    "/search/?q=shared": {"sqlite": 6, "postgresql": 5},
    "/search/?q=sahred": {"sqlite": 8, "postgresql": 8},
}


def build_library(stories):
    """A library with `stories` stories spread over 5 companies, principles and sources."""
    # Indexing once at the end, as bulk loads do, keeps the 200-story library quick to build.
    with search_index.paused():
        principles = [make_principle(slug=f"p-{i}", tags=["shared"]) for i in range(5)]
        for principle in principles:
            make_practice(principle)
            make_practice(principle)
        companies = [make_company(slug=f"c-{i}", tags=["shared"]) for i in range(5)]
        sources = [make_source(slug=f"src-{i}") for i in range(3)]
        # Pictures come with their stories and cards in the same query (select_related).
        pictures = [None, make_image(), make_image()]
        for i in range(5):
            make_statistic(slug=f"st-{i}", principles=principles[:2], tags=["shared"])
            make_resource(principles=principles[:3], tags=["shared"])
        for i in range(stories):
            make_story(
                slug=f"s-{i}",
                company=companies[i % 5],
                channel="phone",
                featured=i < 4,
                principles=principles[: 1 + i % 3],
                sources=sources[:2],
                tags=["shared", f"t{i % 7}"],
                lead_image=pictures[i % 3],
            )
        # A path through every item of every kind, with an unpublished story readers skip.
        path = Path.objects.create(
            slug="path-0", title="Path", summary="A path.", status="published"
        )
        targets = [
            *Principle.objects.all(),
            *Statistic.objects.all(),
            *Resource.objects.all(),
            make_story(status="draft"),
            *Story.objects.published(),
        ]
        for order, target in enumerate(targets):
            PathItem.objects.create(path=path, order=order, **{target._meta.model_name: target})


def queries_for(client, url):
    # A step's address names its item, known only once the library is built.
    second_step = list(Path.objects.get(slug="path-0").steps())[1].number
    url = url.format(second_step=second_step)
    # The schedule of changes is read at most every few seconds per process
    # (csx/editorial/scheduled.py), not per page: building a large library may take longer, so read
    # it before counting.
    schedule.due()
    # Each page is counted as right after a change to the library, whichever page read the
    # index's vectors before it: every process reads them again at its next search.
    meaning.index_changed()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def budget(url, stories):
    counted = MORE_THAN_SHOWN.get(url, 0) if stories > STORIES_SHOWN else 0
    return counted + (BUDGETS[url] if url in BUDGETS else SEARCH_BUDGETS[url][connection.vendor])


@pytest.fixture(scope="module", params=[5, 200], ids=["small-library", "large-library"])
def library(request, django_db_setup, django_db_blocker):
    """Each library built once for every page counted against it (tests/module_data.py);
    its number of stories."""
    with held_for_the_module(django_db_blocker, lambda: build_library(request.param)):
        yield request.param


@pytest.mark.parametrize("url", [*BUDGETS, *SEARCH_BUDGETS])
def test_every_page_keeps_its_budget_whatever_the_librarys_size(library, client, url):
    assert queries_for(client, url) == budget(url, library)
