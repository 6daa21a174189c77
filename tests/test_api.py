"""The partner API as a partner's developer uses it: endpoints, fields, summaries, CORS, docs, preview."""

import pytest
from django.contrib.staticfiles import finders
from django.db import connection

from blog.models import InitiativePage
from tests import api_builders as build


@pytest.fixture
def content(home_page):
    """A small site with one page of each content type, every field filled in."""
    tree = build.tree(home_page)
    media = build.Media()
    centre = build.centres(tree["department"], media, 1)[0]
    return {
        **tree,
        "media": media,
        "centre": centre,
        "initiative": build.initiatives(tree["blog"], centre, media, 1)[0],
        "training": build.trainings(tree["trainings"], centre, media, 1)[0],
        "workshop": build.workshops(tree["workshops"], centre, media, 1)[0],
        "dossier": build.dossiers(tree["resources"], centre, media, 1)[0],
    }


def detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def is_absolute(url):
    return url.startswith("http://testserver/")


def test_the_api_root_lists_every_endpoint(client, content):
    for endpoint in ["pages", "images", "documents", "departments", "themes", "audiences", "partners"]:
        response = client.get(f"/api/v2/{endpoint}/")
        assert response.status_code == 200, endpoint
        assert response["Content-Type"] == "application/json"
        assert "total_count" in response.json()["meta"]


def test_a_centre_exposes_its_commune_themes_hours_photos_and_images_as_renditions(client, content):
    data = detail(client, content["centre"])
    assert data["structure_type"] == "cs"
    assert data["structure_type_label"] == "Centre social"
    assert data["commune"] == {
        "insee_code": "31555",
        "name": "Toulouse",
        "postcodes": data["commune"]["postcodes"],
        "department": "31",
    }
    assert {"slug": "logement", "name": "Logement"} in data["themes"]
    assert data["opening_hours"][0]["opens"] == "09:00:00"
    photo = data["photos"][0]["image"]
    assert photo["alt"] and is_absolute(photo["card"]["url"]) and is_absolute(photo["large"]["url"])
    assert (photo["card"]["width"], photo["card"]["height"]) == (320, 180)
    assert data["approval_types"] == ["agc"]
    assert "distance_km" not in data


def test_rich_text_links_and_stream_images_point_to_public_absolute_urls(client, content):
    data = detail(client, content["initiative"])
    centre_url = content["centre"].url
    assert f'href="http://testserver{centre_url}"' in data["description"]
    assert 'linktype="' not in data["description"]
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["image"]["image"]["alt"] == "Des habitants au jardin"
    assert is_absolute(blocks["image"]["image"]["card"]["url"])
    assert blocks["image"]["caption"] == "Le jardin en juin"
    assert blocks["document"]["title"] == "Le guide"
    assert is_absolute(blocks["document"]["url"]) and blocks["document"]["file_extension"] == "pdf"
    assert 'href="http://testserver/documents/' in blocks["paragraph"]


def test_an_initiative_summarises_its_organising_centres_tags_and_current_stage(client, content):
    data = detail(client, content["initiative"])
    [organiser] = data["organisers"]
    assert organiser["id"] == content["centre"].pk
    assert organiser["type"] == "centres.CentrePage"
    assert organiser["department"] == "31" and organiser["commune"] == "Toulouse"
    assert organiser["html_url"].endswith(content["centre"].url)
    assert organiser["detail_url"] == f"http://testserver/api/v2/pages/{content['centre'].pk}/"
    assert data["tags"] == ["alimentation", "jardin"]
    assert data["current_stage"]["stage"] == "soutenue"
    assert data["current_stage"]["label"] == "Soutenue"
    assert [stage["stage"] for stage in data["follow_up_stages"]] == ["reperee", "soutenue"]
    assert data["partners"][0]["name"].startswith("Association ressource")


def test_a_training_gives_its_sessions_with_their_places(client, content):
    data = detail(client, content["training"])
    first, second = data["sessions"]
    assert first["place"]["centre"]["id"] == content["centre"].pk
    assert first["place"]["label"].endswith(", Toulouse")
    assert (first["place"]["latitude"], first["place"]["longitude"]) == (
        content["centre"].latitude,
        content["centre"].longitude,
    )
    assert second["place"]["centre"] is None and second["place"]["commune"]["insee_code"] == "31555"
    assert first["start"].endswith(("+01:00", "+02:00")), "times are given in Europe/Paris"
    assert {"slug": "elus-locaux", "name": "Élus locaux"} in data["audiences"]


def test_a_dossier_gives_its_documents_with_url_type_and_date_and_its_related_pages(client, content):
    data = detail(client, content["dossier"])
    [row] = data["documents"]
    assert row["document_type"] == "guide" and row["date"] == "2025-01-15"
    assert is_absolute(row["document"]["url"])
    assert data["related_pages"][0]["id"] == content["centre"].pk
    assert data["theme"] == {"slug": "logement", "name": "Logement"}


def test_a_workshop_gives_its_place_theme_invited_partners_and_documents(client, content):
    data = detail(client, content["workshop"])
    assert data["place"]["centre"]["id"] == content["centre"].pk
    assert data["theme"]["slug"] == "bien-vieillir"
    assert data["invited_partners"]
    assert data["documents"][0]["document_type"] == "compte_rendu"


def test_listings_give_all_fields_with_fields_star_and_only_some_with_a_list(client, content):
    url = "/api/v2/pages/?type=blog.InitiativePage"
    [item] = client.get(url).json()["items"]
    assert set(item) == {"id", "meta", "title"}
    [item] = client.get(url + "&fields=*").json()["items"]
    assert item["organisers"] and item["body"]
    [item] = client.get(url + "&fields=summary,image").json()["items"]
    assert set(item) == {"id", "meta", "title", "summary", "image"}


def test_vocabularies_and_partners(client, content):
    departments = client.get("/api/v2/departments/").json()["items"]
    assert [item["code"] for item in departments] == ["09", "12", "31", "32", "46", "65", "81", "82"]
    themes = client.get("/api/v2/themes/?limit=100").json()["items"]
    assert "logement" in [item["slug"] for item in themes]
    assert {"name", "slug", "description"} <= set(themes[0])
    audiences = client.get("/api/v2/audiences/").json()["items"]
    assert "elus-locaux" in [item["slug"] for item in audiences]
    partner = build.PartnerFactory(logo=content["media"].images[0])
    partner.departments.set([build.department("31")])
    items = client.get("/api/v2/partners/?department=31").json()["items"]
    assert [item["slug"] for item in items] == [partner.slug]
    assert items[0]["logo"]["alt"] and items[0]["departments"][0]["code"] == "31"
    assert "contact_email" not in items[0] and "contact_name" not in items[0], "a person's contact stays private"


def test_images_and_documents_endpoints_give_absolute_urls(client, content):
    image = client.get("/api/v2/images/?fields=*").json()["items"][0]
    assert is_absolute(image["meta"]["download_url"]) and is_absolute(image["renditions"]["card"]["url"])
    assert "alt" in image
    document = client.get("/api/v2/documents/?fields=*").json()["items"][0]
    assert is_absolute(document["meta"]["download_url"]) and document["file_extension"] == "pdf"


def test_near_orders_centres_by_distance_and_gives_each_its_distance(client, content):
    toulouse = content["centre"]
    gers = build.DepartmentPageFactory(parent=content["directory"], department=build.department("32"))
    far = build.CentrePageFactory(parent=gers)
    url = f"/api/v2/pages/?type=centres.CentrePage&near={toulouse.latitude},{toulouse.longitude}"
    items = client.get(url).json()["items"]
    assert [item["id"] for item in items] == [toulouse.pk, far.pk]
    assert items[0]["distance_km"] == 0
    assert 50 < items[1]["distance_km"] < 100, "Auch is about 70 km from Toulouse"
    items = client.get(url + "&radius_km=20").json()["items"]
    assert [item["id"] for item in items] == [toulouse.pk]


def test_search_finds_pages_by_their_words(client, content):
    InitiativePage.objects.filter(pk=content["initiative"].pk).update(title="Un toit pour chaque famille")
    page = InitiativePage.objects.get(pk=content["initiative"].pk)
    page.save()
    items = client.get("/api/v2/pages/?type=blog.InitiativePage&search=toit").json()["items"]
    assert [item["id"] for item in items] == [page.pk]
    assert client.get("/api/v2/pages/?search=introuvablemot").json()["meta"]["total_count"] == 0


@pytest.mark.postgres
def test_search_understands_french_on_postgresql(client, content, settings):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("la recherche en français demande PostgreSQL")
    dossier = content["dossier"]
    dossier.title = "Le logement des jeunes"
    dossier.summary = "Accès aux soins et à l'hébergement d'urgence."
    dossier.save()
    for query in ["logements", "Logement", "hebergement", "hébergements", "soin"]:
        items = client.get(f"/api/v2/pages/?type=resources.DossierPage&search={query}").json()["items"]
        assert [item["id"] for item in items] == [dossier.pk], query


@pytest.mark.postgres
def test_search_reads_the_matching_index_entries_only_on_postgresql(client, content, settings):
    """The expression index of home's migration 0007 serves the filter Wagtail's backend writes."""
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("l'index de recherche est propre à PostgreSQL")
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search("logements", InitiativePage.objects.live())
    sql, _params = results.get_queryset().query.sql_with_params()
    matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    assert matched in sql, "Wagtail's backend no longer filters on title || body: migration 0007 must follow"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few test rows: the planner would scan them all
        query = f"EXPLAIN SELECT 1 FROM wagtailsearch_indexentry WHERE {matched} to_tsquery('logement')"  # noqa: S608
        cursor.execute(query)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "figo_search_title_body_gin" in plan, plan


def test_cors_allows_anonymous_get_from_any_origin_on_the_api_only(client, content):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.mairie-auch.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://www.mairie-auch.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response
    site_page = client.get("/", HTTP_ORIGIN="https://www.mairie-auch.example")
    assert "Access-Control-Allow-Origin" not in site_page


def test_the_api_refuses_to_write(client, content):
    response = client.post("/api/v2/pages/", {"title": "x"})
    assert response.status_code == 405


def test_documentation_page_is_served_from_local_static_files(client):
    response = client.get("/api/v2/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/api/v2/openapi.json" in html
    assert "cdn" not in html.lower() and "https://" not in html
    for path in ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"]:
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{path}"), path
    assert finders.find("api/docs.js")


def test_headless_preview_sends_the_draft_to_the_partner_front_end(content, admin_client, client, settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": "http://127.0.0.1:3000/apercu"}}
    page = content["initiative"]
    page.title = "Titre en cours de relecture"
    revision = page.save_revision()
    assert revision
    from wagtail_headless_preview.models import PagePreview

    preview = page.specific.create_page_preview()
    response = client.get("/api/v2/page_preview/", {"content_type": "blog.initiativepage", "token": preview.token})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Titre en cours de relecture"
    assert "no-store" in response["Cache-Control"]
    assert (
        client.get("/api/v2/page_preview/", {"content_type": "blog.initiativepage", "token": "faux"}).status_code == 400
    )
    assert PagePreview.objects.filter(token=preview.token).exists()


def test_the_admin_preview_opens_the_partner_front_end_only_when_configured(content, rf, admin_user, settings):
    page = content["initiative"].specific
    request = rf.get("/")
    request.user = admin_user
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": "http://127.0.0.1:3000/apercu"}}
    response = page.serve_preview(request, "")
    assert "http://127.0.0.1:3000/apercu/?content_type=blog.initiativepage&amp;token=" in response.content.decode()
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {}}
    response = page.serve_preview(request, "")
    assert page.title in response.render().content.decode()
