"""The widget pasted into a partner's page, served from another origin, shows the federation's cards in Chromium."""

import http.server
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from tests.browser_support import browser, demo_site  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

HOST_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Mairie de Toulouse</title>
<style>body {{ font-family: Georgia, serif; }}</style></head>
<body>
<h1>Le site d'un partenaire</h1>
<div data-figo-widget="initiatives" data-department="31" data-limit="3"></div>
<div data-figo-widget="formations" data-limit="2"></div>
<div data-figo-widget="centres" data-commune="Toulouse"></div>
<script src="{site}/static/js/widget.js" async></script>
</body></html>
"""


@contextmanager
def static_host_page(html):
    """Serve one HTML page from another port of 127.0.0.1 than the site: another origin."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_pasted_widget_shows_cards_on_a_page_of_another_origin(browser, demo_site):  # noqa: F811
    with static_host_page(HOST_PAGE.format(site=demo_site.url)) as host_url:
        assert not host_url.startswith(demo_site.url)
        context = browser.new_context(locale="fr-FR")
        try:
            page = context.new_page()
            warnings = []
            page.on("console", lambda message: warnings.append(message.text))
            page.goto(host_url)
            page.wait_for_function("document.querySelectorAll('[data-figo-rendered=ok]').length === 3", timeout=15_000)

            initiatives, formations, centres = page.query_selector_all("[data-figo-widget]")
            assert 1 <= len(initiatives.query_selector_all(".figo-card")) <= 3
            assert len(formations.query_selector_all(".figo-card")) == 2
            assert "Toulouse" in centres.inner_text()
            # Every card links back to the federation's page, by an absolute URL of the Wagtail site.
            links = [link.get_attribute("href") for link in initiatives.query_selector_all(".figo-card__title a")]
            assert links and all(urlsplit(href).scheme in {"http", "https"} for href in links)
            assert all(urlsplit(href).path.startswith("/initiatives/") for href in links)
            # The cards inherit the host page's font.
            font = page.eval_on_selector(".figo-card__title", "node => getComputedStyle(node).fontFamily")
            assert "Georgia" in font
            # Headings follow the host page's outline: a section title, then one heading per card.
            assert initiatives.query_selector("h2.figo-widget__title") is not None
            assert not [text for text in warnings if "FIGO" in text]
        finally:
            context.close()
