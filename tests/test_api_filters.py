"""The partner API's filters: each keeps what it says, and any bad parameter gets a French 400 naming it."""

import datetime

import pytest
from django.utils import timezone

from blog.models import FollowUpStage, InitiativeOrganiser
from centres.models import StructureType
from home.filtering import InvalidFilter, parse_filters
from resources.filters import SESSION_FILTERS, filter_sessions
from resources.models import TrainingSession
from tests import api_builders as build
from tests.conftest import (
    CentrePageFactory,
    DepartmentPageFactory,
    DossierPageFactory,
    InitiativePageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    WorkshopPageFactory,
    audience,
    commune,
    department,
    theme,
)


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def network(home_page):
    """A CS in Toulouse (31) about housing and an EVS in Auch (32) about health."""
    tree = build.tree(home_page)
    gers = DepartmentPageFactory(parent=tree["directory"], department=department("32"))
    toulouse = CentrePageFactory(parent=tree["department"], qpv=True)
    toulouse.themes.set([theme("logement")])
    toulouse.audiences.set([audience("habitants")])
    toulouse.save()
    auch = CentrePageFactory(parent=gers, structure_type=StructureType.EVS, approval_global=False, approval_evs=True)
    auch.themes.set([theme("sante")])
    auch.save()
    return {**tree, "toulouse": toulouse, "auch": auch}


CENTRES = "/api/v2/pages/?type=centres.CentrePage"


def test_centre_filters(client, network):
    toulouse, auch = network["toulouse"].pk, network["auch"].pk
    assert ids(client, CENTRES + "&department=32") == {auch}
    assert ids(client, CENTRES + "&department=31,32") == {toulouse, auch}
    assert ids(client, CENTRES + "&structure_type=evs&department=32") == {auch}
    assert ids(client, CENTRES + "&structure_type=cs") == {toulouse}
    assert ids(client, CENTRES + "&theme=logement") == {toulouse}
    assert ids(client, CENTRES + "&theme=logement,sante") == {toulouse, auch}
    assert ids(client, CENTRES + "&audience=habitants") == {toulouse}
    assert ids(client, CENTRES + "&qpv=true") == {toulouse}
    assert ids(client, CENTRES + "&commune=32013") == {auch}
    assert ids(client, CENTRES + "&slug=" + network["auch"].slug) == {auch}
    assert ids(client, CENTRES + "&theme=inconnu") == set()


def test_near_with_radius_keeps_the_centres_within_the_circle(client, network):
    montauban = commune("82121")
    url = CENTRES + f"&near={montauban.latitude},{montauban.longitude}"
    items = client.get(url).json()["items"]
    assert [item["id"] for item in items] == [network["toulouse"].pk, network["auch"].pk]
    assert ids(client, url + "&radius_km=60") == {network["toulouse"].pk}
    assert ids(client, url + "&radius_km=1") == set()


def test_initiative_filters(client, network):
    blog = network["blog"]
    housing = InitiativePageFactory(parent=blog, is_significant=True)
    housing.themes.set([theme("logement")])
    housing.tags.add("Jardin partagé")
    housing.save()
    InitiativeOrganiser.objects.create(page=housing, centre=network["toulouse"])
    today = timezone.localdate()
    FollowUpStage.objects.create(page=housing, stage="reperee", date=today - datetime.timedelta(days=90))
    FollowUpStage.objects.create(page=housing, stage="suivie", date=today - datetime.timedelta(days=3))
    health = InitiativePageFactory(parent=blog, status="terminee")
    InitiativeOrganiser.objects.create(page=health, centre=network["auch"])
    url = "/api/v2/pages/?type=blog.InitiativePage"
    assert ids(client, url + "&department=31") == {housing.pk}
    assert ids(client, url + "&structure_type=evs") == {health.pk}
    assert ids(client, url + f"&centre={network['auch'].pk}") == {health.pk}
    assert ids(client, url + "&theme=logement") == {housing.pk}
    assert ids(client, url + "&tag=jardin partagé") == {housing.pk}
    assert ids(client, url + "&tag=jardin-partagé") == {housing.pk}
    assert ids(client, url + "&significant=true") == {housing.pk}
    assert ids(client, url + "&significant=false") == {health.pk}
    assert ids(client, url + "&follow_up_stage=suivie") == {housing.pk}
    assert ids(client, url + "&follow_up_stage=reperee") == set(), "only the current stage counts"
    assert ids(client, url + "&status=terminee") == {health.pk}
    assert ids(client, url + "&theme=logement&department=31&significant=true") == {housing.pk}


def in_days(days):
    return build.in_days(days)


def test_training_date_and_audience_filters(client, network):
    trainings = network["trainings"]
    soon = TrainingPageFactory(parent=trainings)
    soon.audiences.set([audience("elus-locaux")])
    soon.save()
    TrainingSessionFactory(page=soon, start=in_days(10), end=in_days(10) + datetime.timedelta(hours=7))
    past = TrainingPageFactory(parent=trainings)
    TrainingSessionFactory(page=past, start=in_days(-30), end=in_days(-30) + datetime.timedelta(hours=7))
    auch = TrainingPageFactory(parent=trainings)
    TrainingSessionFactory(
        page=auch, start=in_days(40), end=in_days(40) + datetime.timedelta(hours=3), place_commune=commune("32013")
    )
    url = "/api/v2/pages/?type=resources.TrainingPage"
    in_ten_days = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert ids(client, url + "&upcoming=true") == {soon.pk, auch.pk}
    assert ids(client, url + "&upcoming=false") == {past.pk}
    assert ids(client, url + "&audience=elus-locaux&upcoming=true") == {soon.pk}
    assert ids(client, url + f"&starts_after={in_ten_days}") == {soon.pk, auch.pk}
    assert ids(client, url + f"&starts_before={in_ten_days}") == {soon.pk, past.pk}, "the day itself is included"
    assert ids(client, url + f"&starts_after={in_ten_days}&starts_before={in_ten_days}") == {soon.pk}
    assert ids(client, url + "&department=32") == {auch.pk}


def test_session_filters_used_by_the_calendar(network):
    training = TrainingPageFactory(parent=network["trainings"])
    training.themes.set([theme("numerique")])
    training.save()
    session = TrainingSessionFactory(page=training, start=in_days(5), end=in_days(5) + datetime.timedelta(hours=2))
    TrainingSessionFactory(page=training, start=in_days(-5), end=in_days(-5) + datetime.timedelta(hours=2))
    filters = parse_filters({"upcoming": "true", "theme": "numerique", "department": "31"}, SESSION_FILTERS)
    assert list(filter_sessions(TrainingSession.objects.all(), filters)) == [session]


def test_workshop_and_dossier_filters(client, network):
    workshops = network["workshops"]
    upcoming = WorkshopPageFactory(parent=workshops, theme=theme("bien-vieillir"))
    past = WorkshopPageFactory(
        parent=workshops,
        start=in_days(-3),
        end=in_days(-3) + datetime.timedelta(hours=2),
        place_commune=commune("32013"),
    )
    url = "/api/v2/pages/?type=resources.WorkshopPage"
    assert ids(client, url + "&upcoming=true") == {upcoming.pk}
    assert ids(client, url + "&upcoming=false") == {past.pk}
    assert ids(client, url + "&theme=bien-vieillir") == {upcoming.pk}
    assert ids(client, url + "&department=32") == {past.pk}
    housing = DossierPageFactory(parent=network["resources"])
    DossierPageFactory(parent=network["resources"], theme=theme("sante"))
    assert ids(client, "/api/v2/pages/?type=resources.DossierPage&theme=logement") == {housing.pk}
    assert ids(client, "/api/v2/pages/?type=centres.DepartmentPage&department=32") == {network["auch"].get_parent().pk}


def test_tree_and_order_parameters(client, network):
    directory = network["directory"]
    children = ids(client, f"/api/v2/pages/?child_of={directory.pk}")
    assert children == {network["department"].pk, network["auch"].get_parent().pk}
    titles = [item["title"] for item in client.get(CENTRES + "&order=-title").json()["items"]]
    assert titles == sorted(titles, reverse=True)


BAD_REQUESTS = [
    (CENTRES + "&department=99x", "department", "09, 12, 31"),
    (CENTRES + "&near=abc", "near", "latitude,longitude"),
    (CENTRES + "&near=95,1", "near", "latitude entre -90 et 90"),
    (CENTRES + "&radius_km=10", "radius_km", "near"),
    (CENTRES + "&near=43.6,1.4&radius_km=-3", "radius_km", "supérieur à 0"),
    (CENTRES + "&structure_type=ecole", "structure_type", "cs, evs"),
    (CENTRES + "&theme=Logement!", "theme", "identifiant"),
    (CENTRES + "&department=31&department=32", "department", "qu'une fois"),
    (CENTRES + "&colour=blue", "colour", "paramètre inconnu"),
    ("/api/v2/pages/?type=resources.TrainingPage&starts_after=yesterday", "starts_after", "AAAA-MM-JJ"),
    ("/api/v2/pages/?type=resources.TrainingPage&starts_before=2026-02-30", "starts_before", "n'est pas une date"),
    ("/api/v2/pages/?type=resources.TrainingPage&upcoming=yes", "upcoming", "true ou false"),
    ("/api/v2/pages/?type=blog.InitiativePage&significant=1", "significant", "true ou false"),
    ("/api/v2/pages/?type=blog.InitiativePage&follow_up_stage=finie", "follow_up_stage", "reperee"),
    ("/api/v2/pages/?department=31", "department", "type="),
    ("/api/v2/pages/?limit=101", "limit", "entre 0 et 100"),
    ("/api/v2/pages/?limit=-1", "limit", "nombre entier"),
    ("/api/v2/pages/?offset=abc", "offset", "nombre entier"),
    ("/api/v2/pages/?type=blog.Nothing", "type", "type de page inconnu"),
    ("/api/v2/pages/?type=home.Department", "type", "type de page inconnu"),
    ("/api/v2/pages/?fields=title(", "fields", "syntaxe"),
    ("/api/v2/pages/?type=centres.CentrePage&fields=nothing", "fields", "nothing"),
    ("/api/v2/pages/?order=colour", "order", "tri impossible"),
    ("/api/v2/pages/?child_of=abc", "child_of", "identifiant de page"),
    ("/api/v2/pages/?child_of=999999", "child_of", "aucune page publique"),
    ("/api/v2/pages/?search=" + "x" * 300, "search", "200 caractères"),
    ("/api/v2/pages/?search=%22%2A%28", "search", "au moins un mot"),
    ("/api/v2/pages/?search_operator=xor", "search_operator", "and, or"),
    ("/api/v2/pages/?rich_text_format=markdown", "rich_text_format", "paramètre inconnu"),
    ("/api/v2/pages/1/?type=blog.InitiativePage", "type", "paramètre inconnu"),
    ("/api/v2/pages/find/?id=abc", "id", "identifiant de page"),
    ("/api/v2/images/?collection=1", "collection", "paramètre inconnu"),
    ("/api/v2/documents/?limit=1000", "limit", "entre 0 et 100"),
    ("/api/v2/themes/?order=colour", "order", "tri impossible"),
    ("/api/v2/partners/?department=75", "department", "09, 12, 31"),
]


@pytest.mark.parametrize(("url", "parameter", "expected"), BAD_REQUESTS)
def test_a_bad_parameter_gets_a_400_in_french_naming_it(client, network, url, parameter, expected):
    response = client.get(url)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["parameter"] == parameter
    assert expected in body["message"]
    assert "no-store" in response["Cache-Control"]


NASTY_VALUES = ["", "0", "-1", "1e309", "nan", "%00", "'\"*()", "a" * 1000, "é🙂"]


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_no_parameter_value_causes_a_server_error(client, network, value):
    from api import FigoPagesEndpoint

    for model in [None, *FigoPagesEndpoint.page_types]:
        suffix = f"&type={model._meta.label}" if model else ""
        for name in FigoPagesEndpoint.page_listing_parameters(model):
            if model and name in FigoPagesEndpoint.page_listing_parameters(None):
                continue
            response = client.get(f"/api/v2/pages/?{name}={value}{suffix}")
            assert response.status_code in (200, 400), (name, value, suffix, response.content[:300])
    for endpoint in ["images", "documents", "themes", "partners", "pages/1", "pages/find"]:
        for name in ["limit", "offset", "order", "fields", "search", "id", "html_path"]:
            response = client.get(f"/api/v2/{endpoint}/?{name}={value}")
            assert response.status_code in (200, 302, 400, 404), (endpoint, name, value)


def test_the_filter_layer_is_usable_without_the_api():
    with pytest.raises(InvalidFilter) as error:
        parse_filters({"near": "43.6"}, {"near": build_near()})
    assert error.value.param == "near"
    assert "latitude,longitude" in error.value.message
    assert parse_filters({"page": "2", "department": ""}, {"department": build_department()}, own={"page"}) == {}


def build_near():
    from home.filtering import LatLon

    return LatLon()


def build_department():
    from home.filtering import DepartmentCode

    return DepartmentCode()
