"""Trainings and workshops for readers: the catalogue of upcoming sessions and its filters, "ajouter à mon agenda"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import (
    TrainingPageFactory,
    TrainingSessionFactory,
    WorkshopPageFactory,
    audience,
    commune,
    response_text,
    theme,
)


def in_days(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def month_of(moment):
    return timezone.localtime(moment).strftime("%Y-%m")


def session_titles(text):
    block = text.split('id="prochaines-sessions"', 1)[1].split('id="catalogue"', 1)[0]
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', block)


def catalogue_titles(text):
    return re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', text.split('id="catalogue"', 1)[1])


def training(index, title, audiences=(), themes=(), sessions=()):
    page = TrainingPageFactory(parent=index, title=title)
    page.audiences.set(audiences)
    page.themes.set(themes)
    page.save()
    for start, place in sessions:
        TrainingSessionFactory(page=page, start=start, end=start + datetime.timedelta(hours=7), place_commune=place)
    return page


@pytest.fixture
def catalogue(training_index_page):
    soon, later = in_days(10), in_days(75)
    return {
        "elus": training(
            training_index_page,
            "Le projet social expliqué aux élus",
            [audience("elus-locaux")],
            [theme("acces-aux-droits")],
            [(soon, commune("32013"))],
        ),
        "benevoles": training(
            training_index_page,
            "Accueillir les bénévoles",
            [audience("benevoles")],
            [theme("jeunesse")],
            [(later, commune("31555")), (in_days(-30), commune("31555"))],
        ),
        "soon": soon,
        "later": later,
    }


def test_the_catalogue_form_has_public_departement_theme_and_month(client, training_index_page, catalogue):
    text = response_text(client.get(training_index_page.url))

    for label in ("Public", "Département", "Thème", "Mois"):
        assert re.search(rf'<label for="filtre-[a-z-]+">{label}</label>', text)
    assert f'<option value="{month_of(timezone.now())}">' in text


def test_the_catalogue_lists_upcoming_sessions_only_soonest_first(client, training_index_page, catalogue):
    text = response_text(client.get(training_index_page.url))

    assert session_titles(text) == ["Le projet social expliqué aux élus", "Accueillir les bénévoles"]
    assert "2 sessions à venir" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"audience": "elus-locaux"}, ["Le projet social expliqué aux élus"]),
        ({"department": "31"}, ["Accueillir les bénévoles"]),
        ({"theme": "jeunesse"}, ["Accueillir les bénévoles"]),
        ({"month": "later"}, ["Accueillir les bénévoles"]),
    ],
)
def test_each_filter_narrows_the_sessions_and_the_catalogue(client, training_index_page, catalogue, query, expected):
    if query.get("month") == "later":
        query = {"month": month_of(catalogue["later"])}

    text = response_text(client.get(training_index_page.url, query))

    assert session_titles(text) == expected
    assert catalogue_titles(text) == expected
    assert "Les formations correspondantes" in text


def test_a_malformed_month_is_explained_not_an_error(client, training_index_page, catalogue):
    response = client.get(training_index_page.url, {"month": "2026-13"})

    assert response.status_code == 200
    assert "1 filtre ignoré" in response_text(response)


def test_a_training_page_gives_each_upcoming_session_its_place_and_an_ics_link(client, catalogue):
    page = catalogue["benevoles"]
    upcoming = page.sessions.get(start=catalogue["later"])

    text = response_text(client.get(page.url))
    ics = client.get(reverse("feed_session_ics", args=[upcoming.pk]))

    assert text.count("Ajouter à mon agenda") == 1, "past sessions have no calendar link"
    assert f'href="{reverse("feed_session_ics", args=[upcoming.pk])}"' in text
    assert "Toulouse" in text and "Salle polyvalente" in text
    assert "12 places" in text
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content


def test_the_workshop_list_filters_upcoming_workshops_and_pages_the_past_ones(client, workshop_index_page):
    WorkshopPageFactory(parent=workshop_index_page, title="Santé des jeunes à Auch", place_commune=commune("32013"),
                        theme=theme("sante"))  # fmt: skip
    WorkshopPageFactory(parent=workshop_index_page, title="Bien vieillir à Toulouse", theme=theme("bien-vieillir"))
    for number in range(11):
        WorkshopPageFactory(
            parent=workshop_index_page,
            title=f"Atelier passé n°{number:02d}",
            start=in_days(-20 - number, hour=14),
            end=in_days(-20 - number, hour=17),
        )

    gers = response_text(client.get(workshop_index_page.url, {"department": "32"}))
    everything = response_text(client.get(workshop_index_page.url))
    second = response_text(client.get(workshop_index_page.url, {"page": "2"}))

    assert "1 atelier à venir" in gers and "Santé des jeunes à Auch" in gers and "Bien vieillir à Toulouse" not in gers
    assert "2 ateliers à venir" in everything
    assert "Atelier passé n°00" in everything and "Atelier passé n°10" not in everything
    assert "Atelier passé n°10" in second


def test_an_upcoming_workshop_page_offers_its_ics_file(client, workshop_page):
    text = response_text(client.get(workshop_page.url))

    assert f'href="{reverse("feed_workshop_ics", args=[workshop_page.pk])}"' in text
    assert "Ajouter à mon agenda" in text
