"""The accessibility audit: axe-core, run in Debian's Chromium on every type of page of the demo site, finds no
violation of serious or critical impact. Moderate and minor ones are reported as warnings without failing.

axe-core comes from the PyPI package ``axe-playwright-python``, which ships ``axe.min.js`` (MPL-2.0, Deque
Systems): updating the package updates the rules. The script is injected into the page by Playwright, never
fetched from a CDN.
"""

import functools
import warnings
from pathlib import Path

import pytest

from tests.browser_support import browser, demo_site, desktop, open_page, phone  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FAILING_IMPACTS = {"serious", "critical"}
# Every rule axe enables by default: WCAG 2.0/2.1/2.2 A and AA plus its best practices (landmarks, headings…).
AXE_OPTIONS = {"resultTypes": ["violations"]}

# name: (page of the demo, query string); "search" needs a query to show results.
PAGES = {
    "home": ("home", ""),
    "directory": ("directory", ""),
    "directory-filtered": ("directory", "?department=32&structure_type=evs&place=Auch"),
    "department": ("department", ""),
    "centre": ("centre", ""),
    "blog": ("blog", ""),
    "initiative": ("initiative", ""),
    "trainings": ("trainings", ""),
    "training": ("training", ""),
    "workshops": ("workshops", ""),
    "workshop": ("workshop", ""),
    "resources": ("resources", ""),
    "dossier": ("dossier", ""),
    "search": ("search", "?q=logement"),
    "legal": ("standard", ""),
    "not-found": ("missing", ""),
}


class AccessibilityWarning(UserWarning):
    """An axe violation of moderate or minor impact: worth fixing, not blocking."""


@functools.cache
def axe_script():
    """axe-core's script, as shipped by the test dependency (a missing package is an install error, not a skip)."""
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        pytest.fail("axe-playwright-python absent : pip install --group test (il fournit axe.min.js)")
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


def audit(page):
    """The axe violations of the page as loaded."""
    page.evaluate(axe_script())
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violation):
    """A violation as a reader of the test output needs it: rule, impact, help, then each element (eight at most)."""
    lines = [f"  [{violation['impact']}] {violation['id']} — {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:8]:
        summary = (node.get("failureSummary") or "").strip().splitlines()
        lines.append(f"    - {' '.join(map(str, node['target']))} : {summary[-1].strip() if summary else ''}")
        lines.append(f"      {node['html'][:200]}")
    if len(violation["nodes"]) > 8:
        lines.append(f"    … et {len(violation['nodes']) - 8} autres éléments")
    return "\n".join(lines)


def check(page, name):
    violations = audit(page)
    blocking = [violation for violation in violations if violation["impact"] in FAILING_IMPACTS]
    others = [violation for violation in violations if violation["impact"] not in FAILING_IMPACTS]
    if others:
        report = "\n".join(describe(violation) for violation in others)
        warnings.warn(f"axe, page « {name} » ({page.url}) :\n{report}", AccessibilityWarning, stacklevel=2)
    assert not blocking, f"axe, page « {name} » ({page.url}) :\n" + "\n".join(map(describe, blocking))


def open_demo_page(page, demo_site, name):  # noqa: F811
    key, query = PAGES[name]
    path = demo_site[key]
    if path is None:
        pytest.fail(f"Le contenu de démonstration n'a pas de page « {key} »")
    response = page.goto(path + query)
    expected = 404 if name == "not-found" else 200
    assert response.status == expected, f"{path + query} : HTTP {response.status}"
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_has_no_serious_accessibility_violation(desktop, demo_site, name):  # noqa: F811
    check(open_demo_page(desktop, demo_site, name), name)


@pytest.mark.parametrize("name", ["home", "directory", "centre", "blog", "training"])
def test_main_pages_on_a_phone_have_no_serious_accessibility_violation(phone, demo_site, name):  # noqa: F811
    check(open_demo_page(phone, demo_site, name), f"{name} (téléphone)")


def test_the_audit_sees_a_violation_when_there_is_one(desktop, demo_site):  # noqa: F811
    """The audit is not blind: a text field without a label, added to a page, is a critical violation."""
    page = open_demo_page(desktop, demo_site, "home")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {violation["id"] for violation in audit(page) if violation["impact"] == "critical"}
