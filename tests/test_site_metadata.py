"""What pages tell search engines and social networks, sitemap and robots.txt, legal pages, error pages, valid HTML."""

import datetime
import json
import re

import html5lib
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from centres.models import OpeningHours
from home.demo.context import DemoContext
from home.demo.legal import build_legal_pages
from home.structured_data import json_ld_script

from .api_builders import restrict
from .conftest import PAGE_FIXTURES, StandardPageFactory, TrainingSessionFactory, commune, response_text

XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(text):
    """The page's schema.org graph, as a list of its items."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))["@graph"] if match else []


def of_type(items, schema_type):
    return next(
        item for item in items if schema_type in (item["@type"] if isinstance(item["@type"], list) else [item["@type"]])
    )


def meta(text, name):
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', text)
    return match.group(1) if match else None


def html_problems(content):
    """Parse errors (html5lib strict) and broken references a validator or a screen reader would trip on."""
    try:
        document = html5lib.HTMLParser(strict=True).parse(content)
    except html5lib.html5parser.ParseError as error:
        return [f"parse error: {error}"]
    elements = [element for element in document.iter() if isinstance(element.tag, str)]
    ids = [element.get("id") for element in elements if element.get("id")]
    problems = [f"duplicate id {identifier}" for identifier in {i for i in ids if ids.count(i) > 1}]
    for element in elements:
        tag = element.tag.removeprefix(XHTML)
        for attribute in ("aria-labelledby", "aria-describedby", "aria-controls", "for"):
            problems += [f"{tag} {attribute}={ref}" for ref in (element.get(attribute) or "").split() if ref not in ids]
        href = element.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            problems.append(f"link to missing #{href[1:]}")
        if tag in ("ul", "ol"):
            problems += [f"{tag} > {child.tag.removeprefix(XHTML)}" for child in element if child.tag != f"{XHTML}li"]
        if tag == "img" and element.get("alt") is None:
            problems.append(f"img without alt: {element.get('src')}")
    levels = [int(element.tag[-1]) for element in elements if re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", element.tag)]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1")
    problems += [f"h{a} then h{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    return problems


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_every_page_type_is_valid_html_with_its_metadata(client, request, fixture, site_tree):
    page = request.getfixturevalue(fixture)

    response = client.get(page.url)
    text = response_text(response)

    assert html_problems(response.content) == []
    assert meta(text, "description")
    assert f'<link rel="canonical" href="{page.full_url}">' in text
    assert meta(text, "og:title") == (page.seo_title or page.title)
    assert meta(text, "og:url") == page.full_url
    assert meta(text, "twitter:card") in ("summary", "summary_large_image")


@pytest.mark.parametrize(
    "url",
    [
        "/annuaire/?place=Montauban&department=82",
        "/annuaire/?place=Saint",
        "/annuaire/?place=inconnue&department=99x",
        "/initiatives/?theme=ecologie&significant=true&department=abc",
        "/centre-ressources/formations/?month=2026-13&audience=benevoles",
        "/centre-ressources/ateliers/?department=31",
        "/recherche/?q=logement",
        "/recherche/?q=logement&type=dossiers",
        "/recherche/?q=",
        "/page-qui-n-existe-pas/",
    ],
)
def test_listings_with_filters_search_and_errors_are_valid_html(client, site_tree, url):
    assert html_problems(client.get(url).content) == []


def test_a_page_with_an_image_is_shared_with_an_absolute_image_and_its_alt_text(client, dossier_page, image):
    image.description = "Des habitants réunis autour d'une table"
    image.save()
    dossier_page.image = image
    dossier_page.search_description = "Ce que la fédération observe du mal-logement."
    dossier_page.save_revision().publish()

    text = client.get(dossier_page.url).content.decode()

    assert meta(text, "description") == "Ce que la fédération observe du mal-logement."
    assert re.fullmatch(r"http://localhost/media/images/[^\"]+\.fill-1200x630[^\"]*", meta(text, "og:image"))
    assert meta(text, "og:image:alt") == "Des habitants réunis autour d&#x27;une table"
    assert meta(text, "twitter:card") == "summary_large_image"
    assert meta(text, "twitter:image") == meta(text, "og:image")


def test_a_centre_is_described_as_an_organisation_with_address_geo_and_opening_hours(client, centre_page):
    OpeningHours.objects.create(page=centre_page, weekday=2, opens=datetime.time(14), closes=datetime.time(18))

    centre = of_type(json_ld(client.get(centre_page.url).content.decode()), "Organization")

    assert centre["name"] == "Centre social des Izards"
    assert centre["address"]["streetAddress"] == "12 rue des Lilas"
    assert centre["address"]["addressLocality"] == "Toulouse"
    assert centre["address"]["postalCode"] == centre_page.postcode
    assert centre["geo"]["latitude"] == pytest.approx(centre_page.latitude)
    assert [(row["dayOfWeek"], row["opens"], row["closes"]) for row in centre["openingHoursSpecification"]] == [
        ("https://schema.org/Monday", "09:00", "12:00"),
        ("https://schema.org/Wednesday", "14:00", "18:00"),
    ]


def test_trainings_are_courses_workshops_events_and_initiatives_articles(
    client, training_page, workshop_page, initiative_page
):
    TrainingSessionFactory(page=training_page, mode="distanciel", place_commune=None, place_details="Visio")

    course = of_type(json_ld(client.get(training_page.url).content.decode()), "Course")
    event = of_type(json_ld(client.get(workshop_page.url).content.decode()), "Event")
    article = of_type(json_ld(client.get(initiative_page.url).content.decode()), "Article")

    modes = sorted(instance["courseMode"] for instance in course["hasCourseInstance"])
    assert modes == ["online", "onsite"]
    assert course["offers"]["price"] == "0.00" and course["offers"]["priceCurrency"] == "EUR"
    assert event["startDate"] == timezone.localtime(workshop_page.start).isoformat()
    assert event["location"]["address"]["addressLocality"] == "Toulouse"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert article["headline"] == "Les Izards cultivent leur jardin"
    assert article["author"][0]["name"] == "Centre social des Izards"
    assert article["datePublished"] == initiative_page.date.isoformat()


def test_pages_carry_their_breadcrumb_trail_and_the_home_page_the_federation(client, site_tree):
    centre_items = json_ld(client.get(site_tree.centre.url).content.decode())
    home_items = json_ld(client.get(site_tree.home.url).content.decode())

    trail = [item["name"] for item in of_type(centre_items, "BreadcrumbList")["itemListElement"]]
    assert trail == [
        "Accueil",
        "Annuaire des centres sociaux et EVS",
        "Réseau Haute-Garonne",
        "Centre social des Izards",
    ]
    assert of_type(home_items, "WebSite")["potentialAction"]["target"].endswith("/recherche/?q={search_term_string}")


def test_json_ld_cannot_close_its_script_element():
    html = json_ld_script({"name": "</script><script>alert(1)</script> & co"})

    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html and "\\u0026 co" in html


def test_the_sitemap_lists_live_public_pages_only(client, site_tree):
    site_tree.dossier.unpublish()
    restrict(site_tree.workshop_index)

    locations = set(re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode()))

    assert site_tree.centre.full_url in locations
    assert site_tree.initiative.full_url in locations
    assert site_tree.dossier.full_url not in locations
    assert site_tree.workshop_index.full_url not in locations
    assert site_tree.workshop.full_url not in locations, "below a restricted page"


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text
    assert re.search(r"^Sitemap: http://localhost/sitemap\.xml$", text, re.M)


def test_the_demo_creates_the_legal_pages_and_the_footer_links_them(client, home_page, admin_user):
    ctx = DemoContext(user=admin_user, today=timezone.localdate())
    pages = build_legal_pages(ctx, home_page)
    again = build_legal_pages(ctx, home_page)
    footer = client.get(home_page.url).content.decode().split('class="site-footer"', 1)[1]

    assert [page.title for page in pages] == ["Mentions légales", "Données personnelles", "Déclaration d'accessibilité"]
    assert [page.pk for page in again] == [page.pk for page in pages], "a second run creates nothing"
    for page in pages:
        assert page.live
        assert f'href="{page.url}"' in footer


def test_a_legal_page_added_by_editors_appears_in_the_footer(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Plan du site")

    assert f'<a href="{page.url}">Plan du site</a>' in client.get(home_page.url).content.decode()


def test_the_404_page_is_in_the_site_design_and_not_indexed(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")
    text = response_text(response)

    assert response.status_code == 404
    assert '<h1 class="page-header__title">Page introuvable</h1>' in text
    assert site_tree.directory.url in text
    assert '<meta name="robots" content="noindex">' in text


def test_the_500_page_renders_without_the_database():
    html = render_to_string("500.html")

    assert "Le site rencontre un problème" in html
    assert html_problems(html.encode()) == []


def test_a_training_session_elsewhere_keeps_the_place_in_structured_data(client, training_page):
    session = training_page.sessions.get()
    session.place_commune = commune("32013")
    session.save()

    course = of_type(json_ld(client.get(training_page.url).content.decode()), "Course")

    assert course["hasCourseInstance"][0]["location"]["address"]["addressLocality"] == "Auch"
    assert reverse("sitemap") == "/sitemap.xml"
