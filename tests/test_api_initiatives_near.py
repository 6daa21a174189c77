"""A partner lists the initiatives near a town: those with an organising centre within the radius."""

import pytest

pytestmark = pytest.mark.django_db

TOULOUSE = "43.6045,1.4440"
MONTAUBAN = "44.0176,1.3550"


def titles(client, query):
    response = client.get(f"/api/v2/pages/?type=blog.InitiativePage&{query}")
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_near_keeps_the_initiatives_of_centres_within_the_radius(client, initiative_page):
    assert initiative_page.title in titles(client, f"near={TOULOUSE}&radius_km=15")
    assert titles(client, f"near={MONTAUBAN}&radius_km=15") == []


def test_near_combines_with_the_theme_and_takes_a_default_radius(client, initiative_page):
    assert titles(client, f"near={TOULOUSE}&theme=ecologie") == [initiative_page.title]
    assert titles(client, f"near={TOULOUSE}&theme=sante") == []


def test_the_same_filter_applies_to_the_rss_feed(client, initiative_page):
    near_toulouse = client.get(f"/api/v2/feeds/initiatives.rss?near={TOULOUSE}&radius_km=15")
    near_montauban = client.get(f"/api/v2/feeds/initiatives.rss?near={MONTAUBAN}&radius_km=15")
    assert initiative_page.title in near_toulouse.content.decode()
    assert initiative_page.title not in near_montauban.content.decode()


@pytest.mark.parametrize("query", ["near=abc", "near=95,1", "radius_km=5", f"near={TOULOUSE}&radius_km=-2"])
def test_a_malformed_near_query_is_a_400_naming_the_parameter(client, query):
    response = client.get(f"/api/v2/pages/?type=blog.InitiativePage&{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] in {"near", "radius_km"}
