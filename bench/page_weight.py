"""Page weight and paint for every page type, in headless Chromium (a benchmark, not a test).

    make bench-pages          # a scratch database with the seed, gunicorn, then this script

For each page type: bytes of HTML, CSS and JavaScript as sent (compressed where the server
compresses), the number of requests, and the largest contentful paint (median of --repeat
loads, each in a fresh browser context so nothing is cached). Each figure is compared with
its budget; the script exits 1 when any page is over, and prints a Markdown table for
docs/performance.md. It starts the site itself with gunicorn (DEBUG off, the settings and
database it is given in the environment) on a free port, and stops it at the end.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The same Chromium, started the same way, as the browser tests.
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# One address per page type. The step and source addresses name seed items.
PAGES = {
    "home": "/",
    "story list (filtered)": "/stories/?outcome=exemplary",
    "story": "/stories/ritz-carlton-joshie-the-giraffe/",
    "principle list": "/principles/",
    "principle": "/principles/empathy/",
    "statistic list": "/statistics/",
    "statistic": "/statistics/86-percent-pay-more-for-better-service/",
    "company": "/companies/zappos/",
    "resource list": "/resources/",
    "path": "/paths/first-week-on-the-service-desk/",
    "path step": "/paths/first-week-on-the-service-desk/steps/1/",
    "present mode": "/paths/first-week-on-the-service-desk/present/",
    "handout": "/paths/first-week-on-the-service-desk/handout/",
    "tag": "/tags/complaint-handling/",
    "search": "/search/?q=lost+property",
    "sources": "/sources/",
    "share form": "/share/",
    "embed": "/embed/stories/ritz-carlton-joshie-the-giraffe/",
}

# The budgets every page type keeps, in kilobytes as sent and milliseconds. Generous enough
# for the largest page today with room to grow, tight enough that a web font, a framework or
# a tracking script would break them.
BUDGET = {"html_kb": 60, "css_kb": 20, "js_kb": 8, "requests": 12, "lcp_ms": 1000}

# What the page asked for and how long its largest element took to paint, read from the
# browser's own Performance API after load.
MEASURE = """() => new Promise(resolve => {
  const sizes = {html: 0, css: 0, js: 0, other: 0};
  const nav = performance.getEntriesByType("navigation")[0];
  sizes.html = nav.encodedBodySize;
  const resources = performance.getEntriesByType("resource");
  for (const entry of resources) {
    const name = entry.name.split("?")[0];
    const kind = name.endsWith(".css") ? "css" : name.endsWith(".js") ? "js" : "other";
    sizes[kind] += entry.encodedBodySize;
  }
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    resolve({...sizes, requests: 1 + resources.length,
             lcp: entries.length ? entries[entries.length - 1].startTime : null});
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve({...sizes, requests: 1 + resources.length, lcp: null}), 3000);
})"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_site(port):
    env = dict(
        os.environ,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            str(gunicorn),
            "csx.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The site did not start: see gunicorn's output above.")


def measure(browser, base, path, repeat):
    loads = []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        response = page.goto(base + path, wait_until="load")
        if response is None or not response.ok:
            raise SystemExit(f"{path} answered {response and response.status}")
        loads.append(page.evaluate(MEASURE))
        context.close()
    first = loads[0]
    paints = [load["lcp"] for load in loads if load["lcp"] is not None]
    return {
        "html_kb": first["html"] / 1024,
        "css_kb": first["css"] / 1024,
        "js_kb": first["js"] / 1024,
        "requests": first["requests"],
        "lcp_ms": statistics.median(paints) if paints else float("nan"),
    }


def over_budget(figures):
    return [name for name, limit in BUDGET.items() if not figures[name] <= limit]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="loads per page (LCP median)")
    options = parser.parse_args()
    port = free_port()
    server = start_site(port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rows = {
                name: measure(browser, f"http://127.0.0.1:{port}", path, options.repeat)
                for name, path in PAGES.items()
            }
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print("| page | HTML kB | CSS kB | JS kB | requests | LCP ms (median) | budget |")
    print("|---|--:|--:|--:|--:|--:|---|")
    failed = False
    for name, figures in rows.items():
        over = over_budget(figures)
        failed = failed or bool(over)
        print(
            f"| {name} | {figures['html_kb']:.1f} | {figures['css_kb']:.1f} | "
            f"{figures['js_kb']:.1f} | {figures['requests']} | {figures['lcp_ms']:.0f} | "
            f"{'over: ' + ', '.join(over) if over else 'kept'} |"
        )
    limits = ", ".join(f"{name} {limit}" for name, limit in BUDGET.items())
    print(f"\nBudgets per page: {limits}. Loads per page: {options.repeat}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
