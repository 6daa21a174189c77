"""The site search at /recherche/: French-aware, live public pages only, grouped by type, highlighted safely."""

import pytest
from django.urls import reverse

from home.search import highlight, stem

from .api_builders import restrict
from .conftest import DossierPageFactory, InitiativePageFactory, response_text, theme


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


@pytest.fixture
def housing_dossier(resource_index_page):
    return DossierPageFactory(
        parent=resource_index_page,
        title="Se loger dignement : le dossier logement",
        theme=theme("logement"),
        summary="La veille de la fédération sur le mal-logement et l'accès au logement social.",
    )


def test_logements_finds_the_housing_dossier(client, housing_dossier):
    response = search(client, "logements")
    text = response_text(response)

    assert response.status_code == 200
    assert housing_dossier.url in text
    assert "Dossiers thématiques" in text
    assert "Résultats pour « logements »" in text


def test_results_are_grouped_by_type_with_their_counts(client, housing_dossier, blog_index_page, centre_page):
    InitiativePageFactory(
        parent=blog_index_page, title="Un logement pour chaque jeune", summary="Colocation solidaire."
    )
    centre_page.summary = "Permanence logement chaque mardi."
    centre_page.save_revision().publish()

    text = response_text(search(client, "logement"))

    for heading in ("Centres sociaux et EVS", "Initiatives d'habitants", "Dossiers thématiques"):
        assert f'>{heading} <span class="count">(1)</span></h2>' in text
    assert 'aria-label="Types de résultats"' in text


def test_one_type_of_result_can_be_browsed_on_its_own_pages(client, resource_index_page):
    for number in range(23):
        DossierPageFactory(parent=resource_index_page, title=f"Logement, fiche n°{number:02d}", theme=theme("logement"))

    first = response_text(search(client, "logement"))
    dossiers = response_text(search(client, "logement", type="dossiers", page="2"))

    assert "Voir les 23 résultats" in first
    assert "Page 2 sur 2" in dossiers
    assert dossiers.count('class="search-result"') == 3


def test_matching_words_are_highlighted_and_html_is_escaped(client, resource_index_page):
    DossierPageFactory(
        parent=resource_index_page,
        title="Logement <script>alert(1)</script>",
        theme=theme("acces-aux-droits"),
        summary="Les démarches de logement sont longues.",
    )

    html = search(client, "logement").content.decode()

    assert "démarches de <mark>logement</mark> sont" in html
    assert "<script>alert(1)</script>" not in html
    assert "<mark>Logement</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_and_restricted_pages_are_never_found(client, housing_dossier, resource_index_page):
    draft = DossierPageFactory(parent=resource_index_page, title="Logement : note interne", theme=theme("logement"))
    draft.unpublish()
    reserved = DossierPageFactory(
        parent=resource_index_page, title="Logement : espace adhérents", theme=theme("logement")
    )
    restrict(reserved)

    text = response_text(search(client, "logement"))

    assert housing_dossier.url in text
    assert "note interne" not in text
    assert "espace adhérents" not in text


@pytest.mark.parametrize("query", ["", "   ", '"*(', "AND OR NOT", "l'accès", "x" * 500])
def test_odd_queries_never_fail(client, housing_dossier, query):
    response = search(client, query)

    assert response.status_code == 200


def test_no_result_suggests_where_to_look(client, housing_dossier, directory_page):
    text = response_text(search(client, "zzyzx"))

    assert "Aucun résultat pour « zzyzx »" in text
    assert directory_page.url in text


def test_every_page_has_a_labelled_search_box_in_its_header(client, home_page):
    text = response_text(client.get(home_page.url))

    assert '<form class="header-search" role="search" method="get" action="/recherche/"' in text
    assert '<label class="visually-hidden" for="recherche-site">Rechercher sur le site</label>' in text


def test_the_search_page_has_its_own_labelled_form_and_is_not_indexed(client, home_page):
    text = response_text(search(client, ""))

    assert '<label class="search-form__label" for="recherche-q">Rechercher sur le site</label>' in text
    assert 'id="recherche-site"' not in text, "one search box per page"
    assert '<meta name="robots" content="noindex, follow">' in text


def test_highlighting_understands_french_plurals_and_accents():
    assert stem("logements") == "logement"
    assert stem("Santé") == "sante"
    assert stem("jeunes") == "jeune"
    assert str(highlight("La santé des jeunes", [stem("sante")])) == "La <mark>santé</mark> des jeunes"
    assert str(highlight("<b>logements</b>", [stem("logement")])) == "&lt;b&gt;<mark>logements</mark>&lt;/b&gt;"
