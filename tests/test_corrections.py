"""The public "Signaler une modification" of a centre: a request for the editors of its département.

The request is recorded, its département's editors are told by email (the moderators when that group has
nobody), and in the admin each editor sees and handles the requests about their own centres only.
"""

import pytest
from django.core import mail
from django.urls import reverse

from centres.models import CorrectionRequest, CorrectionStatus
from home import roles

from .conftest import CentrePageFactory, department, make_user, response_text

MESSAGE = "Le centre est fermé le mercredi matin depuis septembre."


@pytest.fixture
def editor_32(db):
    return make_user("editeur32", roles.department_group_name(department("32")))


def url(centre):
    return reverse("centres:report_correction", args=[centre.pk])


def correction_data(**overrides):
    data = {"message": MESSAGE, "name": "Paul Habitant", "email": "paul@exemple.fr", "consent": "on", "fax": ""}
    data.update(overrides)
    return data


def report(client, centre, capture, **overrides):
    with capture(execute=True):
        return client.post(url(centre), correction_data(**overrides))


def recipients():
    return {address for message in mail.outbox for address in message.to}


def test_the_form_names_the_centre_and_marks_required_fields(client, centre_page):
    html = response_text(client.get(url(centre_page)))

    assert "Signaler une modification" in html and "Centre social des Izards" in html
    assert '<label for="id_message">Ce qui doit être modifié (obligatoire)</label>' in html
    assert 'aria-describedby="id_email_helptext"' in html


def test_a_request_is_recorded_and_sent_to_the_editors_of_the_departement(
    client, centre_page, editor_31, editor_32, moderator, django_capture_on_commit_callbacks
):
    response = report(client, centre_page, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert "Merci, votre signalement est bien arrivé" in response_text(client.get(response.url))
    correction = CorrectionRequest.objects.get()
    assert (correction.centre.pk, correction.message, correction.status) == (
        centre_page.pk,
        MESSAGE,
        CorrectionStatus.NEW,
    )
    assert correction.consent
    assert recipients() == {editor_31.email}
    [notice] = mail.outbox
    assert "Centre social des Izards" in notice.subject
    assert MESSAGE in notice.body
    assert reverse("correction_requests:edit", args=[correction.pk]) in notice.body


def test_without_editors_in_the_departement_the_moderators_are_told(
    client, centre_page, moderator, django_capture_on_commit_callbacks
):
    report(client, centre_page, django_capture_on_commit_callbacks)

    assert recipients() == {moderator.email}


def test_a_centre_that_is_not_published_cannot_be_reported(client, department_page):
    draft = CentrePageFactory(parent=department_page, live=False)

    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), correction_data()).status_code == 404
    assert not CorrectionRequest.objects.exists()


def test_a_robot_filling_the_hidden_field_is_refused(
    client, centre_page, editor_31, django_capture_on_commit_callbacks
):
    response = report(client, centre_page, django_capture_on_commit_callbacks, fax="spam")

    assert "protection contre les envois automatiques" in response_text(response)
    assert not CorrectionRequest.objects.exists()
    assert not mail.outbox


def test_without_consent_the_request_is_refused_in_french(client, centre_page):
    response = client.post(url(centre_page), correction_data(consent=""))

    html = response_text(response)
    assert "Cochez la case de consentement" in html
    assert 'href="#id_consent"' in html
    assert not CorrectionRequest.objects.exists()


def test_too_many_requests_from_one_address_get_a_429(client, centre_page, settings):
    settings.CORRECTION_RATE_LIMIT = "2/d"

    statuses = [client.post(url(centre_page), correction_data()).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert CorrectionRequest.objects.count() == 2
    assert "Trop d'envois depuis votre connexion" in response_text(client.post(url(centre_page), correction_data()))


# --- In the admin --------------------------------------------------------------------------------------


@pytest.fixture
def requests_31_and_32(centre_page, centre_in_32):
    return (
        CorrectionRequest.objects.create(centre=centre_page, message="Horaires des Izards", name="A", email="a@x.fr"),
        CorrectionRequest.objects.create(centre=centre_in_32, message="Adresse d'Auch", name="B", email="b@x.fr"),
    )


def test_an_editor_sees_the_requests_about_their_own_centres_only(client, editor_31, requests_31_and_32):
    request_31, request_32 = requests_31_and_32
    client.force_login(editor_31)

    listing = response_text(client.get(reverse("correction_requests:index")))
    assert "Centre social des Izards" in listing
    assert "Foyer rural d'Auch" not in listing
    assert client.get(reverse("correction_requests:inspect", args=[request_31.pk])).status_code == 200
    assert client.get(reverse("correction_requests:inspect", args=[request_32.pk])).status_code == 404
    assert client.get(reverse("correction_requests:edit", args=[request_32.pk])).status_code == 404


def test_a_moderator_sees_every_request(client, moderator, requests_31_and_32):
    client.force_login(moderator)

    listing = response_text(client.get(reverse("correction_requests:index")))

    assert "Centre social des Izards" in listing and "Foyer rural d'Auch" in listing


def test_an_editor_marks_a_request_as_handled(client, editor_31, requests_31_and_32):
    request_31, _ = requests_31_and_32
    client.force_login(editor_31)

    response = client.post(reverse("correction_requests:edit", args=[request_31.pk]), {"status": "traitee"})

    assert response.status_code == 302
    request_31.refresh_from_db()
    assert request_31.status == CorrectionStatus.HANDLED
    assert request_31.handled_by == editor_31
    assert request_31.handled_at is not None


def test_nobody_creates_a_request_from_the_admin(admin_client, db):
    assert admin_client.get(reverse("correction_requests:add")).status_code in (302, 403)
