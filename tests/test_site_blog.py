"""The initiatives blog for readers: filters, pagination, reading time, related initiatives."""

import re

import pytest

from blog.models import InitiativeOrganiser

from .conftest import (
    CentrePageFactory,
    DepartmentPageFactory,
    InitiativePageFactory,
    commune,
    department,
    response_text,
    theme,
)


def titles(text):
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', text.split('id="resultats"', 1)[1])


def heading(text):
    return re.search(r'<h2 id="liste-initiatives"[^>]*>([^<]*)</h2>', text).group(1).strip()


def initiative(blog, title, centre=None, themes=(), tags=(), **fields):
    page = InitiativePageFactory(parent=blog, title=title, **fields)
    page.themes.set(themes)
    if tags:
        page.tags.add(*tags)
    page.save()
    if centre is not None:
        InitiativeOrganiser.objects.create(page=page, centre=centre)
    return page


@pytest.fixture
def gers_centre(directory_page):
    gers = DepartmentPageFactory(parent=directory_page, department=department("32"))
    auch = commune("32013")
    return CentrePageFactory(parent=gers, title="Centre social d'Auch", commune=auch, postcode=auch.main_postcode)


@pytest.fixture
def initiatives(blog_index_page, centre_page, gers_centre):
    return {
        "jardin": initiative(blog_index_page, "Le jardin des Izards", centre_page, [theme("ecologie")], ["jardin"]),
        "logement": initiative(
            blog_index_page, "Un toit pour tous", centre_page, [theme("logement")], ["logement"], is_significant=True
        ),
        "auch": initiative(blog_index_page, "Le repair café d'Auch", gers_centre, [theme("ecologie")], ["réparation"]),
    }


def test_the_blog_form_offers_theme_departement_tag_and_significant_actions(client, blog_index_page, initiatives):
    text = client.get(blog_index_page.url).content.decode()

    for label in ('for="filtre-theme">Thème', 'for="filtre-departement">Département', 'for="filtre-mot-cle">Mot-clé'):
        assert label in text
    assert 'name="significant" value="true"' in text
    assert '<option value="réparation">réparation</option>' in text, "tags in use are offered"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "ecologie"}, {"Le jardin des Izards", "Le repair café d'Auch"}),
        ({"department": "32"}, {"Le repair café d'Auch"}),
        ({"tag": "jardin"}, {"Le jardin des Izards"}),
        ({"significant": "true"}, {"Un toit pour tous"}),
        ({"theme": "ecologie", "department": "31"}, {"Le jardin des Izards"}),
    ],
)
def test_each_filter_narrows_the_initiatives(client, blog_index_page, initiatives, query, expected):
    text = response_text(client.get(blog_index_page.url, query))

    assert set(titles(text)) == expected
    assert heading(text) == f"{len(expected)} initiative{'s' if len(expected) > 1 else ''}"


def test_a_malformed_filter_is_explained_and_the_others_still_apply(client, blog_index_page, initiatives):
    response = client.get(blog_index_page.url, {"department": "99", "theme": "logement", "fbclid": "x"})
    text = response.content.decode()

    assert response.status_code == 200
    assert "1 filtre ignoré" in text
    assert heading(text) == "1 initiative"


def test_the_listing_is_paginated_and_its_links_keep_the_filters(client, blog_index_page, centre_page):
    for number in range(14):
        initiative(blog_index_page, f"Initiative n°{number:02d}", centre_page, [theme("jeunesse")])

    first = client.get(blog_index_page.url, {"theme": "jeunesse"}).content.decode()
    second = client.get(blog_index_page.url, {"theme": "jeunesse", "page": "2"}).content.decode()

    assert heading(first) == "14 initiatives"
    assert len(titles(first)) == 12 and len(titles(second)) == 2
    assert 'href="?theme=jeunesse&amp;page=2#resultats"' in first
    assert "<title>Initiatives d&#x27;habitants – page 2 · FIGO</title>" in second, "later pages have their own title"


def test_cards_show_the_reading_time(client, blog_index_page, initiatives):
    text = client.get(blog_index_page.url).content.decode()

    assert re.search(r"\d+&nbsp;min de lecture", text)


def test_drafts_are_neither_listed_nor_offered_as_tags(client, blog_index_page, centre_page, initiatives):
    draft = initiative(blog_index_page, "Brouillon secret", centre_page, [theme("ecologie")], ["confidentiel"])
    draft.unpublish()

    text = client.get(blog_index_page.url).content.decode()

    assert "Brouillon secret" not in text
    assert "confidentiel" not in text


def test_an_initiative_page_suggests_related_initiatives_sharing_a_theme_or_a_tag(
    client, blog_index_page, centre_page, initiatives
):
    for number in range(4):
        initiative(blog_index_page, f"Autre jardin n°{number}", centre_page, [theme("ecologie")], ["jardin"])
    draft = initiative(blog_index_page, "Jardin en brouillon", centre_page, [theme("ecologie")], ["jardin"])
    draft.unpublish()

    page = initiatives["jardin"]
    related = page.get_related_initiatives()
    text = client.get(page.url).content.decode()

    assert len(related) == 3, "bounded"
    assert page not in related
    assert all(item.title.startswith("Autre jardin") for item in related), "sharing a theme and a tag first"
    assert "Des initiatives proches" in text
    assert "Jardin en brouillon" not in text
    assert "Un toit pour tous" not in text


def test_an_initiative_page_shows_its_organiser_and_its_follow_up_timeline(client, initiative_page, centre_page):
    text = client.get(initiative_page.url).content.decode()

    assert f'<a href="{centre_page.url}">{centre_page.title}</a>' in text
    assert '<ol class="timeline">' in text
    assert "Rendue visible" in text
    assert "min de lecture" in text
