"""axe-core finds no accessibility violation on every public page type, light or dark."""

import pytest

from csx.paths.models import Path
from tests.browser.axe import described, violations

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


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations_light_or_dark(page, path):
    # A step's address names its item, known only once the seed is loaded.
    second_step = list(Path.objects.get(slug="first-week-on-the-service-desk").steps())[1].number
    response = page.goto(path.format(second_step=second_step).removesuffix("#notes"))
    if path.endswith("#notes"):  # present mode with the trainer's notes shown
        page.keyboard.press("n")
    assert response is not None and response.ok, f"{path} answered {response and response.status}"

    found = violations(page)

    assert found == {"light": [], "dark": []}, f"axe found violations on {path}:\n" + "\n".join(
        f"{scheme}:\n{described(each)}" for scheme, each in found.items() if each
    )
