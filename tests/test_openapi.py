"""The OpenAPI contract: a valid OpenAPI 3.1 document that describes what the API really answers."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests import api_builders as build


@pytest.fixture
def document(client, db):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def content(home_page):
    tree = build.tree(home_page)
    media = build.Media()
    centre = build.centres(tree["department"], media, 1)[0]
    build.initiatives(tree["blog"], centre, media, 1)
    build.trainings(tree["trainings"], centre, media, 1)
    build.workshops(tree["workshops"], centre, media, 1)
    build.dossiers(tree["resources"], centre, media, 1)
    build.standard_pages(tree["home"], media, centre, 1)
    build.feature(tree["home"], [centre])
    partner = build.PartnerFactory(logo=media.images[0])
    partner.themes.set([build.theme("logement")])
    return tree


def test_the_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert "200" in document["paths"]["/api/v2/pages/"]["get"]["responses"]


def test_every_filter_is_documented_with_the_types_accepting_it(document):
    from api import FigoPagesEndpoint

    parameters = {item["name"]: item for item in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    for page_type in FigoPagesEndpoint.page_types.values():
        for name in page_type.filters:
            assert name in parameters, name
            assert page_type.model._meta.label in parameters[name]["description"], name
    assert parameters["department"]["schema"]["pattern"].startswith("^(09|12")
    assert parameters["radius_km"]["schema"]["maximum"] == 500
    assert "near" in parameters["radius_km"]["description"]
    assert parameters["limit"]["schema"]["maximum"] == 100


def api_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").replace("\\", "")
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v2/"):
            yield "/" + route.replace("<int:pk>", "{id}").rstrip("$")


UNDOCUMENTED = {
    "/api/v2/openapi.json",  # the document itself
    "/api/v2/docs/",  # its HTML rendering
    "/api/v2/page_preview/",  # for the federation's own preview front-end, with a signed token
    "/api/v2/centres/data-inclusion.schema.json",  # a JSON Schema, self-describing
    "/api/v2/feeds/sessions/{id}.ics",  # one-event calendars linked from the site's pages
    "/api/v2/feeds/workshops/{id}.ics",
}


def test_every_public_api_route_is_in_the_document(document):
    documented = set(document["paths"])
    routes = {route for route in api_routes() if not route.startswith("/api/v2/widget/")}
    assert routes - documented - UNDOCUMENTED == set()


def test_every_page_field_has_a_type(document):
    schemas = document["components"]["schemas"]
    for name in ["CentrePage", "InitiativePage", "TrainingPage", "WorkshopPage", "DossierPage", "HomePage"]:
        for field, schema in schemas[name]["properties"].items():
            assert schema, f"{name}.{field} has no schema"


def response_schema(document, path, status="200"):
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": document["components"]}


def assert_conforms(document, path, data):
    errors = sorted(Draft202012Validator(response_schema(document, path)).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(error.absolute_path)}: {error.message[:300]}" for error in errors[:5])


LISTINGS = [
    "/api/v2/pages/",
    "/api/v2/pages/?fields=*",
    "/api/v2/pages/?type=centres.CentrePage&fields=*&near=43.6,1.44",
    "/api/v2/pages/?type=blog.InitiativePage&fields=*",
    "/api/v2/pages/?type=resources.TrainingPage&fields=*",
    "/api/v2/pages/?type=resources.WorkshopPage&fields=*",
    "/api/v2/pages/?type=resources.DossierPage&fields=*",
    "/api/v2/pages/?type=centres.DepartmentPage&fields=*",
    "/api/v2/pages/?type=home.HomePage&fields=*",
    "/api/v2/pages/?type=home.StandardPage&fields=*",
    "/api/v2/images/?fields=*",
    "/api/v2/documents/?fields=*",
    "/api/v2/departments/",
    "/api/v2/themes/",
    "/api/v2/audiences/",
    "/api/v2/partners/",
]


def test_real_listings_conform_to_the_document(client, content, document):
    for url in LISTINGS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json()["items"], url
        assert_conforms(document, url.split("?")[0], response.json())


def test_real_details_and_errors_conform_to_the_document(client, content, document):
    for item in client.get("/api/v2/pages/?limit=100").json()["items"]:
        response = client.get(f"/api/v2/pages/{item['id']}/")
        assert_conforms(document, "/api/v2/pages/{id}/", response.json())
    error = client.get("/api/v2/pages/?department=99x")
    schema = {
        **document["paths"]["/api/v2/pages/"]["get"]["responses"]["400"]["content"]["application/json"]["schema"],
        "components": document["components"],
    }
    Draft202012Validator(schema).validate(error.json())


def test_the_document_rejects_what_the_api_would_not_send(content, document):
    """The schemas are strict enough to catch a wrong field: they are not empty shells."""
    wrong = {"meta": {"total_count": 1}, "items": [{"id": "douze", "meta": {}}]}
    assert list(Draft202012Validator(response_schema(document, "/api/v2/pages/")).iter_errors(wrong))
