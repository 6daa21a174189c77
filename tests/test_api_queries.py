"""The partner API's list endpoints run the same number of queries for 5 items as for 50.

Each page type is listed with `fields=*`, every field it exposes filled in (images, rich text with
internal links, StreamField bodies with images and documents, related pages, sessions, tags…).
A first request warms what is created once (image renditions); the server-side cache is off so
that every request really runs. Each listing is measured twice: serialising every page, and building
the API index's entries (made out of date before each request), which listings of one type use.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import api_index
from tests import api_builders as build
from tests.conftest import (
    BlogIndexPageFactory,
    DirectoryPageFactory,
    PartnerFactory,
    ResourceIndexPageFactory,
    TrainingIndexPageFactory,
    WorkshopIndexPageFactory,
)

SMALL, LARGE = 5, 50


@pytest.fixture(params=["serialised", "index-built"])
def site(request, home_page, settings):
    settings.API_CACHE_ENABLED = False
    settings.API_INDEX_ENABLED = request.param == "index-built"
    tree = build.tree(home_page)
    media = build.Media()
    organiser = build.centres(tree["department"], media, 1)[0]
    return tree, media, organiser


def _featured_homes(tree, media, organiser, count):
    """More home pages than a real site has: the tree rules do not matter to a query count."""
    from home.models import HomePage

    pages = []
    for index in range(count):
        page = HomePage(title=f"Accueil {index}", slug=f"accueil-{index}", introduction="<p>Bienvenue.</p>")
        tree["home"].add_child(instance=page)
        build.feature(page, [organiser, tree["blog"]])
        pages.append(page)
    return pages


BUILDERS = {
    "home.HomePage": _featured_homes,
    "home.StandardPage": lambda tree, media, organiser, count: build.standard_pages(
        tree["home"], media, organiser, count
    ),
    "centres.DirectoryPage": lambda tree, media, organiser, count: [
        DirectoryPageFactory(parent=tree["home"], title=f"Annuaire {index}") for index in range(count)
    ],
    "centres.DepartmentPage": lambda tree, media, organiser, count: build.department_pages(
        tree["directory"], media, count
    ),
    "centres.CentrePage": lambda tree, media, organiser, count: build.centres(tree["department"], media, count),
    "blog.BlogIndexPage": lambda tree, media, organiser, count: [
        BlogIndexPageFactory(parent=tree["home"], title=f"Blog {index}") for index in range(count)
    ],
    "blog.InitiativePage": lambda tree, media, organiser, count: build.initiatives(
        tree["blog"], organiser, media, count
    ),
    "resources.ResourceIndexPage": lambda tree, media, organiser, count: [
        ResourceIndexPageFactory(parent=tree["home"], title=f"Ressources {index}") for index in range(count)
    ],
    "resources.DossierPage": lambda tree, media, organiser, count: build.dossiers(
        tree["resources"], organiser, media, count
    ),
    "resources.TrainingIndexPage": lambda tree, media, organiser, count: [
        TrainingIndexPageFactory(parent=tree["resources"], title=f"Formations {index}") for index in range(count)
    ],
    "resources.TrainingPage": lambda tree, media, organiser, count: build.trainings(
        tree["trainings"], organiser, media, count
    ),
    "resources.WorkshopIndexPage": lambda tree, media, organiser, count: [
        WorkshopIndexPageFactory(parent=tree["resources"], title=f"Ateliers {index}") for index in range(count)
    ],
    "resources.WorkshopPage": lambda tree, media, organiser, count: build.workshops(
        tree["workshops"], organiser, media, count
    ),
}


def count_queries(client, url):
    api_index.invalidate_all_items()  # with the index on, every item is built again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [query["sql"] for query in queries.captured_queries]


def assert_same_queries(client, url, expected_large):
    client.get(f"{url}&limit={LARGE}")  # warm-up: renditions are created once, on first use
    small, small_queries = count_queries(client, f"{url}&limit={SMALL}")
    large, large_queries = count_queries(client, f"{url}&limit={LARGE}")
    assert len(small["items"]) == SMALL
    assert len(large["items"]) == expected_large
    assert len(large_queries) == len(small_queries), "\n".join(large_queries)


def test_every_page_type_is_covered():
    from home.openapi import _page_models

    assert {model._meta.label for model in _page_models()} == set(BUILDERS)


@pytest.mark.parametrize("page_type", sorted(BUILDERS))
def test_page_listing_with_every_field_runs_as_many_queries_for_50_items_as_for_5(client, site, page_type):
    tree, media, organiser = site
    BUILDERS[page_type](tree, media, organiser, LARGE)
    assert_same_queries(client, f"/api/v2/pages/?type={page_type}&fields=*", LARGE)


def test_listing_of_every_type_at_once_does_not_grow(client, site):
    tree, media, organiser = site
    build.initiatives(tree["blog"], organiser, media, LARGE)
    assert_same_queries(client, "/api/v2/pages/?fields=*&type=blog.InitiativePage,centres.CentrePage", LARGE)
    assert_same_queries(client, "/api/v2/pages/?fields=*&descendant_of=root", LARGE)


@pytest.mark.parametrize("endpoint", ["images", "documents", "partners"])
def test_media_and_partner_listings_do_not_grow(client, site, endpoint):
    tree, media, organiser = site
    for _ in range(LARGE):
        if endpoint == "images":
            build.ImageFactory()
        elif endpoint == "documents":
            build.DocumentFactory()
        else:
            partner = PartnerFactory(logo=media.image())
            partner.themes.set([build.theme("logement")])
    assert_same_queries(client, f"/api/v2/{endpoint}/?fields=*", LARGE)
