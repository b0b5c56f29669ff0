"""axe-core finds no accessibility violation on every public page type, light or dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from csx.paths.models import Path

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only

PAGES = {
    "home": "/",
    "story-list": "/stories/",
    "story": "/stories/ritz-carlton-joshie-the-giraffe/",
    "principle": "/principles/empathy/",
    "statistic": "/statistics/86-percent-pay-more-for-better-service/",
    "tag": "/tags/complaint-handling/",
    # Beyond the brief's six: the other index pages and a company, which share the partials.
    "principle-list": "/principles/",
    "statistic-list": "/statistics/",
    "company-list": "/companies/",
    "company": "/companies/zappos/",
    "resource-list": "/resources/",
    "tag-list": "/tags/",
    # The search, trainers' pages and the embeddable card.
    "search": "/search/?q=girafe",
    "path": "/paths/first-week-on-the-service-desk/",
    "path-step": "/paths/first-week-on-the-service-desk/steps/{second_step}/",
    "story-handout": "/stories/ritz-carlton-joshie-the-giraffe/handout/",
    "path-handout": "/paths/first-week-on-the-service-desk/handout/",
    "path-present": "/paths/first-week-on-the-service-desk/present/",
    "path-present-notes": "/paths/first-week-on-the-service-desk/present/#notes",
    "story-present": "/stories/ritz-carlton-joshie-the-giraffe/present/",
    "embed": "/embed/stories/ritz-carlton-joshie-the-giraffe/",
    "embed-dark": "/embed/stories/ritz-carlton-joshie-the-giraffe/?theme=dark",
    # Readers talk back.
    "share": "/share/",
    "share-thanks": "/share/thanks/",
}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        # A target is a list of selectors: one per frame or shadow root down to the node.
        lines.extend(f"    {' >> '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(page, axe, path, scheme):
    page.emulate_media(color_scheme=scheme)
    # A step's address names its item, known only once the seed is loaded.
    second_step = list(Path.objects.get(slug="first-week-on-the-service-desk").steps())[1].number
    response = page.goto(path.format(second_step=second_step).removesuffix("#notes"))
    if path.endswith("#notes"):  # present mode with the trainer's notes shown
        page.keyboard.press("n")
    assert response is not None and response.ok, f"{path} answered {response and response.status}"

    violations = axe.run(page).response["violations"]

    assert not violations, f"axe found violations on {path} ({scheme}):\n" + describe(violations)
