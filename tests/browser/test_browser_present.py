"""Present mode run as a trainer runs it: a 1280×720 window, the keyboard only, the outcome
revealed, the notes read, the QR code at the end; without JavaScript, and offline after load.
The page fixture fails any test whose page asks another host for anything."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from csx.paths.models import Path

# Nothing here changes the database: the seed is loaded once for all such tests.
pytestmark = pytest.mark.reads_only

PROJECTOR = {"width": 1280, "height": 720}
SESSION = "putting-it-right-after-a-mistake"
SEED_PATHS = [
    "first-week-on-the-service-desk",
    "putting-it-right-after-a-mistake",
    "cautionary-tales",
    "empathy-and-listening-workshop",
]


@pytest.fixture
def deck(page, live_server):
    """The seed session in present mode on a projector-sized window. Afterwards: no console
    error, and every request went to this site (the page fixture also aborts any other)."""
    errors, hosts = [], set()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.set_viewport_size(PROJECTOR)
    page.goto(f"/paths/{SESSION}/present/")
    yield page
    assert errors == []
    assert hosts == {urlsplit(live_server.url).netloc}


def current(page):
    return page.locator(".slide:visible")


def first_story_step():
    return next(step for step in Path.objects.get(slug=SESSION).steps() if step.story_id)


def test_keys_move_through_the_slides_and_reveal_the_outcome(deck):
    expect(current(deck)).to_have_attribute("id", "start")
    expect(deck.locator(".deck-position")).to_have_text("1 / 15 · Onboarding path")
    step = first_story_step()
    deck.keyboard.press("ArrowRight")  # step 1, a principle
    deck.keyboard.press("ArrowRight")  # its practices
    deck.keyboard.press("ArrowRight")  # its questions
    deck.keyboard.press("Space")  # step 2, a story
    expect(current(deck)).to_have_attribute("id", f"step-{step.pk}")
    outcome = current(deck).locator(".slide-reveal")
    expect(outcome).to_be_hidden()
    deck.keyboard.press("ArrowRight")
    expect(outcome).to_be_visible()
    expect(current(deck)).to_have_attribute("id", f"step-{step.pk}")
    deck.keyboard.press("ArrowDown")
    expect(current(deck)).to_have_attribute("id", f"step-{step.pk}-discussion")
    deck.keyboard.press("ArrowLeft")
    expect(current(deck).locator(".slide-reveal")).to_be_visible()  # back: shown in full
    assert deck.evaluate("location.hash") == f"#step-{step.pk}"


def test_home_and_end_jump_and_the_last_slide_has_a_working_qr_code(deck):
    deck.keyboard.press("End")
    expect(current(deck)).to_have_attribute("id", "end")
    qr = current(deck).locator("img")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert deck.locator(".deck-progress").evaluate("bar => bar.value === bar.max")
    expect(current(deck).locator(".slide-link")).to_contain_text("/s/t")
    deck.keyboard.press("Home")
    expect(current(deck)).to_have_attribute("id", "start")


def test_n_asks_before_the_notes_reach_the_main_screen(deck):
    deck.keyboard.press("n")
    ask = deck.get_by_role("dialog", name="Show the trainer's notes on this screen?")
    expect(ask).to_be_visible()
    expect(deck.locator(".notes-panel")).to_be_hidden()
    deck.keyboard.press("Escape")  # closes the question; does not leave present mode
    expect(ask).to_be_hidden()
    expect(deck.locator(".notes-panel")).to_be_hidden()
    expect(current(deck)).to_have_attribute("id", "start")


def test_n_shows_the_trainers_note_for_the_step_on_screen_once_allowed(deck):
    step = first_story_step()
    deck.goto(f"/paths/{SESSION}/present/#step-{step.pk}-discussion")
    panel = deck.locator(".notes-panel")
    expect(panel).to_be_hidden()
    deck.keyboard.press("n")
    deck.get_by_role("button", name="Show them here").click()
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(step.trainer_note)
    expect(deck.locator('[data-action="notes"]')).to_have_attribute("aria-pressed", "true")
    deck.keyboard.press("N")
    expect(panel).to_be_hidden()


def test_s_opens_the_notes_in_a_second_window_that_follows_the_slides(deck):
    step = first_story_step()
    deck.goto(f"/paths/{SESSION}/present/#step-{step.pk}")
    with deck.context.expect_page() as opened:
        deck.keyboard.press("s")
    notes = opened.value
    expect(notes.locator(".speaker-now")).to_contain_text(step.story.title)
    expect(notes.locator(".speaker-notes")).to_contain_text(step.trainer_note)
    notes.keyboard.press("ArrowRight")  # keys in the notes window drive the slides
    notes.keyboard.press("ArrowRight")
    expect(current(deck)).to_have_attribute("id", f"step-{step.pk}-discussion")
    expect(notes.locator(".speaker-status")).to_contain_text("elapsed")


def test_esc_leaves_for_the_path(deck, live_server):
    deck.keyboard.press("ArrowRight")
    deck.keyboard.press("Escape")
    deck.wait_for_url(f"{live_server.url}/paths/{SESSION}/")


def test_it_keeps_working_when_the_network_drops_after_loading(page):
    page.set_viewport_size(PROJECTOR)
    page.goto(f"/paths/{SESSION}/present/")
    page.wait_for_load_state("networkidle")
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.context.set_offline(True)
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("id", "end")
    assert current(page).locator("img").evaluate("img => img.naturalWidth > 0")
    page.keyboard.press("n")
    page.get_by_role("button", name="Show them here").click()
    expect(page.locator(".notes-panel")).to_be_visible()
    # Each slide's address (#step-…) makes the browser look at the tab's icon again; nothing
    # else is fetched (in production the icon, a hashed static file, comes from the cache).
    assert set(asked) <= {"/static/favicon.svg"}


@pytest.mark.parametrize("slug", SEED_PATHS)
def test_every_slide_of_the_seed_paths_fits_the_screen_in_large_type(page, slug):
    page.set_viewport_size(PROJECTOR)
    page.goto(f"/paths/{slug}/present/")
    for number in range(page.locator(".slide").count()):
        slide = current(page)
        # Parts still to reveal keep their place, so the slide is measured as it will end.
        fits, size = slide.evaluate(
            "s => [s.scrollHeight <= s.clientHeight + 1, parseFloat(getComputedStyle(s).fontSize)]"
        )
        assert fits, f"slide {number + 1} of {slug} runs off the screen"
        assert size >= 22, f"slide {number + 1} of {slug} is set in {size}px type"
        for _ in range(slide.locator(".slide-reveal").count() + 1):
            page.keyboard.press("PageDown")


def test_one_story_presents_alone(page):
    page.set_viewport_size(PROJECTOR)
    page.goto("/stories/ritz-carlton-joshie-the-giraffe/present/")
    expect(current(page).locator("h1")).to_have_text("The giraffe who stayed on for a vacation")
    page.keyboard.press("ArrowRight")
    expect(current(page).locator(".slide-reveal")).to_be_visible()
    page.keyboard.press("End")
    expect(current(page)).to_have_attribute("id", "end")


def test_without_javascript_the_slides_read_as_a_plain_sequence(browser, live_server, seed):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/paths/{SESSION}/present/")
    slides = page.locator(".slide")
    assert slides.count() == 15
    for number in range(slides.count()):
        expect(slides.nth(number)).to_be_visible()
    expect(page.locator(".slide-reveal").first).to_be_visible()
    expect(page.locator(".notes").first).to_be_visible()
    expect(page.locator(".deck-controls")).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the page")).to_be_visible()
    context.close()
