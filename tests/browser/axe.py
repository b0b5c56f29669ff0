"""axe-core's findings on a page in each colour scheme, from one injection of its script."""

from axe_playwright_python.sync_playwright import Axe

SCRIPT = Axe().axe_script  # axe.min.js, read once
RUN = "axe.run(document, {resultTypes: ['violations']}).then(results => results.violations)"


def violations(page, schemes=("light", "dark")):
    """{scheme: axe's violations} on the page as it is now, redrawn in place in each scheme
    (no reload). The script (~500 kB) is parsed once for the page, not once per run: that
    parse cost as much as a run."""
    page.evaluate(SCRIPT)
    found = {}
    for scheme in schemes:
        page.emulate_media(color_scheme=scheme)
        found[scheme] = page.evaluate(RUN)
    return found


def described(violations):
    """One line a violation (its rule, impact and help), then one line a node it found."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        # A target is a list of selectors: one per frame or shadow root down to the node.
        lines.extend(f"    {' >> '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)
