"""The API index (home.api_index): listings read their items and totals from it, and it follows every change.

The server-side response cache is off here, so that each request really reads the index. Each way content
can change is tried: what the API shows afterwards must be what serialising the pages afresh shows.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from api import FigoPagesEndpoint
from home import api_index
from home.models import ApiIndexEntry, Theme
from resources.models import DossierDocument
from tests import api_builders as build
from tests.conftest import CentrePageFactory, InitiativePageFactory

LISTINGS = [
    "/api/v2/pages/?type=blog.InitiativePage&fields=*",
    "/api/v2/pages/?type=blog.InitiativePage",
    "/api/v2/pages/?type=centres.CentrePage&fields=*",
    "/api/v2/pages/?type=centres.CentrePage&near=43.6,1.44&radius_km=50&fields=*",
    "/api/v2/pages/?type=centres.CentrePage&near=43.6,1.44&radius_km=50",
    "/api/v2/pages/?type=resources.TrainingPage&fields=*&upcoming=true",
    "/api/v2/pages/?type=resources.WorkshopPage&fields=*",
    "/api/v2/pages/?type=resources.DossierPage&fields=*&offset=1&limit=1",
    "/api/v2/pages/?type=blog.InitiativePage&search=jardin&fields=*",
    "/api/v2/pages/?type=blog.InitiativePage&theme=logement&order=-date",
    "/api/v2/centres.geojson",
    "/api/v2/centres.geojson?near=43.6,1.44&radius_km=50",
]


@pytest.fixture
def site(home_page, settings):
    settings.API_CACHE_ENABLED = False
    tree = build.tree(home_page)
    media = build.Media()
    organiser = build.centres(tree["department"], media, 2)[0]
    build.initiatives(tree["blog"], organiser, media, 3)
    build.trainings(tree["trainings"], organiser, media, 2)
    build.workshops(tree["workshops"], organiser, media, 1)
    build.dossiers(tree["resources"], organiser, media, 2)
    return {**tree, "media": media, "organiser": organiser}


def content(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.content


def serialised_afresh(client, settings, url):
    """The answer without the index: every page serialised for this request."""
    settings.API_INDEX_ENABLED = False
    try:
        return content(client, url)
    finally:
        settings.API_INDEX_ENABLED = True


def assert_as_fresh(client, settings, url):
    indexed = content(client, url)
    assert indexed == serialised_afresh(client, settings, url), url
    return json.loads(indexed)


def items(client, url):
    return content_json(client, url)["items"]


def content_json(client, url):
    return json.loads(content(client, url))


def current_entries():
    return ApiIndexEntry.objects.filter(page__isnull=False, built_stamp=F("stamp"))


@pytest.mark.parametrize("url", LISTINGS)
def test_indexed_listings_are_byte_for_byte_what_serialising_gives(client, settings, site, url):
    first = content(client, url)  # builds the index's entries
    assert first == content(client, url) == serialised_afresh(client, settings, url)


def test_a_listing_read_from_the_index_runs_two_queries_whatever_its_length(client, settings, site):
    """Its page ids, then their items and total. (With the response cache on, as deployed, the site and
    the restricted branches are read once per content version; each `limit` is a response computed.)"""
    settings.API_CACHE_ENABLED, settings.API_CACHE_CHECK_DATABASE = True, False
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    content(client, url)
    for limit in (1, 3):
        with CaptureQueriesContext(connection) as queries:
            content(client, f"{url}&limit={limit}")
        assert len(queries) <= 2, [query["sql"] for query in queries.captured_queries]


def test_republishing_a_page_rebuilds_its_items_only(client, settings, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    pages = content_json(client, url)["items"]
    page = InitiativePageFactory._meta.model.objects.get(pk=pages[0]["id"])
    others = set(current_entries().exclude(page=page).values_list("key", "built_stamp"))
    page.title = "Un potager partagé"
    page.save_revision().publish()
    assert assert_as_fresh(client, settings, url)["items"][0]["title"] == "Un potager partagé"
    assert others <= set(current_entries().values_list("key", "built_stamp")), "the other items stay current"


def test_saving_a_draft_changes_nothing_in_the_index(client, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    before = content(client, url)
    entries = set(current_entries().values_list("key", "stamp"))
    page = InitiativePageFactory._meta.model.objects.get(pk=json.loads(before)["items"][0]["id"])
    page.title = "Brouillon pas encore publié"
    page.save_revision()
    assert set(current_entries().values_list("key", "stamp")) == entries
    assert content(client, url) == before


def test_a_centre_renamed_or_unpublished_changes_the_initiatives_it_organises(client, settings, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    assert items(client, url)[0]["organisers"][0]["title"] == site["organiser"].title
    organiser = site["organiser"]
    organiser.title = "Centre social des Izards"
    organiser.save_revision().publish()
    assert assert_as_fresh(client, settings, url)["items"][0]["organisers"][0]["title"] == "Centre social des Izards"
    organiser.unpublish()
    assert assert_as_fresh(client, settings, url)["items"][0]["organisers"] == []


def test_a_centre_moved_or_renamed_changes_the_links_that_point_to_it(client, settings, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    content(client, url)
    organiser = site["organiser"]
    organiser.slug = "izards"
    organiser.save_revision().publish()
    body = assert_as_fresh(client, settings, url)["items"][0]
    assert "/izards/" in body["description"] and "/izards/" in body["organisers"][0]["html_url"]
    other = build.DepartmentPageFactory(parent=site["directory"], department=build.department("32"))
    organiser.refresh_from_db()
    organiser.move(other, pos="last-child")
    body = assert_as_fresh(client, settings, url)["items"][0]
    assert other.slug in body["organisers"][0]["html_url"]


def test_a_section_renamed_changes_the_urls_of_its_pages(client, settings, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    content(client, url)
    blog = site["blog"]
    blog.slug = "nos-initiatives"
    blog.save_revision().publish()
    listed = assert_as_fresh(client, settings, url)["items"]
    assert all("/nos-initiatives/" in item["meta"]["html_url"] for item in listed)


def test_images_documents_and_vocabularies_edited_are_seen(client, settings, site):
    initiatives = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    dossiers = "/api/v2/pages/?type=resources.DossierPage&fields=*"
    content(client, initiatives), content(client, dossiers)
    image = site["media"].images[0]
    image.description = "Des habitants récoltent les tomates"
    image.save()
    document = DossierDocument.objects.first().document
    document.title = "Guide du logement (2026)"
    document.save()
    theme = Theme.objects.get(slug="logement")
    theme.name = "Logement et habitat"
    theme.save()
    listed = assert_as_fresh(client, settings, initiatives)["items"]
    assert "Des habitants récoltent les tomates" in json.dumps(listed, ensure_ascii=False)
    assert listed[0]["themes"] == [{"slug": "logement", "name": "Logement et habitat"}]
    assert "Guide du logement (2026)" in json.dumps(assert_as_fresh(client, settings, dossiers), ensure_ascii=False)


def test_privacy_changes_hide_pages_and_media_at_once(client, settings, site):
    initiatives = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    centres = "/api/v2/pages/?type=centres.CentrePage"
    assert content_json(client, centres)["meta"]["total_count"] == 2
    content(client, initiatives)
    restriction = build.restrict(site["organiser"])
    assert content_json(client, centres)["meta"]["total_count"] == 1
    assert assert_as_fresh(client, settings, initiatives)["items"][0]["organisers"] == []
    restriction.delete()
    assert content_json(client, centres)["meta"]["total_count"] == 2
    image = site["media"].images[0]
    image.collection = build.private_collection()
    image.save()
    assert str(image.pk) not in [str(item["image"] and item["image"]["id"]) for item in items(client, initiatives)]
    assert_as_fresh(client, settings, initiatives)


def test_totals_follow_publication_unpublication_and_deletion(client, site):
    url = "/api/v2/pages/?type=blog.InitiativePage"
    assert content_json(client, url)["meta"]["total_count"] == 3
    page = InitiativePageFactory(parent=site["blog"], title="Nouvelle", live=False)
    assert content_json(client, url)["meta"]["total_count"] == 3, "a draft is not counted"
    page.save_revision().publish()
    assert content_json(client, url)["meta"]["total_count"] == 4
    page.refresh_from_db()
    page.unpublish()
    assert content_json(client, url)["meta"]["total_count"] == 3
    Page.objects.get(pk=page.pk).delete()
    centre = CentrePageFactory(parent=site["department"])
    assert content_json(client, "/api/v2/pages/?type=centres.CentrePage")["meta"]["total_count"] == 3
    centre.delete()
    assert content_json(client, "/api/v2/pages/?type=centres.CentrePage")["meta"]["total_count"] == 2


def test_new_tags_themes_and_images_leave_the_index_current(client, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    content(client, url)
    entries = set(current_entries().values_list("key", "stamp"))
    Theme.objects.create(name="Habitat léger", slug="habitat-leger")
    build.ImageFactory()
    page = InitiativePageFactory._meta.model.objects.get(pk=json.loads(content(client, url))["items"][0]["id"])
    page.tags.add("tout-nouveau-mot-cle")
    page.save_revision()  # a draft with a new tag: the tag exists, no live page shows it
    assert set(current_entries().values_list("key", "stamp")) == entries


def test_a_publication_makes_only_the_totals_of_its_type_out_of_date(client, site):
    centres, initiatives = "/api/v2/pages/?type=centres.CentrePage", "/api/v2/pages/?type=blog.InitiativePage"
    content(client, centres), content(client, initiatives)
    scope = Site.objects.get().pk
    keys = [api_index.total_key(scope, "centres.CentrePage"), api_index.total_key(scope, "blog.InitiativePage")]
    InitiativePageFactory(parent=site["blog"], title="Encore une initiative")
    assert list(api_index.read(keys)) == [keys[0]], "the centres' total stays current"
    assert content_json(client, initiatives)["meta"]["total_count"] == 4


def test_a_deleted_centre_leaves_the_initiatives_and_the_map(client, settings, site):
    centre = CentrePageFactory(parent=site["department"], title="Centre éphémère")
    content(client, "/api/v2/centres.geojson")
    centre.delete()
    features = json.loads(content(client, "/api/v2/centres.geojson"))["features"]
    assert "Centre éphémère" not in [feature["properties"]["name"] for feature in features]
    assert_as_fresh(client, settings, "/api/v2/centres.geojson")


def test_an_item_built_from_content_replaced_meanwhile_is_not_kept(site):
    """A reader builds an item while a publication invalidates it: what it built must not become current."""
    page, scope = site["organiser"], Site.objects.get().pk
    key = api_index.item_key(scope, "*", page.pk)

    def build_during_a_publication(ids):
        built = dict.fromkeys(ids, '{"stale":true}')
        api_index.invalidate_pages({type(page): ids})  # the publication, between reading and storing
        return built

    returned = api_index.build_items(scope, "*", [page.pk], build_during_a_publication)
    assert returned == {page.pk: b'{"stale":true}'}, "this request still answers with what it read"
    assert api_index.read([key]) == {}, "but the index does not keep it"

    api_index.build_items(scope, "*", [page.pk], lambda ids: dict.fromkeys(ids, '{"fresh":true}'))
    assert api_index.read([key]) == {key: b'{"fresh":true}'}


def test_a_new_api_base_url_makes_every_item_out_of_date(client, settings, site):
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    content(client, url)
    settings.WAGTAILAPI_BASE_URL = "https://api.figo.example"
    listed = assert_as_fresh(client, settings, url)["items"]
    assert listed[0]["meta"]["detail_url"].startswith("https://api.figo.example/")


def test_build_api_index_fills_every_listing_and_the_map(client, site):
    call_command("build_api_index", stdout=io.StringIO())
    indexed = FigoPagesEndpoint.page_types
    pages = [page for page in Page.objects.live().specific() if type(page) in indexed]
    assert {type(page) for page in pages} >= {CentrePageFactory._meta.model, InitiativePageFactory._meta.model}
    for page in pages:
        assert api_index.read([api_index.item_key(Site.objects.get().pk, "*", page.pk)]), page
    assert ApiIndexEntry.objects.filter(key__contains=":geojson:", built_stamp=F("stamp")).count() == 2
    with CaptureQueriesContext(connection) as queries:
        content(client, "/api/v2/pages/?type=resources.TrainingPage&fields=*")
    read_tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "resources_trainingpage" not in read_tables and "resources_trainingsession" not in read_tables


def test_entries_of_deleted_pages_are_never_read_and_the_command_removes_them(client, site):
    centre = CentrePageFactory(parent=site["department"], title="Centre fermé")
    content(client, "/api/v2/centres.geojson")
    centre_id = centre.pk
    Page.objects.get(pk=centre_id).delete()  # Wagtail unpublishes it first: that invalidation may outlive it
    assert not api_index.read([api_index.item_key(Site.objects.get().pk, "geojson", centre_id)])
    call_command("build_api_index", stdout=io.StringIO())
    assert not ApiIndexEntry.objects.filter(page_id=centre_id).exists()


def test_build_api_index_says_when_there_is_no_site(db):
    Site.objects.all().delete()
    with pytest.raises(CommandError, match="Aucun site"):
        call_command("build_api_index")


def test_a_listing_without_any_site_is_empty_not_an_error(client, settings, db):
    settings.API_CACHE_ENABLED = False
    Site.objects.all().delete()
    url = "/api/v2/pages/?type=blog.InitiativePage&fields=*"
    assert content_json(client, url) == {"meta": {"total_count": 0}, "items": []}
    assert content(client, url) == serialised_afresh(client, settings, url)


def test_the_whole_map_reads_its_features_in_one_scan_and_never_a_stale_one(client, settings, site):
    """The unfiltered GeoJSON reads the ids of the centres, then every current Feature of the site at once."""
    url = "/api/v2/centres.geojson"
    content(client, url)
    with CaptureQueriesContext(connection) as queries:
        content(client, url)
    index_reads = [query["sql"] for query in queries.captured_queries if "home_apiindexentry" in query["sql"]]
    assert len(index_reads) == 1 and "LIKE" in index_reads[0], index_reads
    organiser = site["organiser"]
    organiser.title = "Centre social des Izards"
    organiser.save_revision().publish()
    features = assert_as_fresh(client, settings, url)["features"]
    assert "Centre social des Izards" in [feature["properties"]["name"] for feature in features]
    filtered = f"{url}?department=31"
    assert_as_fresh(client, settings, filtered)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=blog.InitiativePage&search=jardin&fields=*",
        "/api/v2/pages/?type=blog.InitiativePage&theme=logement",
        "/api/v2/pages/?type=centres.CentrePage&near=43.6,1.44&radius_km=50",
    ],
)
def test_a_filtered_listing_counts_its_matches_along_with_its_slice(client, settings, site, url):
    """One query gives the slice and the total; past the end, the total is still right."""
    total = content_json(client, url)["meta"]["total_count"]
    assert total > 0
    with CaptureQueriesContext(connection) as queries:
        content(client, f"{url}&limit=1")
    assert not any("COUNT(*) AS" in query["sql"] or '"__count"' in query["sql"] for query in queries.captured_queries)
    past_the_end = f"{url}&offset=50"
    assert content_json(client, past_the_end) == {"meta": {"total_count": total}, "items": []}
    assert_as_fresh(client, settings, past_the_end)
    assert_as_fresh(client, settings, f"{url}&limit=1&offset={total - 1}")
