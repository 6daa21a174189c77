"""The French admin: every page type is created from its real form, and the reference data is administered."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from blog.models import BlogIndexPage, InitiativePage
from centres.models import CentrePage, DepartmentPage, DirectoryPage, Partner
from home.models import Commune, HomePage, StandardPage
from resources.models import (
    DossierPage,
    ResourceIndexPage,
    TrainingIndexPage,
    TrainingPage,
    WorkshopIndexPage,
    WorkshopPage,
)

from .conftest import body_blocks, response_text


def created(model, slug):
    """The page the admin just created, as its specific type."""
    return model.objects.get(slug=slug)


# --- Creating every page type through its admin form -------------------------------------------------


def test_an_editor_creates_the_home_page(page_tests, home_form):
    HomePage.objects.all().delete()

    page_tests.assertCanCreate(Page.get_first_root_node(), HomePage, home_form())

    assert created(HomePage, "accueil-figo").live


def test_an_editor_pins_pages_on_the_home_page(admin_client, home_page, home_form, initiative_page, training_page):
    data = home_form(
        title=home_page.title,
        slug=home_page.slug,
        featured_pages=[{"featured": training_page.pk}, {"featured": initiative_page.pk}],
        **{"action-publish": "action-publish"},
    )

    response = admin_client.post(f"/admin/pages/{home_page.pk}/edit/", data)

    assert response.status_code == 302
    assert HomePage.objects.get().get_featured_pages() == [training_page, initiative_page]


def test_an_editor_creates_a_plain_page_with_every_body_block(page_tests, home_page, standard_form, image, document):
    data = standard_form(body=body_blocks(image=image, document=document))

    page_tests.assertCanCreate(home_page, StandardPage, data)

    page = created(StandardPage, "mentions-legales")
    assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote", "image", "document"]
    assert page.body[0].value["text"] == "Ce que les habitants en disent"
    assert page.body[0].value["level"] == "h2"
    assert page.body[3].value["image"].pk == image.pk
    assert page.body[4].value["document"] == document


def test_an_editor_embeds_a_video_in_a_body(page_tests, home_page, standard_form, video_embed):
    page_tests.assertCanCreate(home_page, StandardPage, standard_form(body=body_blocks(video=True)))

    page = created(StandardPage, "mentions-legales")
    assert page.body[-1].block_type == "embed"
    assert page.body[-1].value.url == video_embed.url


@pytest.mark.parametrize(
    ("model", "form", "slug"),
    [
        (DirectoryPage, "directory_form", "annuaire"),
        (BlogIndexPage, "blog_index_form", "initiatives"),
        (ResourceIndexPage, "resource_index_form", "centre-ressources"),
    ],
    ids=["directory", "blog", "resources"],
)
def test_an_editor_creates_each_section_of_the_home_page(page_tests, home_page, request, model, form, slug):
    page_tests.assertCanCreate(home_page, model, request.getfixturevalue(form)())

    page = created(model, slug)
    assert page.get_parent().pk == home_page.pk
    assert "Présentation" in page.introduction


def test_an_editor_creates_a_departement_page_with_contacts_and_temps_forts(
    page_tests, directory_page, department_form
):
    page_tests.assertCanCreate(directory_page, DepartmentPage, department_form())

    page = created(DepartmentPage, "gers")
    assert page.department.code == "32"
    assert [contact.name for contact in page.contacts.all()] == ["Paul Durand"]
    assert [event.title for event in page.key_events.all()] == ["Assemblée départementale"]


def test_an_editor_creates_a_centre_with_opening_hours_themes_and_body(page_tests, department_page, centre_form):
    page_tests.assertCanCreate(department_page, CentrePage, centre_form())

    page = created(CentrePage, "centre-social-bagatelle")
    assert page.commune.name == "Toulouse"
    assert page.insee_code == "31555"
    assert page.siret == "73282932000074"
    assert page.approval_types == ["agc", "acf"]
    assert [str(row) for row in page.opening_hours.all()] == ["Lundi 09:00–12:00", "Mercredi 14:00–18:00"]
    assert sorted(theme.slug for theme in page.themes.all()) == ["logement", "sante"]
    assert [audience.slug for audience in page.audiences.all()] == ["habitants"]
    assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]


def test_a_centre_without_coordinates_is_placed_at_its_town_hall(page_tests, department_page, centre_form):
    page_tests.assertCanCreate(department_page, CentrePage, centre_form(latitude="", longitude=""))

    page = created(CentrePage, "centre-social-bagatelle")
    assert (page.latitude, page.longitude) == (page.commune.latitude, page.commune.longitude)


def test_an_editor_creates_an_initiative_with_organisers_tags_and_follow_up(
    page_tests, blog_index_page, centre_page, initiative_form
):
    data = initiative_form(organisers=[{"centre": centre_page.pk}])

    page_tests.assertCanCreate(blog_index_page, InitiativePage, data)

    page = created(InitiativePage, "epicerie-solidaire")
    assert page.get_organising_centres() == [centre_page]
    assert sorted(page.tag_names) == ["alimentation", "solidarité"]
    assert [theme.slug for theme in page.themes.all()] == ["nouvelles-pauvretes"]
    assert page.is_significant
    assert page.get_current_stage().stage == "rendue_visible"


def test_the_federation_partners_of_an_initiative_are_saved(page_tests, blog_index_page, initiative_form, partner):
    page_tests.assertCanCreate(blog_index_page, InitiativePage, initiative_form(partners=[partner.pk]))

    assert list(created(InitiativePage, "epicerie-solidaire").partners.all()) == [partner]


def test_an_editor_creates_a_dossier_with_key_figures_documents_and_links(
    page_tests, resource_index_page, dossier_form, document, initiative_page
):
    data = dossier_form(documents=[{"document": document.pk}], related_pages=[{"related_page": initiative_page.pk}])

    page_tests.assertCanCreate(resource_index_page, DossierPage, data)

    page = created(DossierPage, "logement")
    assert page.theme.slug == "logement"
    assert [figure.value for figure in page.key_figures.all()] == ["4,1 millions"]
    assert [item.document for item in page.documents.all()] == [document]
    assert [link.url for link in page.links.all()] == ["https://www.fondation-abbe-pierre.fr/"]
    assert page.get_related_pages() == [initiative_page]


@pytest.mark.parametrize(
    ("model", "form", "slug"),
    [(TrainingIndexPage, "training_index_form", "formations"), (WorkshopIndexPage, "workshop_index_form", "ateliers")],
    ids=["trainings", "workshops"],
)
def test_an_editor_creates_the_catalogues_of_the_resource_centre(
    page_tests, resource_index_page, request, model, form, slug
):
    page_tests.assertCanCreate(resource_index_page, model, request.getfixturevalue(form)())

    assert created(model, slug).get_parent().pk == resource_index_page.pk


def test_an_editor_creates_a_training_with_audiences_and_sessions(page_tests, training_index_page, training_form):
    page_tests.assertCanCreate(training_index_page, TrainingPage, training_form(sessions=[{}, {"capacity": ""}]))

    page = created(TrainingPage, "projet-social-elus")
    assert sorted(audience.slug for audience in page.audiences.all()) == ["administrateurs", "elus-locaux"]
    assert [session.capacity for session in page.sessions.all()] == [15, None]
    assert [session.place_label for session in page.get_upcoming_sessions()] == ["Toulouse", "Toulouse"]


def test_a_remote_session_needs_no_place(page_tests, training_index_page, training_form):
    data = training_form(sessions=[{"mode": "distanciel", "place_commune": "", "place_details": "Lien envoyé"}])

    page_tests.assertCanCreate(training_index_page, TrainingPage, data)

    assert created(TrainingPage, "projet-social-elus").sessions.get().place_label == "À distance"


def test_an_editor_creates_a_workshop_with_its_resources(page_tests, workshop_index_page, workshop_form, document):
    page_tests.assertCanCreate(workshop_index_page, WorkshopPage, workshop_form(documents=[{"document": document.pk}]))

    page = created(WorkshopPage, "sante-mentale-jeunes")
    assert page.place_label == "Auch"
    assert page.theme.slug == "sante"
    assert page.invited_partners_details == "Maison des adolescents"
    assert [item.document for item in page.documents.all()] == [document]


def test_the_invited_partners_of_a_workshop_are_saved(page_tests, workshop_index_page, workshop_form, partner):
    page_tests.assertCanCreate(workshop_index_page, WorkshopPage, workshop_form(invited_partners=[partner.pk]))

    assert list(created(WorkshopPage, "sante-mentale-jeunes").invited_partners.all()) == [partner]


def test_an_editor_creates_a_partner(admin_client, partner_form):
    response = admin_client.post("/admin/centres/partner/create/", partner_form())

    assert response.status_code == 302
    partner = Partner.objects.get(slug="fondation-lien-social")
    assert sorted(department.code for department in partner.departments.all()) == ["31", "81"]


# --- The admin speaks French -------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(db, client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == f"{reverse('wagtailadmin_login')}?next=/admin/"


def test_the_login_page_is_in_french(db, client):
    response = client.get(reverse("wagtailadmin_login"))

    text = response_text(response)
    assert '<html lang="fr"' in text
    assert "S'identifier" in text
    assert "Nom d’utilisateur" in text
    assert "Mot de passe oublié" in text


def test_the_dashboard_is_in_french(admin_client):
    response = admin_client.get("/admin/")

    text = response_text(response)
    assert response.status_code == 200
    assert "Tableau de bord" in text
    assert "Pages" in text


def test_the_page_editor_labels_are_french(admin_client, department_page):
    response = admin_client.get(f"/admin/pages/add/centres/centrepage/{department_page.pk}/")

    text = response_text(response)
    for label in ("Adresse", "Horaires d'accueil", "Agrément Caf", "Structure et agrément", "Code postal"):
        assert label in text


# --- The "Référentiels" menu -------------------------------------------------------------------------


def sidebar_strings(response):
    """Every string of the admin sidebar's menu (serialised as JSON in the page)."""
    soup = BeautifulSoup(response.content, "html.parser")
    props = json.loads(soup.find("script", id="wagtail-sidebar-props").string)
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(props)
    return strings


def test_the_reference_data_menu_lists_partners_departements_themes_publics_and_communes(admin_client):
    strings = sidebar_strings(admin_client.get("/admin/"))

    start = strings.index("Référentiels")
    labels = [
        label for label in strings[start:] if label in {"Partenaires", "Départements", "Thèmes", "Publics", "Communes"}
    ]
    assert labels[:5] == ["Partenaires", "Départements", "Thèmes", "Publics", "Communes"]


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/admin/centres/partner/", "Partenaires"),
        ("/admin/home/department/", "Haute-Garonne"),
        ("/admin/home/theme/", "Logement"),
        ("/admin/home/audience/", "Élus locaux"),
        ("/admin/home/commune/?q=Toulouse", "31555"),
    ],
)
def test_each_reference_list_opens(admin_client, url, text):
    response = admin_client.get(url)

    assert response.status_code == 200
    assert text in response_text(response)


def test_communes_are_read_only(admin_client):
    toulouse = Commune.objects.get(insee_code="31555")
    listing = response_text(admin_client.get("/admin/home/commune/"))

    assert "/admin/home/commune/create/" not in listing
    assert "/admin/home/commune/edit/31555/" not in listing
    for url in ("/admin/home/commune/create/", "/admin/home/commune/edit/31555/", "/admin/home/commune/delete/31555/"):
        response = admin_client.post(url, {"name": "Tolosa"}, follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert "vous n'avez pas les autorisations" in response_text(response)
    toulouse.refresh_from_db()
    assert toulouse.name == "Toulouse"


def test_a_commune_can_be_consulted(admin_client):
    response = admin_client.get("/admin/home/commune/inspect/31555/")

    assert response.status_code == 200
    assert "31000;31100" in response_text(response)


@pytest.mark.django_db
def test_the_admin_login_form_is_in_french(client, django_user_model):
    page = BeautifulSoup(client.get(reverse("wagtailadmin_login")).content, "html.parser")
    labels = [" ".join(label.get_text().split()).rstrip("*") for label in page.find_all("label")]
    assert labels[:2] == ["Nom d’utilisateur", "Mot de passe"]
    django_user_model.objects.create_user("redaction", password="motdepasse-solide")
    logged_in = client.post(reverse("wagtailadmin_login"), {"username": "redaction", "password": "motdepasse-solide"})
    assert logged_in.status_code == 302
