"""Bad input typed in the admin is refused with a French message, and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, Revision

from blog.models import FollowUpStage, InitiativePage
from centres.models import CentrePage, OpeningHours, Partner
from home.validators import validate_postcode, validate_siret
from resources.models import TrainingPage, TrainingSession, WorkshopPage

from .conftest import add_page_url, response_text

PAGE_REFUSED = "La page ne peut être créée du fait d'erreurs de validation."
PUBLISH = {"action-publish": "action-publish"}


def assert_refused(client, url, data, message, *models):
    """Post `data` to `url`: the form comes back with `message` and no row of `models` is stored."""
    watched = (Page, Revision, *models)
    before = {model.__name__: model.objects.count() for model in watched}

    response = client.post(url, data)

    assert response.status_code == 200, "the form should come back to the editor, not be saved"
    text = response_text(response)
    assert message in text
    assert {model.__name__: model.objects.count() for model in watched} == before
    return text


# --- Centres -----------------------------------------------------------------------------------------

RODEZ = {"latitude": "44.3493", "longitude": "2.5766"}

CENTRE_RULES = [
    pytest.param(
        {"latitude": "48.8566", "longitude": "2.3522"},
        "Ces coordonnées sont hors des huit départements de la fédération",
        id="coordinates-outside-the-eight-departements",
    ),
    pytest.param(RODEZ, "km de Toulouse : vérifiez-les ou la commune.", id="coordinates-far-from-the-commune"),
    pytest.param(
        {"approval_start": "2025-01-01", "approval_end": "2024-12-31"},
        "La fin de l'agrément ne peut pas précéder son début.",
        id="agrement-ends-before-it-starts",
    ),
    pytest.param(
        {"approval_evs": "on"},
        "Un centre social n'a pas d'agrément EVS : choisissez « Espace de vie sociale ».",
        id="cs-with-an-evs-agrement",
    ),
    pytest.param(
        {"siret": "7328293200007"},
        "Un numéro SIRET comporte exactement 14 chiffres (espaces acceptés).",
        id="siret-of-13-digits",
    ),
    pytest.param(
        {"siret": "73282932000075"},
        "Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas.",
        id="siret-with-a-bad-luhn-key",
    ),
    pytest.param({"postcode": "3110"}, "Un code postal comporte exactement 5 chiffres.", id="postcode-of-4-digits"),
    pytest.param(
        {"postcode": "31700"},
        "Ce code postal ne correspond pas à Toulouse (codes possibles : 31000, 31100, 31200, 31300, 31400, 31500).",
        id="postcode-of-another-commune",
    ),
    pytest.param(
        {"commune": "12202", "postcode": "12000", **RODEZ},
        "Cette commune n'est pas dans le département 31 — Haute-Garonne de cette page.",
        id="commune-outside-the-page-departement",
    ),
    pytest.param(
        {"opening_hours": [{"opens": "14:00", "closes": "12:00"}]},
        "L'heure de fermeture doit suivre l'heure d'ouverture.",
        id="opening-hours-closing-before-opening",
    ),
    pytest.param({"address": "", "commune": "", "postcode": ""}, "Champ requis.", id="address-missing"),
]


@pytest.mark.parametrize(("overrides", "message"), CENTRE_RULES)
def test_a_centre_breaking_a_rule_is_refused(admin_client, department_page, centre_form, overrides, message):
    text = assert_refused(
        admin_client,
        add_page_url(CentrePage, department_page),
        centre_form(**overrides, **PUBLISH),
        message,
        CentrePage,
        OpeningHours,
    )
    assert PAGE_REFUSED in text


def test_a_draft_breaking_a_rule_is_refused_too(admin_client, department_page, centre_form):
    assert_refused(
        admin_client,
        add_page_url(CentrePage, department_page),
        centre_form(approval_start="2025-01-01", approval_end="2024-12-31"),
        "La fin de l'agrément ne peut pas précéder son début.",
        CentrePage,
    )


def test_a_published_centre_moved_to_another_departement_is_refused(admin_client, centre_page, centre_form):
    data = centre_form(title=centre_page.title, slug=centre_page.slug, commune="12202", postcode="12000", **RODEZ)

    assert_refused(
        admin_client,
        f"/admin/pages/{centre_page.pk}/edit/",
        {**data, **PUBLISH},
        "Cette commune n'est pas dans le département 31 — Haute-Garonne de cette page.",
    )
    centre_page.refresh_from_db()
    assert centre_page.commune_id == "31555"


def test_a_siret_typed_with_spaces_is_stored_without_them(admin_client, department_page, centre_form):
    response = admin_client.post(
        add_page_url(CentrePage, department_page), centre_form(siret="732 829 320 00074", **PUBLISH)
    )

    assert response.status_code == 302
    assert CentrePage.objects.get(slug="centre-social-bagatelle").siret == "73282932000074"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        pytest.param(
            {"latitude": 43.6},
            {"longitude": ["Renseignez la latitude et la longitude, ou aucune des deux."]},
            id="latitude-without-longitude",
        ),
        pytest.param(
            {"structure_type": "evs", "approval_families": True},
            {"approval_global": ["Un EVS ne peut pas avoir d'agrément animation globale ou familles."]},
            id="evs-with-an-acf-agrement",
        ),
    ],
)
def test_a_centre_record_breaking_a_rule_is_refused_outside_the_admin_too(db, fields, errors):
    centre = CentrePage(
        title="Espace de vie sociale", address="1 place", postcode="31000", commune_id="31555", **fields
    )

    with pytest.raises(ValidationError) as refused:
        centre.clean()

    assert refused.value.message_dict == errors


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7328293200007A", "Un numéro SIRET comporte exactement 14 chiffres (espaces acceptés)."),
        ("732829320000741", "Un numéro SIRET comporte exactement 14 chiffres (espaces acceptés)."),
        ("73282932000075", "Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas."),
    ],
)
def test_a_malformed_siret_is_refused_wherever_it_is_typed(value, message):
    with pytest.raises(ValidationError) as refused:
        validate_siret(value)

    assert refused.value.messages == [message]


def test_a_la_poste_siret_and_a_spaced_siret_are_accepted():
    validate_siret("35600000000048")
    validate_siret("732 829 320 00074")


@pytest.mark.parametrize("value", ["31A00", "3100", "310000", " 31000"])
def test_a_malformed_postcode_is_refused_wherever_it_is_typed(value):
    with pytest.raises(ValidationError) as refused:
        validate_postcode(value)

    assert refused.value.messages == ["Un code postal comporte exactement 5 chiffres."]


# --- Training sessions -------------------------------------------------------------------------------

SESSION_RULES = [
    pytest.param(
        {"start": "2030-03-10 14:00", "end": "2030-03-10 09:00", "registration_deadline": "2030-03-01"},
        "La fin de la session doit suivre son début.",
        id="session-ends-before-it-starts",
    ),
    pytest.param(
        {"start": "2030-03-10 09:00", "end": "2030-03-10 17:00", "registration_deadline": "2030-03-11"},
        "La date limite d'inscription ne peut pas suivre le début de la session.",
        id="registration-deadline-after-the-start",
    ),
    pytest.param(
        {"mode": "presentiel", "place_commune": "", "place_centre": ""},
        "Indiquez le lieu : un centre de l'annuaire ou une commune.",
        id="on-site-session-without-a-place",
    ),
    pytest.param({"start": "", "end": ""}, "Champ requis.", id="session-without-dates"),
]


@pytest.mark.parametrize(("overrides", "message"), SESSION_RULES)
def test_a_session_breaking_a_rule_is_refused(admin_client, training_index_page, training_form, overrides, message):
    assert_refused(
        admin_client,
        add_page_url(TrainingPage, training_index_page),
        training_form(sessions=[{}, overrides], **PUBLISH),
        message,
        TrainingPage,
        TrainingSession,
    )


def test_a_session_in_a_centre_and_a_commune_at_once_is_refused(
    admin_client, training_index_page, training_form, centre_page
):
    assert_refused(
        admin_client,
        add_page_url(TrainingPage, training_index_page),
        training_form(sessions=[{"place_centre": centre_page.pk, "place_commune": "31555"}], **PUBLISH),
        "Choisissez soit un centre, soit une commune, pas les deux.",
        TrainingPage,
        TrainingSession,
    )


@pytest.mark.parametrize("mode", ["presentiel", "hybride"])
def test_a_session_met_in_person_needs_a_place(mode):
    session = TrainingSession(start=timezone.now(), end=timezone.now() + datetime.timedelta(hours=2), mode=mode)

    with pytest.raises(ValidationError) as refused:
        session.clean()

    assert refused.value.message_dict == {
        "place_centre": ["Indiquez le lieu : un centre de l'annuaire ou une commune."]
    }


def test_the_deadline_may_be_the_start_day_in_paris_time():
    """A session at 00:30 in Paris starts the day before in UTC: a deadline on the Paris day is accepted."""
    start = timezone.make_aware(datetime.datetime(2030, 3, 10, 0, 30))
    session = TrainingSession(
        start=start,
        end=start + datetime.timedelta(hours=8),
        mode="distanciel",
        registration_deadline=datetime.date(2030, 3, 10),
    )

    session.clean()


# --- Initiatives -------------------------------------------------------------------------------------


def test_a_follow_up_stage_dated_in_the_future_is_refused(admin_client, blog_index_page, initiative_form):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    assert_refused(
        admin_client,
        add_page_url(InitiativePage, blog_index_page),
        initiative_form(follow_up_stages=[{}, {"date": tomorrow.isoformat()}], **PUBLISH),
        "Une étape de suivi ne peut pas être datée dans le futur.",
        InitiativePage,
        FollowUpStage,
    )


# --- Workshops ---------------------------------------------------------------------------------------

WORKSHOP_RULES = [
    pytest.param(
        {"start": "2030-05-20 17:00", "end": "2030-05-20 14:00"},
        "La fin de l'atelier doit suivre son début.",
        id="workshop-ends-before-it-starts",
    ),
    pytest.param(
        {"mode": "presentiel", "place_commune": ""},
        "Indiquez le lieu : un centre de l'annuaire ou une commune.",
        id="on-site-workshop-without-a-place",
    ),
    pytest.param({"start": "", "end": ""}, "Champ requis.", id="workshop-without-dates"),
]


@pytest.mark.parametrize(("overrides", "message"), WORKSHOP_RULES)
def test_a_workshop_breaking_a_rule_is_refused(admin_client, workshop_index_page, workshop_form, overrides, message):
    text = assert_refused(
        admin_client,
        add_page_url(WorkshopPage, workshop_index_page),
        workshop_form(**overrides, **PUBLISH),
        message,
        WorkshopPage,
    )
    assert PAGE_REFUSED in text


# --- Partners (modeladmin) ---------------------------------------------------------------------------


def test_a_partner_convention_ending_before_it_starts_is_refused(admin_client, partner_form):
    assert_refused(
        admin_client,
        "/admin/centres/partner/create/",
        partner_form(convention_start="2026-01-01", convention_end="2025-12-31"),
        "La fin de la convention ne peut pas précéder son début.",
        Partner,
    )
