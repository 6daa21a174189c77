"""Every page type renders for readers, opens and saves unchanged in the admin, and previews."""

import pytest
from wagtail.rich_text import RichText

from .conftest import PAGE_FIXTURES, edit_form_data, response_text


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_every_page_type_renders_in_french_with_its_title(page_tests, client, request, fixture):
    page = request.getfixturevalue(fixture)

    page_tests.assertPageIsRenderable(page)

    text = response_text(client.get(page.url))
    assert '<html lang="fr"' in text
    assert page.title in text


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_every_page_type_opens_saves_and_previews_in_the_admin(page_tests, admin_client, request, fixture):
    page = request.getfixturevalue(fixture)
    data = edit_form_data(admin_client, page)
    revisions = page.revisions.count()

    page_tests.assertPageIsEditable(page, post_data=data.copy())
    page_tests.assertPageIsPreviewable(page, post_data=data.copy())

    assert page.revisions.count() == revisions + 1, "saving the page unchanged should store a draft"


def test_each_index_lists_its_pages(client, site_tree):
    listings = {
        site_tree.directory: site_tree.department,
        site_tree.department: site_tree.centre,
        site_tree.blog_index: site_tree.initiative,
        site_tree.resource_index: site_tree.dossier,
        site_tree.training_index: site_tree.training,
        site_tree.workshop_index: site_tree.workshop,
    }
    for index, child in listings.items():
        text = response_text(client.get(index.url))
        assert child.url in text, f"{index.title} should link to {child.title}"


def test_the_home_page_shows_the_latest_initiative_and_the_upcoming_training(client, site_tree):
    text = response_text(client.get(site_tree.home.url))

    assert site_tree.initiative.url in text
    assert site_tree.training.url in text


def test_a_centre_page_shows_its_address_and_opening_hours(client, centre_page):
    text = response_text(client.get(centre_page.url))

    assert "12 rue des Lilas" in text
    assert "Toulouse" in text
    assert "Lundi" in text


def test_an_initiative_page_shows_its_organiser_and_follow_up(client, initiative_page, centre_page):
    text = response_text(client.get(initiative_page.url))

    assert centre_page.title in text
    assert "Rendue visible" in text


def test_a_training_page_shows_its_session_place(client, training_page):
    text = response_text(client.get(training_page.url))

    assert "Toulouse" in text
    assert "Salle polyvalente" in text


def test_a_body_with_every_block_renders(client, standard_page, image, document, video_embed):
    standard_page.body = [
        ("heading", {"text": "Ce que les habitants en disent", "level": "h2"}),
        ("paragraph", RichText("<p>Une action <b>portée</b> par les habitants.</p>")),
        ("quote", {"text": "On a appris à se connaître.", "attribution": "Fatima"}),
        ("image", {"image": image, "caption": "Le jardin en juin", "credit": "FIGO"}),
        ("document", {"document": document, "title": ""}),
        ("embed", video_embed.url),
    ]
    standard_page.save_revision().publish()

    text = response_text(client.get(standard_page.url))

    assert "<h2" in text and "Ce que les habitants en disent" in text
    assert "On a appris à se connaître." in text
    assert "Le jardin en juin" in text
    assert "Guide du bénévolat" in text
    assert video_embed.url in text
