"""The directory for readers: filters, "près de chez moi", pagination, map and list, centre and département pages."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from blog.models import InitiativeOrganiser
from centres.models import KeyEvent, OpeningHours, StructureType
from resources.models import TrainingSession

from .api_builders import restrict
from .conftest import (
    CentrePageFactory,
    DepartmentPageFactory,
    InitiativePageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    WorkshopPageFactory,
    audience,
    commune,
    department,
    response_text,
    theme,
)

FORM_LABELS = [
    '<label for="filtre-departement">Département</label>',
    '<label for="filtre-type">Type de structure</label>',
    '<label for="filtre-theme">Thème</label>',
    '<label for="filtre-public">Public</label>',
    '<label for="filtre-lieu">Près de chez moi (commune ou code postal)</label>',
]


def centre_in(parent, insee_code, title, **fields):
    place = commune(insee_code)
    return CentrePageFactory(parent=parent, title=title, commune=place, postcode=place.main_postcode, **fields)


def tag(centre, themes=(), audiences=()):
    """Give a centre themes and publics (parental relations are stored when the page is saved)."""
    centre.themes.set(themes)
    centre.audiences.set(audiences)
    centre.save()


def results_heading(text):
    return re.search(r'<h2 id="titre-resultats"[^>]*>([^<]*)</h2>', text).group(1).strip()


def listed_titles(text):
    """The centre names of the result list, in order."""
    result_list = text.split('id="liste-structures"', 1)[1].split("</ol>" if "<ol id" in text else "</ul>", 1)[0]
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', result_list)


def markers(text, data_id="carte-structures-donnees"):
    return json.loads(re.search(rf'<script id="{data_id}" type="application/json">(.*?)</script>', text, re.S).group(1))


@pytest.fixture
def gers_page(directory_page):
    return DepartmentPageFactory(parent=directory_page, department=department("32"))


@pytest.fixture
def tarn_et_garonne_page(directory_page):
    return DepartmentPageFactory(parent=directory_page, department=department("82"))


@pytest.fixture
def network(department_page, gers_page, tarn_et_garonne_page):
    """Centres in Toulouse, Auch (an EVS and a CS), Montauban, Castelsarrasin and Moissac."""
    return {
        "toulouse": centre_in(department_page, "31555", "Centre social des Izards"),
        "auch_evs": centre_in(
            gers_page,
            "32013",
            "EVS du Garros",
            structure_type=StructureType.EVS,
            approval_global=False,
            approval_evs=True,
        ),
        "auch_cs": centre_in(gers_page, "32013", "Centre social d'Auch"),
        "montauban": centre_in(tarn_et_garonne_page, "82121", "Centre social de Montauban"),
        "castelsarrasin": centre_in(tarn_et_garonne_page, "82033", "Centre social de Castelsarrasin"),
        "moissac": centre_in(tarn_et_garonne_page, "82112", "Centre social de Moissac"),
    }


def test_the_directory_form_has_labelled_filters_a_place_field_and_a_search_button(client, directory_page):
    text = response_text(client.get(directory_page.url))

    for label in FORM_LABELS:
        assert label in text
    assert "<legend>Affiner la liste</legend>" in text
    assert '<button class="button" type="submit">Rechercher</button>' in text
    assert 'method="get"' in text


def test_a_reader_finds_the_evs_of_the_gers_with_the_filters(client, directory_page, network):
    text = response_text(client.get(directory_page.url, {"department": "32", "structure_type": "evs"}))

    assert results_heading(text) == "1 structure"
    assert listed_titles(text) == ["EVS du Garros"]
    assert '<option value="32" selected>' in text


def test_theme_and_public_filters_narrow_the_list(client, directory_page, network):
    tag(network["moissac"], themes=[theme("sante")])
    tag(network["auch_cs"], audiences=[audience("elus-locaux")])
    tag(network["auch_evs"], themes=[theme("sante")], audiences=[audience("elus-locaux")])

    by_theme = response_text(client.get(directory_page.url, {"theme": "sante"}))
    both = response_text(client.get(directory_page.url, {"theme": "sante", "audience": "elus-locaux"}))

    assert sorted(listed_titles(by_theme)) == ["Centre social de Moissac", "EVS du Garros"]
    assert listed_titles(both) == ["EVS du Garros"]


def test_centres_near_montauban_come_nearest_first_with_their_distance(client, directory_page, network):
    text = response_text(client.get(directory_page.url, {"place": "Montauban"}))

    titles = listed_titles(text)
    assert titles[:3] == ["Centre social de Montauban", "Centre social de Castelsarrasin", "Centre social de Moissac"]
    assert titles[-1] in {"Centre social d'Auch", "EVS du Garros"}
    assert results_heading(text) == "6 structures près de Montauban"
    assert "depuis la mairie de <strong>Montauban</strong> (82000, Tarn-et-Garonne)" in text
    assert re.search(r"À \d+\u00a0km", text), "each centre shows its distance"
    assert '<ol id="liste-structures"' in text, "a list sorted by distance is an ordered list"


def test_a_postcode_and_a_loosely_typed_name_resolve_to_the_commune(client, directory_page, network):
    by_postcode = response_text(client.get(directory_page.url, {"place": "82000"}))
    loosely = response_text(client.get(directory_page.url, {"place": "castel sarrasin"}))
    unaccented = response_text(client.get(directory_page.url, {"place": "negrepelisse"}))

    assert "près de Montauban" in results_heading(by_postcode)
    assert listed_titles(loosely)[0] == "Centre social de Castelsarrasin"
    assert results_heading(unaccented) == "6 structures près de Nègrepelisse"


def test_an_unknown_commune_says_so_in_french_and_still_lists_the_centres(client, directory_page, network):
    response = client.get(directory_page.url, {"place": "Trifouilly", "department": "82"})
    text = response_text(response)

    assert response.status_code == 200
    assert "Aucune commune des huit départements de la fédération ne correspond à « Trifouilly »" in text
    assert 'aria-invalid="true"' in text
    assert results_heading(text) == "3 structures"
    assert 'class="card__distance"' not in text, "no distance without a place"


def test_several_matching_communes_use_the_most_populous_and_offer_the_others(client, directory_page, network):
    text = response_text(client.get(directory_page.url, {"place": "Saint"}))

    used = re.search(r"depuis la mairie de <strong>([^<]+)</strong>", text).group(1)
    assert used.startswith("Saint")
    assert "la commune la plus peuplée qui correspond à « Saint »" in text
    assert "Vous cherchiez une autre commune ?" in text
    other = re.search(r'<a href="(\?[^"]*place_code=(\d{5})[^"]*)#resultats">([^<(]+) \(', text)
    chosen = response_text(client.get(directory_page.url + other.group(1).replace("&amp;", "&")))
    assert f"depuis la mairie de <strong>{other.group(3).strip()}</strong>" in chosen


def test_malformed_and_unknown_parameters_are_ignored_with_a_message(client, directory_page, network):
    response = client.get(directory_page.url, {"department": "99x", "structure_type": "evs", "utm_source": "lettre"})
    text = response_text(response)

    assert response.status_code == 200
    assert "1 filtre ignoré" in text
    assert "99x" in text
    assert results_heading(text) == "1 structure", "the other filters still apply"


def test_pagination_keeps_the_filters(client, directory_page, department_page):
    for number in range(23):
        centre_in(department_page, "31555", f"Centre social n°{number:02d}")

    first = response_text(client.get(directory_page.url, {"department": "31", "place": "Toulouse"}))
    second = response_text(client.get(directory_page.url, {"department": "31", "place": "Toulouse", "page": "2"}))

    assert results_heading(first) == "23 structures près de Toulouse"
    assert len(listed_titles(first)) == 20
    assert re.search(r'href="\?[^"]*department=31[^"]*place=Toulouse[^"]*page=2#resultats"', first)
    assert len(listed_titles(second)) == 3
    assert "Page 2 sur 2" in second


def test_the_map_gets_every_matching_centre_and_the_tile_settings(client, directory_page, network, settings):
    settings.MAP_TILE_URL = "https://tuiles.figo.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Contributeurs OpenStreetMap"

    text = response_text(client.get(directory_page.url, {"department": "82"}))

    data = markers(text)
    assert sorted(item["name"] for item in data) == [
        "Centre social de Castelsarrasin",
        "Centre social de Moissac",
        "Centre social de Montauban",
    ]
    moissac = next(item for item in data if item["name"] == "Centre social de Moissac")
    assert moissac["url"] == network["moissac"].url
    assert moissac["commune"] == "Moissac" and moissac["type_label"] == "Centre social"
    assert abs(moissac["lat"] - network["moissac"].latitude) < 1e-5
    assert 'data-tile-url="https://tuiles.figo.example/{z}/{x}/{y}.png"' in text
    assert 'data-tile-attribution="© Contributeurs OpenStreetMap"' in text


def test_without_javascript_the_map_stays_hidden_and_the_list_is_the_content(client, directory_page, network):
    text = response_text(client.get(directory_page.url))

    assert re.search(r'<div class="map-block" data-map-block hidden>', text)
    assert 'href="#liste-structures">Passer la carte' in text
    assert len(listed_titles(text)) == 6
    assert "/static/vendor/leaflet/leaflet.js" in text
    assert not re.search(r'<script[^>]+src="https?://|<link rel="stylesheet" href="https?://', text), "no CDN"


def test_drafts_and_restricted_centres_appear_neither_in_the_list_nor_on_the_map(client, directory_page, network):
    network["moissac"].unpublish()
    restrict(network["montauban"])

    text = response_text(client.get(directory_page.url))

    assert "Moissac" not in text
    assert "Centre social de Montauban" not in text
    assert results_heading(text) == "4 structures"


# --- A centre's page ----------------------------------------------------------------------------------------


def test_a_centre_open_now_says_so_with_the_time_it_was_checked(client, department_page):
    centre = centre_in(department_page, "31555", "Centre ouvert")
    now = timezone.localtime()
    OpeningHours.objects.create(
        page=centre, weekday=now.weekday(), opens=datetime.time(0), closes=datetime.time(23, 59)
    )
    closed = centre_in(department_page, "31555", "Centre fermé")
    OpeningHours.objects.create(
        page=closed, weekday=(now.weekday() + 1) % 7, opens=datetime.time(9), closes=datetime.time(12)
    )

    open_text = response_text(client.get(centre.url))
    closed_text = response_text(client.get(closed.url))

    assert "Ouvert maintenant" in open_text
    assert "(aujourd'hui)" in open_text
    assert "Fermé en ce moment" in closed_text and "Ouvert maintenant" not in closed_text


def test_a_centre_page_shows_its_initiatives_trainings_workshops_and_a_small_map(
    client, centre_page, blog_index_page, training_index_page, workshop_index_page
):
    initiative = InitiativePageFactory(parent=blog_index_page, title="La fête des voisins des Izards")
    InitiativeOrganiser.objects.create(page=initiative, centre=centre_page)
    training = TrainingPageFactory(parent=training_index_page, title="Animer un conseil de maison")
    TrainingSessionFactory(page=training, place_commune=None, place_centre=centre_page)
    WorkshopPageFactory(
        parent=workshop_index_page, title="Atelier numérique aux Izards", place_commune=None, place_centre=centre_page
    )
    centre_page.last_verified = datetime.date(2026, 3, 2)
    centre_page.save_revision().publish()

    text = response_text(client.get(centre_page.url))

    assert "Ses initiatives d'habitants" in text and initiative.url in text
    assert "Animer un conseil de maison" in text
    assert "Atelier numérique aux Izards" in text
    assert "Informations vérifiées avec la structure le" in text and "2 mars 2026" in text
    assert "Signaler une modification" in text
    assert [item["name"] for item in markers(text, "carte-centre-donnees")] == ["Centre social des Izards"]


def test_a_departement_page_shows_its_centres_on_a_map_its_news_and_its_events(
    client, department_page, centre_page, blog_index_page, training_index_page, workshop_index_page, gers_page
):
    auch = centre_in(gers_page, "32013", "Centre social d'Auch")
    here = InitiativePageFactory(parent=blog_index_page, title="Le repair café des Izards")
    InitiativeOrganiser.objects.create(page=here, centre=centre_page)
    elsewhere = InitiativePageFactory(parent=blog_index_page, title="Le jardin d'Auch")
    InitiativeOrganiser.objects.create(page=elsewhere, centre=auch)
    training = TrainingPageFactory(parent=training_index_page, title="Accueillir les bénévoles")
    TrainingSessionFactory(page=training)  # in Toulouse
    TrainingSessionFactory(page=TrainingPageFactory(parent=training_index_page, title="Formation gersoise"),
                           place_commune=commune("32013"))  # fmt: skip
    WorkshopPageFactory(parent=workshop_index_page, title="Atelier toulousain")
    KeyEvent.objects.create(page=department_page, date=timezone.localdate(), title="Assemblée du réseau 31")

    text = response_text(client.get(department_page.url))

    assert [item["name"] for item in markers(text, "carte-departement-donnees")] == ["Centre social des Izards"]
    assert "Le repair café des Izards" in text and "Le jardin d'Auch" not in text
    assert "Accueillir les bénévoles" in text and "Formation gersoise" not in text
    assert "Atelier toulousain" in text
    assert "Assemblée du réseau 31" in text
    assert TrainingSession.objects.count() == 2
