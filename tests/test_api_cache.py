"""Caching of the partner API: Cache-Control, ETag and 304, the server-side cache, and its invalidation.

A partner never sees stale content after a new request: every way content changes is tried, with
the content version kept in the cache alone (as with Redis) and with the database check used with a
per-process local-memory cache.
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend

from home import api_cache
from home.models import Theme
from tests import api_builders as build
from tests.conftest import CentrePageFactory, InitiativePageFactory

PURGED = []


class RecordingBackend(BaseBackend):
    """A CDN that records what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(
    params=["database", "cache", "shared", "redis"],
    ids=["version-checked-in-database", "version-in-cache-only", "shared-cache-with-local-copies", "redis"],
)
def site(request, home_page, settings, monkeypatch):
    """The ways a deployment keeps the content version: local memory checked against the database, a cache
    alone, a shared cache of which each process keeps local copies of the entries, and a real Redis, where
    each process also keeps the version until Redis announces a change."""
    settings.API_CACHE_CHECK_DATABASE = request.param == "database"
    if request.param == "shared":
        monkeypatch.setattr(api_cache, "shared_cache", lambda: True)
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    api_cache.LOCAL_ENTRIES.clear()
    yield build.tree(home_page)
    api_cache.LOCAL_ENTRIES.clear()


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 304), response.content
    return response


def titles(client, url):
    return [item["title"] for item in get(client, url).json()["items"]]


def test_responses_carry_cache_control_and_an_etag_and_answer_304(client, site):
    url = "/api/v2/pages/?type=centres.DepartmentPage"
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "stale-while-revalidate=300" in cache_control
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    second = get(client, url)
    assert second["X-Cache"] == "HIT" and second.content == first.content and second["ETag"] == etag
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and "max-age=60" in not_modified["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"autre", ' + etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_a_cached_response_has_the_headers_of_the_computed_one(client, site):
    """Hits are served before the site's middleware: they must not lose what the others add."""
    url = "/api/v2/pages/?type=centres.DepartmentPage&fields=*"
    origin = {"HTTP_ORIGIN": "https://partenaire.example"}
    computed, hit = get(client, url, **origin), get(client, url, **origin)
    assert (computed["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    ignored = {"X-Cache"}
    assert {k: v for k, v in computed.items() if k not in ignored} == {k: v for k, v in hit.items() if k not in ignored}
    assert hit["Content-Length"] == str(len(hit.content))
    assert hit["Content-Language"] == "fr" and hit["X-Frame-Options"] == "DENY"
    assert hit["Access-Control-Allow-Origin"] == "*" and hit["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" not in hit.get("Vary", "") and not hit.cookies


def test_local_copies_of_entries_are_bounded_and_tied_to_a_version():
    entries = api_cache.LocalEntries(max_bytes=3100)  # room for two entries of 1,000 bytes
    entries.put("a", {"version": "1", "content": b"x" * 1000})
    entries.put("b", {"version": "1", "content": b"y" * 1000})
    assert entries.get("a", "1")["content"] == b"x" * 1000
    assert entries.get("a", "2") is None, "another content version: the copy is dropped"
    assert entries.get("a", "1") is None
    entries.put("c", {"version": "1", "content": b"z" * 1000})
    assert entries.get("b", "1") is not None
    entries.put("d", {"version": "1", "content": b"w" * 1000})
    assert entries.get("c", "1") is None, "the least recently used entry made room"
    assert entries.get("b", "1") and entries.get("d", "1") and entries.size <= 3100
    entries.put("huge", {"version": "1", "content": b"h" * 5000})
    assert entries.get("huge", "1") is None and entries.get("b", "1")


def test_a_cached_response_costs_at_most_one_small_query(client, site):
    url = "/api/v2/pages/?type=centres.DepartmentPage&fields=*"
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, url)["X-Cache"] == "HIT"
    assert len(queries) <= 1


def test_with_redis_a_hit_reads_neither_the_version_nor_the_body_there(client, home_page, redis_cache, settings):
    settings.API_CACHE_CHECK_DATABASE = False
    build.tree(home_page)
    api_cache.LOCAL_ENTRIES.clear()
    server = redis_cache.client.get_client()
    url = "/api/v2/pages/?type=centres.DepartmentPage&fields=*"
    assert [get(client, url)["X-Cache"] for _ in range(3)] == ["MISS", "HIT", "HIT"]  # now tracked and copied

    server.config_resetstat()
    assert [get(client, url)["X-Cache"] for _ in range(5)] == ["HIT"] * 5
    assert "cmdstat_get" not in server.info("commandstats")

    Theme.objects.create(name="Thème du test", slug="theme-du-test")  # a change: the version is replaced in Redis
    assert get(client, url)["X-Cache"] == "MISS"
    assert server.info("commandstats")["cmdstat_get"]["calls"] >= 1
    assert get(client, url)["X-Cache"] == "HIT"

    # Another process (a worker, the admin, a cron command) replaces the version: Redis tells this one.
    redis_cache.set(api_cache.VERSION_KEY, "version-d-un-autre-processus", timeout=None)
    assert get(client, url)["X-Cache"] == "MISS"


def test_publishing_editing_unpublishing_moving_and_deleting_are_seen_at_once(client, site):
    listing = "/api/v2/pages/?type=blog.InitiativePage"
    assert titles(client, listing) == []
    etag = get(client, listing)["ETag"]

    page = InitiativePageFactory(parent=site["blog"], title="Fête des voisins", live=False)
    page.save_revision().publish()
    assert titles(client, listing) == ["Fête des voisins"], "publishing"
    assert client.get(listing, HTTP_IF_NONE_MATCH=etag).status_code == 200, "the old ETag no longer matches"
    detail = f"/api/v2/pages/{page.pk}/"
    assert get(client, detail).json()["title"] == "Fête des voisins"

    page.title = "Fête des voisins 2026"
    page.save_revision().publish()
    assert titles(client, listing) == ["Fête des voisins 2026"], "republishing"
    assert get(client, detail).json()["title"] == "Fête des voisins 2026"

    other_blog = build.BlogIndexPageFactory(parent=site["home"], title="Autre blog")
    assert get(client, f"/api/v2/pages/?child_of={site['blog'].pk}").json()["meta"]["total_count"] == 1
    page.move(other_blog, pos="last-child")
    assert get(client, f"/api/v2/pages/?child_of={site['blog'].pk}").json()["meta"]["total_count"] == 0, "moving"
    assert get(client, detail).json()["meta"]["parent"]["id"] == other_blog.pk

    page.refresh_from_db()
    page.unpublish()
    assert titles(client, listing) == [], "unpublishing"
    assert client.get(detail).status_code == 404

    page.save_revision().publish()
    assert titles(client, listing) == ["Fête des voisins 2026"]
    page.delete()
    assert titles(client, listing) == [], "deleting"


def test_changes_to_vocabularies_images_and_privacy_are_seen_at_once(client, site):
    centre = CentrePageFactory(parent=site["department"])
    themes = "/api/v2/themes/?limit=100"
    assert "Habitat léger" not in titles_of(client, themes)
    Theme.objects.create(name="Habitat léger", slug="habitat-leger")
    assert "Habitat léger" in titles_of(client, themes)

    centres = "/api/v2/pages/?type=centres.CentrePage"
    assert [item["id"] for item in get(client, centres).json()["items"]] == [centre.pk]
    build.restrict(centre)
    assert get(client, centres).json()["items"] == [], "a new view restriction hides the page at once"


def titles_of(client, url):
    return [item["name"] for item in get(client, url).json()["items"]]


def test_open_formats_are_cached_and_conditional_too(client, site):
    url = "/api/v2/centres.geojson"
    first = get(client, url)
    assert first["ETag"] and "max-age" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    CentrePageFactory(parent=site["department"])
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_the_benchmarks_bypass_header_works_only_with_the_benchmarks_settings(client, site, settings):
    url = "/api/v2/pages/?type=centres.DepartmentPage"
    bypass = {"HTTP_X_FIGO_BENCHMARK_CACHE": "all"}
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    assert get(client, url, **bypass)["X-Cache"] == "HIT", "on the site nobody can make the API compute"
    settings.API_CACHE_BYPASS_HEADER = "X-Figo-Benchmark-Cache"
    computed = get(client, url, **bypass)
    assert computed["X-Cache"] == "BYPASS" and computed.content == first.content
    assert get(client, url)["X-Cache"] == "HIT"


def test_errors_and_previews_are_never_cached(client, site):
    response = client.get("/api/v2/pages/?colour=blue")
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def commit():
    """What the commit of the test's transaction so far would run (a test runs in one transaction)."""
    hooks, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, hook, _robust in hooks:
        hook()


def test_publishing_purges_the_api_from_the_cdn_once_committed(client, site, settings):
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "tests.test_api_cache.RecordingBackend"}}
    page = InitiativePageFactory(parent=site["blog"], live=False)
    commit()
    PURGED.clear()
    page.save_revision().publish()
    assert PURGED == [], "before the commit, the CDN would fetch the content as it was"
    commit()
    assert "http://testserver/api/v2/pages/" in PURGED


def test_a_response_computed_before_the_change_is_committed_is_not_served_after(client, site):
    """Until a publication commits, other requests read the data as it was: what they cache in between is
    stale once it commits."""
    url = "/api/v2/pages/?type=blog.InitiativePage"
    page = InitiativePageFactory(parent=site["blog"], live=False, title="Jardin partagé")
    commit()
    page.save_revision().publish()
    during = api_cache.content_version()
    # What another worker computed meanwhile, from the data as it was.
    key = api_cache.response_key(RequestFactory().get(url))
    stale = {"version": during, "content": b'{"items": []}', "content_type": "application/json", "encoding": None}
    api_cache.cache.set(f"{key}:identity", {**stale, "etag": '"avant"'})
    waiting = [hook for _ids, hook, _robust in connection.run_on_commit if hook.__module__ == api_cache.__name__]
    assert len(waiting) == 1, "one replacement at commit, however many changes the transaction made"
    commit()
    assert api_cache.content_version() != during
    assert "Jardin partagé" in titles(client, url)
