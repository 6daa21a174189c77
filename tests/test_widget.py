"""The embeddable widget and the "Intégrer nos contenus" page: what a partner pastes into a page of their own
site shows the federation's cards, and the page that builds the snippet works with and without JavaScript."""

import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import PageViewRestriction

from home.models import Commune
from tests.conftest import CentrePageFactory, InitiativePageFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def widget(client, kind, query=""):
    response = client.get(f"/api/v2/widget/{kind}.json{query}")
    assert response.status_code == 200, response.content
    return response.json()


# --- The widget's data ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_initiatives_widget_shows_live_public_initiatives_with_a_link_back(client, blog_index_page, initiative_page):
    InitiativePageFactory(parent=blog_index_page, title="Brouillon").unpublish()
    hidden = InitiativePageFactory(parent=blog_index_page, title="Réservé aux adhérents")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="secret")

    data = widget(client, "initiatives", "?department=31&limit=3")

    assert [item["title"] for item in data["items"]] == ["Les Izards cultivent leur jardin"]
    assert data["items"][0]["url"].endswith(initiative_page.url)
    assert data["items"][0]["details"] == ["Centre social des Izards (Toulouse)"]
    assert data["more"]["url"].endswith(blog_index_page.url)
    assert widget(client, "initiatives", "?department=32")["items"] == []


@pytest.mark.django_db
def test_trainings_widget_shows_upcoming_sessions_with_a_calendar_link(client, training_page):
    data = widget(client, "formations", "?audience=benevoles")

    (item,) = data["items"]
    session = training_page.sessions.get()
    assert item["title"] == "Accueillir les bénévoles"
    assert item["links"][0]["url"].endswith(f"/api/v2/feeds/sessions/{session.pk}.ics")
    assert widget(client, "formations", "?audience=elus-locaux")["items"] == []


@pytest.mark.django_db
def test_centres_widget_finds_the_centres_of_a_commune_by_name_or_code(client, department_page, centre_page):
    centre_page.contact_name = "Marie Dupont"
    centre_page.save_revision().publish()
    CentrePageFactory(
        parent=department_page, title="Centre social de Colomiers", commune=Commune.objects.get(name="Colomiers")
    )

    by_name = widget(client, "centres", "?commune=Toulouse")
    by_code = widget(client, "centres", "?commune=31555")

    assert [item["title"] for item in by_name["items"]] == ["Centre social des Izards"]
    assert by_code["items"] == by_name["items"]
    assert "Marie Dupont" not in str(by_name)


@pytest.mark.django_db
def test_widget_refuses_bad_parameters_in_french(client, site_tree):
    for kind, query, parameter in [
        ("initiatives", "?department=99x", "department"),
        ("centres", "?commune=Atlantide", "commune"),
        ("formations", "?couleur=rouge", "couleur"),
        ("initiatives", "?limit=zero", "limit"),
    ]:
        response = client.get(f"/api/v2/widget/{kind}.json{query}")
        assert response.status_code == 400
        assert response.json()["parameter"] == parameter


@pytest.mark.django_db
def test_widget_shows_at_most_twelve_cards(client, blog_index_page):
    for index in range(14):
        InitiativePageFactory(parent=blog_index_page, title=f"Initiative n°{index}")
    assert len(widget(client, "initiatives", "?limit=50")["items"]) == 12


def test_widget_script_is_a_static_file():
    path = finders.find("js/widget.js")
    assert path, "static/js/widget.js introuvable"
    source = Path(path).read_text(encoding="utf-8")
    assert "innerHTML" not in source  # text goes in with textContent, never as HTML


# --- The "Intégrer nos contenus" page ------------------------------------------------------------------


@pytest.mark.django_db
def test_embed_page_shows_form_preview_snippet_and_feed_urls(client, site_tree):
    response = client.get("/integrer/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Intégrer nos contenus</h1>" in html
    assert 'name="kind"' in html and 'name="department"' in html
    assert "Les Izards cultivent leur jardin" in html  # the preview, rendered by the server
    assert "&lt;div data-figo-widget=&quot;initiatives&quot; data-limit=&quot;3&quot;&gt;&lt;/div&gt;" in html
    assert "/static/js/widget.js" in html
    assert "/api/v2/feeds/initiatives.rss" in html


@pytest.mark.django_db
def test_embed_form_works_without_javascript(client, site_tree):
    response = client.get("/integrer/", {"kind": "centres", "commune": "Toulouse", "department": "31", "limit": "2"})

    html = response.content.decode()
    assert response.status_code == 200
    # A commune is in one département: the snippet keeps the commune only.
    assert "data-figo-widget=&quot;centres&quot; data-commune=&quot;Toulouse&quot; data-limit=&quot;2&quot;" in html
    assert "Centre social des Izards" in html
    assert "/api/v2/centres.geojson?commune=31555" in html
    assert "/api/v2/centres/data-inclusion.json?commune=31555" in html


@pytest.mark.django_db
def test_embed_form_explains_an_unknown_commune(client, site_tree):
    response = client.get("/integrer/", {"kind": "centres", "commune": "Atlantide", "limit": "3"})

    assert response.status_code == 200
    assert "commune inconnue" in response.content.decode()


@pytest.mark.django_db
def test_embed_form_escapes_what_the_partner_types(client, site_tree):
    response = client.get("/integrer/", {"kind": "centres", "commune": '"><script>alert(1)</script>', "limit": "3"})
    assert "<script>alert(1)</script>" not in response.content.decode()


# --- In a real browser, on another origin --------------------------------------------------------------
