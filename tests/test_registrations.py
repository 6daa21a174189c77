"""Training registrations: capacity and waiting list, signed cancellation, closing, admin, purge, privacy."""

import datetime
import io
import re
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from home.roles import COMMUNICATION_OFFICERS, FEDERAL_ADMINS
from resources.models import Registration, RegistrationStatus, TrainingSession
from resources.registrations import RegistrationRefused, cancel_token, register

from .conftest import TrainingSessionFactory, _in_days, audience, make_user, response_text

CANCEL_LINK = re.compile(r"https?://\S+/formations/inscription/annuler/\S+/")


@pytest.fixture
def session(training_page):
    """A 10-place session of a published training, in a month, registrations open for three weeks."""
    return TrainingSessionFactory(page=training_page, capacity=10)


def person(number, **overrides):
    return {
        "name": f"Personne {number:02d}",
        "email": f"personne{number:02d}@centre.example",
        "structure": "Association Témoin des inscriptions",
        "role": audience("benevoles"),
        "accessibility_needs": "",
        "meal": True,
        "dietary_requirements": "",
        "consent": True,
        **overrides,
    }


def form_data(number, **overrides):
    data = {**person(number), "role": audience("benevoles").pk, "website": "", **overrides}
    return {key: value for key, value in data.items() if value is not False}


@pytest.fixture
def twelve_registered(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register(session, person(number)) for number in range(1, 13)]
    return registrations


# --- Capacity and waiting list ------------------------------------------------------------------------


def test_twelve_people_for_ten_places_leave_two_on_the_waiting_list(session, twelve_registered):
    statuses = [registration.status for registration in twelve_registered]
    assert statuses == [RegistrationStatus.CONFIRMED] * 10 + [RegistrationStatus.WAITING] * 2
    assert [registration.waiting_rank() for registration in twelve_registered[10:]] == [1, 2]
    assert session.registrations.availability().places_left == 0

    assert len(mail.outbox) == 12
    assert mail.outbox[0].to == ["personne01@centre.example"]
    assert "est confirmée" in mail.outbox[0].body
    assert "liste d'attente, en position 2" in mail.outbox[11].body
    assert CANCEL_LINK.search(mail.outbox[0].body)


def test_cancelling_by_the_emailed_link_promotes_the_first_waiting(
    client, twelve_registered, django_capture_on_commit_callbacks
):
    twelve_registered_mail = list(mail.outbox)
    mail.outbox.clear()
    first_confirmed, first_waiting, second_waiting = twelve_registered[0], twelve_registered[10], twelve_registered[11]
    link = CANCEL_LINK.search(_email_to(first_confirmed, twelve_registered_mail)).group()
    path = re.sub(r"^https?://[^/]+", "", link)

    asked = client.get(path)
    assert asked.status_code == 200
    assert "Oui, annuler mon inscription" in response_text(asked)
    first_confirmed.refresh_from_db()
    assert first_confirmed.status == RegistrationStatus.CONFIRMED  # a GET (a mail scanner) cancels nothing

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(path)
    assert "Votre inscription est annulée" in response_text(cancelled)
    first_confirmed.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_confirmed.status == RegistrationStatus.CANCELLED
    assert first_confirmed.cancelled_at is not None
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITING
    assert second_waiting.waiting_rank() == 1
    promoted_mail = next(message for message in mail.outbox if message.to == [first_waiting.email])
    assert "Une place s'est libérée" in promoted_mail.subject
    assert "votre inscription est maintenant confirmée" in promoted_mail.body


def _email_to(registration, outbox):
    return next(message.body for message in outbox if message.to == [registration.email])


def test_a_tampered_cancellation_link_is_refused(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(session, person(1))
    token = cancel_token(registration)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = client.post(reverse("resources:registration_cancel", args=[tampered]))
    assert response.status_code == 404
    assert "Ce lien d'annulation n'est pas valable" in response_text(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_the_public_form_registers_and_shows_the_receipt(client, session, django_capture_on_commit_callbacks):
    url = reverse("resources:session_register", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = response_text(page)
    assert "10 places restantes sur 10" in text
    assert '<label for="id_consent">' in text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(1), follow=True)
    assert "Votre inscription est confirmée" in response_text(response)
    registration = Registration.objects.get()
    assert (registration.name, registration.session, registration.training) == (
        "Personne 01",
        session,
        session.page,
    )
    assert len(mail.outbox) == 1


def test_the_form_lists_its_errors_in_french(client, session):
    response = client.post(reverse("resources:session_register", args=[session.pk]), form_data(1, consent=False))
    text = response_text(response)
    assert response.status_code == 400
    assert "Votre inscription n'a pas pu être enregistrée" in text
    assert "Cochez cette case pour que nous puissions enregistrer votre inscription." in text
    assert not Registration.objects.exists()


def test_the_same_email_cannot_register_twice_to_a_session(client, session):
    register(session, person(1))
    response = client.post(
        reverse("resources:session_register", args=[session.pk]), form_data(2, email="PERSONNE01@centre.example")
    )
    assert response.status_code == 409
    assert "Cette adresse est déjà inscrite à cette session." in response_text(response)
    assert Registration.objects.count() == 1


def test_a_bot_filling_the_honeypot_registers_nobody(client, session):
    response = client.post(
        reverse("resources:session_register", args=[session.pk]), form_data(1, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_registrations_from_one_address_are_rate_limited(client, session):
    url = reverse("resources:session_register", args=[session.pk])
    statuses = [client.post(url, form_data(number)).status_code for number in range(1, 12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Registration.objects.count() == 10


def test_registrations_close_after_the_deadline(client, training_page):
    start = _in_days(5)
    session = TrainingSessionFactory(
        page=training_page, start=start, registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(RegistrationRefused, match="closes depuis le"):
        register(session, person(1))

    response = client.post(reverse("resources:session_register", args=[session.pk]), form_data(1))
    assert "Les inscriptions à cette session sont closes depuis le" in response_text(response)
    assert "M'inscrire" not in response_text(response)
    assert not Registration.objects.exists()


def test_registrations_close_when_the_session_has_started(training_page):
    session = TrainingSessionFactory(
        page=training_page,
        start=timezone.now() - datetime.timedelta(hours=1),
        end=timezone.now() + datetime.timedelta(hours=5),
        registration_deadline=None,
    )
    with pytest.raises(RegistrationRefused, match="a commencé"):
        register(session, person(1))


def test_a_draft_training_takes_no_registrations(client, session):
    session.page.unpublish()
    response = client.get(reverse("resources:session_register", args=[session.pk]))
    assert response.status_code == 404


def test_the_training_page_include_shows_places_waiting_list_and_closing(session, training_page, rf):
    def render(session):
        return render_to_string("registrations/session_registration.html", {"session": session})

    assert "10 places restantes" in render(session)
    for number in range(1, 11):
        register(session, person(number))
    full = render(session)
    assert "liste d'attente" in full
    assert reverse("resources:session_register", args=[session.pk]) in full

    closed = TrainingSessionFactory(
        page=training_page, registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "closes" in render(closed)
    assert "S'inscrire" not in render(closed)


def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list(session, twelve_registered):
    session.capacity = 11
    session.save()
    session.page.save_revision().publish()
    statuses = list(Registration.objects.filter(session=session).order_by("position").values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 11
    assert statuses[-1] == RegistrationStatus.WAITING


# --- A session deleted by an editor ---------------------------------------------------------------------


def session_row(session, delete=""):
    """The admin form row of an existing session, as the edit page posts it back."""
    return {
        "id": str(session.pk),
        "DELETE": delete,
        "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(session.end).strftime("%Y-%m-%d %H:%M"),
        "capacity": str(session.capacity or ""),
        "registration_deadline": session.registration_deadline.isoformat() if session.registration_deadline else "",
    }


def test_deleting_a_session_in_the_admin_keeps_its_registrations(admin_client, session, training_form):
    training = session.page
    registration = register(session, person(1))
    kept_session = training.sessions.exclude(pk=session.pk).get()
    data = training_form(title=training.title, slug=training.slug, sessions=[{}, {}])
    for index, (row_session, delete) in enumerate([(kept_session, ""), (session, "1")]):
        data.update({f"sessions-{index}-{name}": value for name, value in session_row(row_session, delete).items()})
    data["sessions-INITIAL_FORMS"] = "2"
    data["action-publish"] = "publish"

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[training.pk]), data, follow=True)
    assert response.status_code == 200
    assert not TrainingSession.objects.filter(pk=session.pk).exists()
    registration.refresh_from_db()
    assert registration.session is None
    assert registration.training_id == training.pk
    assert training.title in registration.session_label
    assert registration.session_end == session.end
    assert "porte sur une session supprimée de cette formation" in response_text(response)


def test_deleting_a_whole_training_keeps_its_registrations(session):
    training = session.page
    registration = register(session, person(1))
    training.delete()
    registration.refresh_from_db()
    assert (registration.session, registration.training) == (None, None)
    assert registration.session_label.startswith(training.title)
    assert registration.session_end == session.end


# --- Admin: counts, filters, export, and who sees personal data ----------------------------------------


def test_the_admin_lists_and_exports_registrations_for_communication_officers(client, twelve_registered, session):
    client.force_login(make_user("communication", COMMUNICATION_OFFICERS))
    listing = client.get(reverse("inscriptions:index"), {"status": RegistrationStatus.WAITING})
    assert listing.status_code == 200
    assert "Personne 11" in response_text(listing)
    assert "Personne 01" not in response_text(listing)

    export = client.get(reverse("inscriptions:index"), {"session": session.pk, "export": "csv"})
    assert export.status_code == 200
    content = export.content.decode("utf-8")
    assert content.startswith("\ufeff")
    header, *rows = content.lstrip("\ufeff").splitlines()
    assert header.split(";")[:4] == ["Session", "Nom et prénom", "Courriel", "Structure"]
    assert len(rows) == 12
    assert any("personne12@centre.example" in row and "Sur liste d'attente" in row for row in rows)

    places = client.get(reverse("inscriptions:sessions"))
    assert places.status_code == 200
    text = response_text(places)
    assert session.page.title in text


def test_the_export_never_hands_a_formula_to_the_spreadsheet(admin_client, session):
    register(session, person(1, name='=HYPERLINK("http://piege.example";"Cliquez")'))
    content = admin_client.get(reverse("inscriptions:index"), {"export": "csv"}).content.decode("utf-8")
    assert ";'=HYPERLINK(" in content or "\"'=HYPERLINK(" in content


def test_the_federal_administrators_see_the_registrations(client, twelve_registered):
    client.force_login(make_user("federal", FEDERAL_ADMINS))
    assert client.get(reverse("inscriptions:index")).status_code == 200


@pytest.mark.parametrize("role", ["editor_31", "moderator"])
def test_department_editors_and_moderators_never_see_personal_data(client, twelve_registered, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in (
        reverse("inscriptions:index"),
        reverse("inscriptions:index") + "?export=csv",
        reverse("inscriptions:sessions"),
        reverse("inscriptions:inspect", args=[twelve_registered[0].pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"personne01@centre.example" not in response.content
    menu = response_text(client.get(reverse("wagtailadmin_home")))
    assert "Inscriptions aux formations" not in menu


def test_deleting_a_confirmed_registration_in_the_admin_promotes_the_first_waiting(
    admin_client, twelve_registered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("inscriptions:delete", args=[twelve_registered[0].pk]))
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=twelve_registered[0].pk).exists()
    twelve_registered[10].refresh_from_db()
    assert twelve_registered[10].status == RegistrationStatus.CONFIRMED


# --- Purge -----------------------------------------------------------------------------------------------


def test_purge_deletes_only_registrations_of_sessions_ended_long_ago(training_page, settings, session):
    settings.REGISTRATION_RETENTION_MONTHS = 12
    old = TrainingSessionFactory(
        page=training_page,
        start=timezone.now() - datetime.timedelta(days=400),
        end=timezone.now() - datetime.timedelta(days=399),
        registration_deadline=None,
    )
    recent = TrainingSessionFactory(
        page=training_page,
        start=timezone.now() - datetime.timedelta(days=60),
        end=timezone.now() - datetime.timedelta(days=59),
        registration_deadline=None,
    )
    purged = Registration.objects.create(session=old, training=training_page, **person(1))
    log(instance=purged, action="wagtail.edit")
    Registration.objects.create(session=recent, training=training_page, **person(2))
    register(session, person(3))
    orphan = Registration.objects.create(
        training=training_page,
        session_label="Session supprimée",
        session_end=timezone.now() - datetime.timedelta(days=500),
        **person(4),
    )

    call_command("purge_registrations", "--dry-run", stdout=(dry := io.StringIO()))
    assert Registration.objects.count() == 4
    assert "2 inscription(s) seraient supprimées" in dry.getvalue()

    call_command("purge_registrations", stdout=(out := io.StringIO()))
    remaining = set(Registration.objects.values_list("email", flat=True))
    assert remaining == {"personne02@centre.example", "personne03@centre.example"}
    assert not Registration.objects.filter(pk=orphan.pk).exists()
    assert not ModelLogEntry.objects.filter(object_id=str(purged.pk)).exists()
    assert "2 inscription(s) supprimées" in out.getvalue()


# --- Privacy of the public outputs ----------------------------------------------------------------------


def test_personal_data_never_appear_on_the_training_page_or_the_api(client, twelve_registered, session):
    training = session.page
    page = response_text(client.get(training.url))
    api = client.get(f"/api/v2/pages/{training.pk}/").content.decode()
    listing = client.get("/api/v2/pages/", {"type": "resources.TrainingPage", "fields": "*"}).content.decode()
    for output in (page, api, listing):
        assert "Personne 01" not in output
        assert "personne01@centre.example" not in output
        assert "Association Témoin des inscriptions" not in output


# --- Concurrency (PostgreSQL) ---------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_registrations_never_exceed_ten_places(home_page):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite ignores select_for_update() and serialises writers itself: run with DATABASE_URL=postgres://…"
        )
    from .conftest import ResourceIndexPageFactory, TrainingIndexPageFactory, TrainingPageFactory

    resource_index = ResourceIndexPageFactory(parent=home_page)
    training = TrainingPageFactory(parent=TrainingIndexPageFactory(parent=resource_index))
    session = TrainingSessionFactory(page=training, capacity=10)
    role = audience("salaries")
    barrier = threading.Barrier(40)
    failures = []

    def register_one(number):
        try:
            barrier.wait()
            register(session, {**person(number), "role": role})
        except Exception as error:  # noqa: BLE001 — reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register_one, args=(number,)) for number in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    registrations = Registration.objects.filter(session=session)
    assert registrations.count() == 40
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 30
    assert sorted(registrations.values_list("position", flat=True)) == list(range(1, 41))
