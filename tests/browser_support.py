"""What the browser tests share: the demo site served on 127.0.0.1, Debian's Chromium, and pages that never leave
this machine.

- ``demo_site`` (one per test module): the test database filled once with ``load_demo_content`` inside a
  transaction that is rolled back afterwards, served by a threaded HTTP server on 127.0.0.1 whose requests all use
  that same, still open, database connection, one request at a time. The tests only read.
- ``browser`` (one per test module): Debian's Chromium driven by Playwright; every test using it is skipped, with the
  reason, when Playwright or ``/usr/bin/chromium`` is missing (CI installs both).
- ``desktop``, ``phone`` (390×844, touch) and ``no_js`` (JavaScript disabled): one fresh page per test, in French,
  Paris time, whose requests to any host other than this machine are refused (map tiles included).

Import the fixtures you use into the test module: ``from tests.browser_support import browser, demo_site, desktop``.
"""

import os
import threading
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import signals
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.core.wsgi import get_wsgi_application
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections, transaction
from django.db.models import Count, Q
from django.test.testcases import QuietWSGIRequestHandler, _MediaFilesHandler
from django.utils import timezone

from blog.models import BlogIndexPage, InitiativePage
from centres.models import CentrePage, DepartmentPage, DirectoryPage
from home.models import HomePage, StandardPage, Theme
from resources.models import (
    DossierPage,
    ResourceIndexPage,
    TrainingIndexPage,
    TrainingPage,
    WorkshopIndexPage,
    WorkshopPage,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The machine has two cores shared with the server thread: generous, but bounded.
ACTION_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 20_000


# --- The demo site ---------------------------------------------------------------------------------------


@dataclass
class DemoSite:
    """The served demo: its base URL, the path of one page of each type and what a reader should find there,
    all looked up once after loading."""

    url: str
    paths: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.paths[name]


class SharedConnectionServer(ThreadedWSGIServer):
    """Each request thread uses the test thread's connection, whose transaction holds the demo; never closes it."""

    def _close_connections(self):
        pass


def serialized(app, lock):
    """The WSGI app answering one request at a time: the shared connection is not safe for concurrent use."""

    def application(environ, start_response):
        with lock:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                with suppress(AttributeError):
                    response.close()

    return application


def _first(queryset):
    return queryset.live().public().order_by("path").first()


def _url(page):
    return page.url if page is not None else None


def demo_pages():
    """The demo page of each type the tests open, the richest where it matters (None where the demo has none)."""
    initiatives = InitiativePage.objects.live().public()
    centre = _first(CentrePage.objects.filter(organised_initiatives__page__in=initiatives).distinct())
    training = _first(TrainingPage.objects.filter(sessions__start__gt=timezone.now()).distinct())
    return {
        "home": HomePage.objects.first(),
        "directory": _first(DirectoryPage.objects.all()),
        "department": _first(DepartmentPage.objects.filter(department__code="32")),
        "centre": centre,
        "blog": _first(BlogIndexPage.objects.all()),
        "initiative": _first(InitiativePage.objects.filter(is_significant=True)),
        "resources": _first(ResourceIndexPage.objects.all()),
        "dossier": _first(DossierPage.objects.filter(theme__slug="logement")),
        "trainings": _first(TrainingIndexPage.objects.all()),
        "training": training,
        "workshops": _first(WorkshopIndexPage.objects.all()),
        "workshop": _first(WorkshopPage.objects.all()),
        "standard": _first(StandardPage.objects.all()),
        # The theme shared by the most initiatives short of all of them: filtering by it narrows the list.
        "blog_theme": (
            Theme.objects.annotate(used=Count("initiatives", filter=Q(initiatives__in=initiatives)))
            .filter(used__gt=1, used__lt=initiatives.count())
            .order_by("-used", "name")
            .first()
        ),
    }


def demo_facts(pages):
    """What a reader should find on the demo site, read from the database once, before the server starts."""
    centre, theme = pages["centre"], pages["blog_theme"]
    gers_evs = CentrePage.objects.live().public().filter(commune__department__code="32", structure_type="evs")
    return {
        "gers_evs": sorted(gers_evs.values_list("title", flat=True)),
        "centre": centre.title if centre else None,
        "centre_listing_title": centre.get_listing_title() if centre else None,
        "centre_department": centre.commune.department.name if centre else None,
        "blog_theme": theme.name if theme else None,
        "blog_theme_count": theme.initiatives.live().public().count() if theme else 0,
        "initiatives_count": InitiativePage.objects.live().public().count(),
        "training": pages["training"].title if pages["training"] else None,
        "training_listing_title": pages["training"].get_listing_title() if pages["training"] else None,
    }


def ensure_legal_page():
    """A "Mentions légales" page under the home page when the demo has no plain page, as an editor would add."""
    if StandardPage.objects.live().exists():
        return
    home = HomePage.objects.get()
    page = StandardPage(
        title="Mentions légales",
        slug="mentions-legales",
        summary="Qui publie ce site et comment nous joindre.",
        body=[
            ("heading", {"text": "Éditeur du site", "level": "h2"}),
            ("paragraph", "<p>Fédération interdépartementale Garonne Occitanie des centres sociaux.</p>"),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()


@contextmanager
def synchronous_orm():
    """Let the test thread use the ORM while Playwright's event loop runs in it: the tests' code is not async.

    Playwright's synchronous API keeps an asyncio loop running in the main thread, which Django takes for an
    async context. The flag is set while a browser module runs, so that its demo and pytest-django's per-test
    transaction can use the database.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def is_test_database(connection):
    """Whether pytest-django has switched this connection to a test database (never the developer's own)."""
    name = str(connection.settings_dict["NAME"])
    test_name = connection.settings_dict.get("TEST", {}).get("NAME")
    return name == test_name or "memorydb" in name or Path(name).name.startswith("test_")


@contextmanager
def serving(connection):
    """A threaded HTTP server on 127.0.0.1 answering with the site, through `connection`; yields its URL."""
    lock = threading.Lock()
    # The server's threads must not close the connection that holds the open transaction (Django closes
    # connections when a request starts and ends; the test client avoids it the same way).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    connection.inc_thread_sharing()
    server = SharedConnectionServer(
        ("127.0.0.1", 0),
        QuietWSGIRequestHandler,
        allow_reuse_address=False,
        connections_override={DEFAULT_DB_ALIAS: connection},
    )
    server.set_app(serialized(_MediaFilesHandler(get_wsgi_application()), lock))
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        connection.dec_thread_sharing()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def demo_site(browser, django_db_setup, django_db_blocker):
    """The demo content loaded once for the module and served on 127.0.0.1; rolled back when the module ends.

    The module's tests must be marked ``django_db`` (so that pytest-django creates the test database); each
    test's own transaction is then a savepoint inside the demo's.
    """
    # Inside Playwright's context this thread has its own connection object (Django keeps connections in
    # context variables, and Playwright's greenlets have their own): a new connection, closed at the end.
    connection = connections[DEFAULT_DB_ALIAS]
    with synchronous_orm(), django_db_blocker.unblock():
        if not is_test_database(connection):
            pytest.fail("Base de test absente : marquez les tests du module @pytest.mark.django_db")
        try:
            with transaction.atomic():
                call_command("load_demo_content", verbosity=0)
                ensure_legal_page()
                pages = demo_pages()
                paths = {name: _url(page) for name, page in pages.items() if name != "blog_theme"}
                paths.update(search="/recherche/", missing="/cette-page-n-existe-pas/")
                facts = demo_facts(pages)
                with serving(connection) as url:
                    yield DemoSite(url=url, paths=paths, facts=facts)
                transaction.set_rollback(True)
        finally:
            connection.close()


# --- The browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Debian's Chromium, headless, once per test module (skipped with the reason when absent).

    Not once per session: while Playwright's synchronous API runs, its event loop makes Django refuse database
    access in this thread to every later test of the session. Launching Chromium takes about a second. The test
    database is created first, outside that loop.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright absent : pip install --group test")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium de Debian absent ({CHROMIUM}) : apt-get install -y chromium fonts-dejavu-core")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def refuse_other_hosts(route, blocked):
    """Let requests to this machine through, abort every other (map tiles, fonts, analytics…) and note it."""
    host = urlsplit(route.request.url).hostname or ""
    if host in LOOPBACK_HOSTS:
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort("blockedbyclient")


@pytest.fixture
def open_page(browser, demo_site):
    """``open_page(viewport=..., **context_options)``: a fresh page on the demo site, closed after the test.

    The page has ``page.blocked`` (the refused external URLs) and ``page.js_errors`` (uncaught exceptions): the
    test fails at teardown if a script of the site raised an error.
    """
    contexts = []

    def open_(viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=demo_site.url,
            viewport=viewport,
            locale="fr-FR",
            timezone_id="Europe/Paris",
            service_workers="block",
            **options,
        )
        contexts.append(context)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        page = context.new_page()
        page.blocked, page.js_errors = [], []
        context.route("**/*", lambda route: refuse_other_hosts(route, page.blocked))
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        return page

    yield open_
    errors = [error for context in contexts for page in context.pages for error in page.js_errors]
    for context in contexts:
        context.close()
    assert not errors, f"Erreur JavaScript sur la page : {errors}"


@pytest.fixture
def desktop(open_page):
    """A desktop-sized page (1280×800) with JavaScript."""
    return open_page()


@pytest.fixture
def phone(open_page):
    """A phone-sized page (390×844, touch) with JavaScript."""
    return open_page(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def no_js(open_page):
    """A desktop-sized page with JavaScript disabled: the site must still work as plain HTML."""
    return open_page(java_script_enabled=False)
