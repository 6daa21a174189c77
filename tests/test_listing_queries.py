"""Every listing page of the public site runs the same number of queries for 5 items as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import InitiativeOrganiser
from resources.models import DossierRelatedPage, TrainingSession

from . import api_builders as build

SMALL, LARGE = 5, 50


def queries(client, url):
    """Queries of one GET of `url`, after a first GET that creates image renditions and fills caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def site(home_page):
    tree = build.tree(home_page)
    media = build.Media()
    centre = build.centres(tree["department"], media, 1)[0]
    return {**tree, "media": media, "centre": centre}


def add_centres(site, count):
    build.centres(site["department"], site["media"], count)


def add_initiatives(site, count):
    build.initiatives(site["blog"], site["centre"], site["media"], count)


def add_trainings(site, count):
    build.trainings(site["trainings"], site["centre"], site["media"], count)


def add_workshops(site, count):
    build.workshops(site["workshops"], site["centre"], site["media"], count)
    past = build.workshops(site["workshops"], site["centre"], site["media"], count)
    for workshop in past:
        workshop.start = build.in_days(-30, hour=14)
        workshop.end = build.in_days(-30, hour=17)
        workshop.save()


def add_dossiers(site, count):
    build.dossiers(site["resources"], site["centre"], site["media"], count)


def add_related_to_dossier(site, count):
    dossier = site.get("dossier") or build.dossiers(site["resources"], site["centre"], site["media"], 1)[0]
    site["dossier"] = dossier
    for initiative in build.initiatives(site["blog"], site["centre"], site["media"], count):
        DossierRelatedPage.objects.create(page=dossier, related_page=initiative)


def add_everything(site, count):
    add_initiatives(site, count)
    add_trainings(site, count)
    add_workshops(site, count)


LISTINGS = {
    "home": (lambda site: site["home"].url, add_everything),
    "directory": (lambda site: site["directory"].url, add_centres),
    "directory near a commune with filters": (
        lambda site: f"{site['directory'].url}?place=Toulouse&theme=logement&audience=habitants&structure_type=cs",
        add_centres,
    ),
    "département": (
        lambda site: site["department"].url,
        lambda site, n: (add_centres(site, n), add_everything(site, n)),
    ),
    "centre": (lambda site: site["centre"].url, add_everything),
    "blog": (lambda site: site["blog"].url, add_initiatives),
    "blog with filters": (lambda site: f"{site['blog'].url}?theme=logement&department=31&tag=jardin", add_initiatives),
    "initiative's related initiatives": (lambda site: site["blog"].get_children().first().url, add_initiatives),
    "trainings": (lambda site: site["trainings"].url, add_trainings),
    "trainings with filters": (
        lambda site: f"{site['trainings'].url}?audience=elus-locaux&department=31&theme=acces-aux-droits",
        add_trainings,
    ),
    "workshops": (lambda site: site["workshops"].url, add_workshops),
    "resource centre": (lambda site: site["resources"].url, add_dossiers),
    "dossier's related pages": (lambda site: site["dossier"].url, add_related_to_dossier),
    "search": (lambda site: f"{reverse('search')}?q=logement", add_dossiers),
    "search, one type": (lambda site: f"{reverse('search')}?q=logement&type=dossiers", add_dossiers),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_runs_the_same_number_of_queries_for_5_items_as_for_50(client, site, listing):
    url_of, add = LISTINGS[listing]
    add(site, SMALL)
    url = url_of(site)
    small = queries(client, url)

    add(site, LARGE - SMALL)
    large = queries(client, url)

    assert small == large, f"{listing}: {small} queries for {SMALL} items, {large} for {LARGE}"


def test_the_listings_really_grew(site):
    add_everything(site, 2)

    assert InitiativeOrganiser.objects.filter(centre=site["centre"]).count() == 2
    assert TrainingSession.objects.filter(place_centre=site["centre"]).count() == 2
