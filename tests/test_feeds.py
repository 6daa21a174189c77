"""Open formats for partners: RSS/Atom of initiatives, iCalendar of trainings and workshops, GeoJSON and the
data·inclusion export of the directory. Each is read as a partner's tool would read it; none lets a draft,
a private page or a person's name out."""

import datetime
import json
from pathlib import Path

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from jsonschema import Draft202012Validator, FormatChecker
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.models import InitiativeOrganiser
from centres.osm_hours import to_osm_opening_hours
from home.roles import MEMBERS_COLLECTION
from tests.conftest import (
    CentrePageFactory,
    DepartmentPageFactory,
    ImageFactory,
    InitiativePageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    WorkshopPageFactory,
    commune,
    department,
    theme,
)

RSS = "/api/v2/feeds/initiatives.rss"
ATOM = "/api/v2/feeds/initiatives.atom"
TRAININGS_ICS = "/api/v2/feeds/trainings.ics"
WORKSHOPS_ICS = "/api/v2/feeds/workshops.ics"
GEOJSON = "/api/v2/centres.geojson"
DATA_INCLUSION = "/api/v2/centres/data-inclusion.json"
SCHEMA = Path(__file__).resolve().parent.parent / "centres" / "data_inclusion_structure.schema.json"

pytestmark = pytest.mark.django_db


def private(page):
    """Restrict `page` (and so its subpages) to readers who know a password."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    return page


def draft(factory, **kwargs):
    """A page that was never published."""
    page = factory(**kwargs)
    page.unpublish()
    return page


def gers_centre(directory_page, **kwargs):
    gers = DepartmentPageFactory(parent=directory_page, department=department("32"))
    return CentrePageFactory(parent=gers, **kwargs)


def assert_bad_request(response, parameter):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["parameter"] == parameter
    assert parameter in body["message"]


# --- RSS and Atom ------------------------------------------------------------------------------------


def test_rss_feed_is_valid_rss_with_what_readers_show(client, initiative_page):
    initiative_page.image = ImageFactory(title="Le jardin des Izards")
    initiative_page.save_revision().publish()

    response = client.get(RSS)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Initiatives d'habitants — FIGO"
    assert feed.feed.link.startswith("http")
    (entry,) = feed.entries
    assert entry.title == "Les Izards cultivent leur jardin"
    assert entry.link.startswith("http") and entry.link.endswith(initiative_page.url)
    assert entry.id == f"tag:testserver,2025:initiative-{initiative_page.pk}"
    assert entry.guidislink is False
    assert entry.published_parsed is not None
    assert entry.summary == initiative_page.summary
    assert [tag.term for tag in entry.tags] == ["Écologie"]
    (enclosure,) = entry.enclosures
    assert enclosure.href.startswith("http://testserver/") and enclosure.type == "image/png"
    assert int(enclosure.length) > 0
    assert entry.media_content[0]["medium"] == "image"


def test_feeds_leave_out_an_image_of_the_members_collection(client, initiative_page):
    members = Collection.objects.get(name=MEMBERS_COLLECTION)
    assert CollectionViewRestriction.objects.filter(collection=members).exists()
    initiative_page.image = ImageFactory(collection=members)
    initiative_page.save_revision().publish()

    for url in (RSS, ATOM):
        (entry,) = feedparser.parse(client.get(url).content).entries
        assert entry.enclosures == []
        assert "media_content" not in entry


def test_rss_guid_does_not_change_when_the_page_is_renamed(client, initiative_page):
    before = feedparser.parse(client.get(RSS).content).entries[0].id
    initiative_page.slug = "nouveau-nom"
    initiative_page.save_revision().publish()
    after = feedparser.parse(client.get(RSS).content).entries[0]
    assert after.id == before
    assert after.link.endswith("/nouveau-nom/")


def test_atom_feed_is_valid_atom(client, initiative_page):
    response = client.get(ATOM)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.author
    (entry,) = feed.entries
    assert entry.id == f"tag:testserver,2025:initiative-{initiative_page.pk}"
    assert entry.updated_parsed is not None
    assert entry.link.startswith("http")
    assert [tag.term for tag in entry.tags] == ["Écologie"]


def test_feeds_leave_out_drafts_and_private_initiatives(client, blog_index_page, initiative_page):
    draft(InitiativePageFactory, parent=blog_index_page, title="Brouillon pas encore relu")
    private(InitiativePageFactory(parent=blog_index_page, title="Compte rendu réservé aux adhérents"))

    for url in (RSS, ATOM):
        titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
        assert titles == ["Les Izards cultivent leur jardin"]


def test_feed_applies_the_api_filters(client, blog_index_page, initiative_page, directory_page):
    gers = gers_centre(directory_page, title="Centre social d'Auch")
    in_gers = InitiativePageFactory(parent=blog_index_page, title="Repair café à Auch")
    InitiativeOrganiser.objects.create(page=in_gers, centre=gers)

    def titles(query):
        return [entry.title for entry in feedparser.parse(client.get(RSS + query).content).entries]

    assert titles("?department=32") == ["Repair café à Auch"]
    assert titles("?department=31") == ["Les Izards cultivent leur jardin"]
    assert titles("?significant=true") == ["Les Izards cultivent leur jardin"]
    assert titles("?theme=ecologie") == ["Les Izards cultivent leur jardin"]
    assert len(titles("?limit=1")) == 1


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (RSS + "?department=99x", "department"),
        (ATOM + "?significant=peut-etre", "significant"),
        (RSS + "?couleur=rouge", "couleur"),
        (TRAININGS_ICS + "?starts_after=yesterday", "starts_after"),
        (WORKSHOPS_ICS + "?upcoming=oui", "upcoming"),
        (GEOJSON + "?near=abc", "near"),
        (GEOJSON + "?radius_km=5", "radius_km"),
        (DATA_INCLUSION + "?structure_type=mjc", "structure_type"),
    ],
)
def test_a_bad_filter_is_a_400_json_error_naming_the_parameter(client, site_tree, url, parameter):
    assert_bad_request(client.get(url), parameter)


@pytest.mark.parametrize("url", [RSS, ATOM, TRAININGS_ICS, WORKSHOPS_ICS, GEOJSON, DATA_INCLUSION])
def test_open_formats_are_cacheable_and_answer_304_when_unchanged(client, site_tree, url):
    response = client.get(url)
    etag = response["ETag"]
    assert "max-age" in response["Cache-Control"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_newly_published_initiative_is_in_the_next_feed(client, blog_index_page, initiative_page):
    etag = client.get(RSS)["ETag"]
    InitiativePageFactory(parent=blog_index_page, title="Une fête des voisins")

    response = client.get(RSS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Une fête des voisins" in [entry.title for entry in feedparser.parse(response.content).entries]


def test_feeds_only_answer_reads(client, site_tree):
    assert client.post(RSS).status_code == 405
    assert client.head(RSS).status_code == 200


# --- iCalendar -----------------------------------------------------------------------------------------


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_trainings_calendar_has_one_event_per_session_in_paris_time(client, training_page):
    second = TrainingSessionFactory(page=training_page, place_commune=commune("82121"))

    calendar, vevents = events(client.get(TRAININGS_ICS))

    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert {str(event["UID"]) for event in vevents} == {
        f"session-{session.pk}@testserver" for session in training_page.sessions.all()
    }
    event = next(event for event in vevents if str(event["UID"]) == f"session-{second.pk}@testserver")
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt == second.start
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Paris"
    assert event["DTEND"].dt == second.end
    assert str(event["SUMMARY"]) == "Formation : Accueillir les bénévoles"
    assert "Montauban" in str(event["LOCATION"])
    assert str(event["URL"]).startswith("http") and str(event["URL"]).endswith(training_page.url)
    assert "Inscriptions jusqu'au" in str(event["DESCRIPTION"])


def test_calendar_uids_and_bytes_are_stable_between_requests(client, training_page):
    first, second = client.get(TRAININGS_ICS).content, client.get(TRAININGS_ICS).content
    assert first == second


def test_workshops_calendar(client, workshop_page):
    _calendar, (event,) = events(client.get(WORKSHOPS_ICS))
    assert str(event["UID"]) == f"workshop-{workshop_page.pk}@testserver"
    assert str(event["SUMMARY"]) == "Atelier : Bien vieillir dans son quartier"
    assert "Toulouse" in str(event["LOCATION"])
    assert [str(category) for category in event["CATEGORIES"].cats] == ["Bien vieillir"]


def test_calendars_leave_out_sessions_of_draft_or_private_trainings(client, training_index_page, training_page):
    hidden = draft(TrainingPageFactory, parent=training_index_page, title="Formation en préparation")
    TrainingSessionFactory(page=hidden)
    reserved = private(TrainingPageFactory(parent=training_index_page, title="Formation des administrateurs"))
    TrainingSessionFactory(page=reserved)

    _calendar, vevents = events(client.get(TRAININGS_ICS))
    assert [str(event["SUMMARY"]) for event in vevents] == ["Formation : Accueillir les bénévoles"]


def test_calendar_filters(client, training_page, workshop_page):
    later = timezone.localdate() + datetime.timedelta(days=60)
    _calendar, vevents = events(client.get(TRAININGS_ICS + f"?starts_after={later:%Y-%m-%d}"))
    assert vevents == []
    _calendar, vevents = events(client.get(TRAININGS_ICS + "?audience=benevoles&department=31"))
    assert len(vevents) == 1
    _calendar, vevents = events(client.get(WORKSHOPS_ICS + "?department=82"))
    assert vevents == []


def test_one_session_can_be_added_to_a_calendar(client, training_page):
    session = training_page.sessions.get()

    response = client.get(f"/api/v2/feeds/sessions/{session.pk}.ics")

    _calendar, (event,) = events(response)
    assert str(event["UID"]) == f"session-{session.pk}@testserver"


def test_one_session_of_a_private_training_is_not_found(client, training_page):
    private(training_page)
    session = training_page.sessions.get()
    assert client.get(f"/api/v2/feeds/sessions/{session.pk}.ics").status_code == 404
    assert client.get("/api/v2/feeds/sessions/999999.ics").status_code == 404


def test_one_workshop_can_be_added_to_a_calendar(client, workshop_page):
    _calendar, (event,) = events(client.get(f"/api/v2/feeds/workshops/{workshop_page.pk}.ics"))
    assert str(event["UID"]) == f"workshop-{workshop_page.pk}@testserver"


# --- GeoJSON -------------------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_with_lon_lat_points(client, centre_page):
    centre_page.contact_name = "Marie Dupont"
    centre_page.save_revision().publish()

    response = client.get(GEOJSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    longitude, latitude = feature["geometry"]["coordinates"]
    assert feature["geometry"]["type"] == "Point"
    assert 1.3 < longitude < 1.5 and 43.5 < latitude < 43.7  # Toulouse, longitude first (RFC 7946)
    properties = feature["properties"]
    assert properties["name"] == "Centre social des Izards"
    assert properties["structure_type"] == "cs"
    assert properties["structure_type_label"] == "Centre social"
    assert properties["commune"] == "Toulouse"
    assert properties["insee_code"] == "31555"
    assert properties["department"] == "31"
    assert properties["url"].startswith("http") and properties["url"].endswith(centre_page.url)
    assert properties["phone"] and properties["email"]
    assert {item["slug"] for item in properties["themes"]} == {"logement", "numerique"}
    assert "Marie Dupont" not in response.content.decode()


def test_geojson_near_orders_by_distance(client, department_page, centre_page, directory_page):
    gers_centre(directory_page, title="Centre social d'Auch")

    features = client.get(GEOJSON + "?near=43.6457,0.5857").json()["features"]  # Auch

    assert [feature["properties"]["name"] for feature in features] == [
        "Centre social d'Auch",
        "Centre social des Izards",
    ]
    assert features[0]["properties"]["distance_km"] < features[1]["properties"]["distance_km"]
    nearby = client.get(GEOJSON + "?near=43.6457,0.5857&radius_km=20").json()["features"]
    assert [feature["properties"]["name"] for feature in nearby] == ["Centre social d'Auch"]


def test_geojson_leaves_out_drafts_and_private_centres(client, directory_page, department_page, centre_page):
    draft(CentrePageFactory, parent=department_page, title="Centre en cours de création")
    private(gers_centre(directory_page, title="Centre social réservé"))

    names = [feature["properties"]["name"] for feature in client.get(GEOJSON).json()["features"]]
    assert names == ["Centre social des Izards"]


def test_geojson_filters(client, directory_page, centre_page):
    gers_centre(directory_page, title="EVS de Mirande", structure_type="evs", approval_global=False, approval_evs=True)

    def names(query):
        return [feature["properties"]["name"] for feature in client.get(GEOJSON + query).json()["features"]]

    assert names("?structure_type=evs") == ["EVS de Mirande"]
    assert names("?department=31") == ["Centre social des Izards"]
    assert names("?theme=numerique") == ["Centre social des Izards"]


# --- data·inclusion ------------------------------------------------------------------------------------


def test_data_inclusion_export_validates_against_its_schema(client, centre_page):
    centre_page.siret = "73282932000074"
    centre_page.website = "https://centre-izards.example"
    centre_page.contact_name = "Marie Dupont"
    centre_page.save_revision().publish()

    response = client.get(DATA_INCLUSION)

    assert response.status_code == 200
    structures = response.json()
    validator = Draft202012Validator(json.loads(SCHEMA.read_text()), format_checker=FormatChecker())
    for structure in structures:
        assert not list(validator.iter_errors(structure)), list(validator.iter_errors(structure))
    (structure,) = structures
    assert structure["source"] == "figo"
    assert structure["id"] == str(centre_page.pk)
    assert structure["nom"] == "Centre social des Izards"
    assert structure["siret"] == "73282932000074"
    assert structure["code_insee"] == "31555"
    assert structure["code_postal"] == centre_page.postcode
    assert structure["telephone"] == "+33561000000"
    assert structure["horaires_accueil"] == "Mo 09:00-12:00"
    assert structure["reseaux_porteurs"] == ["fcsf"]
    assert structure["typologie"] == "CS"
    assert 50 <= len(structure["description"]) <= 2000
    assert "Marie Dupont" not in response.content.decode()


def test_data_inclusion_schema_is_served(client, db):
    response = client.get("/api/v2/centres/data-inclusion.schema.json")
    assert response.status_code == 200
    Draft202012Validator.check_schema(response.json())


def test_data_inclusion_leaves_out_drafts_and_private_centres(client, department_page, centre_page):
    draft(CentrePageFactory, parent=department_page, title="Centre en cours de création")
    private(CentrePageFactory(parent=department_page, title="Centre social réservé"))
    assert [structure["nom"] for structure in client.get(DATA_INCLUSION).json()] == ["Centre social des Izards"]


def test_data_inclusion_evs_under_local_authority(client, directory_page):
    gers_centre(
        directory_page,
        title="EVS de Mirande.",
        structure_type="evs",
        approval_global=False,
        approval_evs=True,
        management_mode="collectivite",
        federation_member=False,
        summary="",
    )
    (structure,) = client.get(DATA_INCLUSION).json()
    assert structure["nom"] == "EVS de Mirande"
    assert structure["typologie"] == "EVS"
    assert structure["reseaux_porteurs"] == ["communes"]
    assert structure["horaires_accueil"] is None
    assert len(structure["description"]) >= 50


# --- Opening hours in OpenStreetMap syntax -------------------------------------------------------------


def hours(*rows):
    return [(day, datetime.time(*opens), datetime.time(*closes)) for day, opens, closes in rows]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], None),
        (hours((0, (9,), (12,))), "Mo 09:00-12:00"),
        (
            hours(
                *[(day, (9,), (12,)) for day in range(5)], *[(day, (14,), (18,)) for day in range(5)], (5, (9,), (12,))
            ),
            "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00",
        ),
        (hours((0, (9,), (12,)), (1, (9,), (12,))), "Mo,Tu 09:00-12:00"),
        (
            hours((0, (9,), (12,)), (2, (9,), (12,)), (4, (9,), (12,)), (1, (14,), (17, 30))),
            "Mo,We,Fr 09:00-12:00; Tu 14:00-17:30",
        ),
        (hours((3, (14,), (18,)), (3, (9,), (12,))), "Th 09:00-12:00,14:00-18:00"),
        (hours((6, (10,), (12,)), (4, (9,), (12,)), (5, (9,), (12,))), "Fr,Sa 09:00-12:00; Su 10:00-12:00"),
        (hours((0, (9,), (12,)), (0, (11,), (13,))), "Mo 09:00-13:00"),
    ],
)
def test_opening_hours_in_osm_syntax(rows, expected):
    assert to_osm_opening_hours(rows) == expected


# --- Query counts --------------------------------------------------------------------------------------


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [RSS, ATOM, TRAININGS_ICS, WORKSHOPS_ICS, GEOJSON, DATA_INCLUSION])
def test_open_formats_run_as_many_queries_for_many_items_as_for_few(
    client, settings, site_tree, url, workshop_index_page, training_index_page
):
    settings.API_CACHE_ENABLED = False  # count the work of building the response, not of reading the cache
    site_tree.initiative.image = ImageFactory()
    site_tree.initiative.save_revision().publish()
    client.get(url)
    few = query_count(client, url)
    for index in range(4):
        centre = CentrePageFactory(parent=site_tree.department, title=f"Centre social n°{index}")
        centre.themes.set([theme("logement")])
        initiative = InitiativePageFactory(parent=site_tree.blog_index, image=ImageFactory())
        initiative.themes.set([theme("sante")])
        InitiativeOrganiser.objects.create(page=initiative, centre=centre)
        training = TrainingPageFactory(parent=training_index_page)
        TrainingSessionFactory(page=training, place_centre=centre, place_commune=None)
        WorkshopPageFactory(parent=workshop_index_page)
    client.get(url)  # image renditions are made once, on the first request that needs them
    assert query_count(client, url) == few
