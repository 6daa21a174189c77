"""A reader on the demo site, in Debian's Chromium: the directory's filters and "près de chez moi", the map, a
centre and its initiatives, the blog's filters, a training's calendar file, the site search, the directory
without JavaScript, and the main pages by keyboard alone. The directory and blog tasks also run on a phone.

Nothing leaves this machine: the pages' requests to other hosts (map tiles) are refused.
"""

import re
from pathlib import Path

import icalendar
import pytest
from django.db import connection
from django.utils import timezone

from tests.browser_support import PHONE, browser, demo_site, desktop, no_js, open_page, phone  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DISTANCE_RE = re.compile(r"(\d+(?:[,.]\d+)?)\s*(km|m)\b")
TILE_RE = re.compile(r"/\d+/\d+/\d+(@2x)?\.(png|jpg|jpeg|webp)(\?.*)?$")
HOUSING_DOSSIER = "Se loger dignement"


@pytest.fixture(params=["desktop", "phone"])
def reader(request, open_page):  # noqa: F811
    """The same task on a desktop and on a phone-sized window."""
    if request.param == "phone":
        return open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    return open_page()


# --- What a reader reads off a page ----------------------------------------------------------------------


def heading(page):
    return page.get_by_role("heading", level=1).inner_text().strip()


def choose(page, label, option=None):
    """Pick `option` (part of its visible text; None for "all") in the control labelled `label`: a select or a
    group of radio buttons."""
    control = page.get_by_label(label, exact=True)
    if control.count() == 1 and control.evaluate("node => node.tagName") == "SELECT":
        if option is None:
            control.select_option("")
            return
        values = control.evaluate(
            "(node, text) => [...node.options].filter(o => o.value && o.textContent.includes(text)).map(o => o.value)",
            option,
        )
        assert values, f"« {option} » absent de la liste « {label} »"
        control.select_option(values[0])
    else:
        group = page.get_by_role("group", name=label)
        if option is None:
            group.get_by_role("radio").first.check()
        else:
            group.get_by_label(option).check()


def results(page, name=r"^\d[\d\s\u202f]* (structure|initiative)s?"):
    """The result cards of a listing as the reader sees them (the text of each card), in the region named
    after the number of results ("4 structures", "12 initiatives")."""
    section = page.get_by_role("region", name=re.compile(name, re.I))
    assert section.count() == 1, f"Pas de liste de résultats sur {page.url}"
    return [text.strip() for text in section.get_by_role("article").all_inner_texts()]


def results_count(page, name=r"^\d[\d\s\u202f]* (structure|initiative)s?"):
    """The number of results announced by the heading of the results ("4 structures")."""
    title = page.get_by_role("heading", name=re.compile(name, re.I)).first.inner_text()
    return int(re.sub(r"\D", "", title.split(" ")[0]))


def submit_filters(page):
    """Press the filter form's "Rechercher" (not the header's site search) and wait for the new page."""
    page.get_by_role("main").get_by_role("button", name="Rechercher", exact=True).click()
    page.wait_for_load_state()


def distances(cards):
    """The distance shown on each card ("À 600 m", "À 1,6 km"), in km."""
    found = [DISTANCE_RE.search(card) for card in cards]
    assert all(found), f"Une carte n'affiche pas sa distance : {cards}"
    return [float(match.group(1).replace(",", ".")) / (1 if match.group(2) == "km" else 1000) for match in found]


def focus_report(page):
    """What the focused element is and whether its focus can be seen: in the viewport, with a visible indicator
    (an outline or a box-shadow on the element, or the outline drawn around the card that contains it)."""
    return page.evaluate(
        """() => {
            const node = document.activeElement;
            if (!node || node === document.body) return {tag: "BODY", visible: false, indicator: false};
            const rect = node.getBoundingClientRect();
            const style = getComputedStyle(node);
            const drawn = (s) => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                || (s.boxShadow && s.boxShadow !== "none");
            let indicator = drawn(style);
            for (let up = node.parentElement, i = 0; !indicator && up && i < 4; up = up.parentElement, i++) {
                const s = getComputedStyle(up);
                indicator = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
            }
            return {
                tag: node.tagName,
                id: node.id,
                text: (node.innerText || node.getAttribute("aria-label") || node.value || "").trim().slice(0, 60),
                href: node.getAttribute("href"),
                inNav: !!node.closest("nav"),
                visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight
                    && rect.right > 0 && rect.left < innerWidth && style.visibility !== "hidden",
                indicator,
            };
        }"""
    )


def tab(page):
    """Press Tab and check that the focused element can be seen."""
    page.keyboard.press("Tab")
    focused = focus_report(page)
    assert focused["visible"], f"Élément focalisé hors de la vue sur {page.url} : {focused}"
    assert focused["indicator"], f"Focus invisible (ni outline ni box-shadow) sur {page.url} : {focused}"
    return focused


# --- The directory ---------------------------------------------------------------------------------------


def test_reader_finds_the_evs_of_the_gers_with_the_filters(reader, demo_site):  # noqa: F811
    reader.goto(demo_site["directory"])

    choose(reader, "Département", "Gers")
    choose(reader, "Type de structure", "Espace de vie sociale")
    submit_filters(reader)

    cards = results(reader)
    assert cards, "Aucun résultat pour les EVS du Gers"
    assert len(cards) == len(demo_site.facts["gers_evs"])
    for name in demo_site.facts["gers_evs"]:
        assert any(name in card for card in cards), f"{name} manque aux résultats"
    assert all(re.search(r"\b32\d{3}\b", card) for card in cards), "Un résultat n'est pas dans le Gers"
    # The form shows what was asked, so the reader can change it.
    assert "Gers" in reader.get_by_label("Département", exact=True).evaluate(
        "node => node.tagName === 'SELECT' ? node.selectedOptions[0].textContent : node.value"
    )


def test_reader_finds_the_centres_near_montauban_sorted_by_distance(reader, demo_site):  # noqa: F811
    reader.goto(demo_site["directory"])

    reader.get_by_label("Près de chez moi (commune ou code postal)").fill("Montauban")
    submit_filters(reader)

    cards = results(reader)
    assert len(cards) >= 3
    shown = distances(cards)
    assert shown == sorted(shown), f"Distances non triées : {shown}"
    assert shown[0] <= 5, f"Le premier centre est à {shown[0]} km de Montauban"
    assert "Montauban" in cards[0]


def test_map_shows_the_centres_and_a_marker_opens_the_centre_card(desktop, demo_site):  # noqa: F811
    desktop.goto(demo_site["directory"])
    desktop.get_by_label("Département", exact=True).wait_for()
    choose(desktop, "Département", "Tarn-et-Garonne")
    submit_filters(desktop)

    markers = desktop.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == len(results(desktop)) == results_count(desktop)
    markers.first.click()
    popup = desktop.locator(".leaflet-popup-content")
    popup.wait_for()
    link = popup.get_by_role("link").first
    name = link.inner_text().strip()
    link.click()
    desktop.wait_for_load_state()
    assert heading(desktop) == name
    # The map asked for its tiles, which were refused, and nothing else was asked of another host.
    assert desktop.blocked, "La carte n'a demandé aucune tuile"
    assert all(TILE_RE.search(url) for url in desktop.blocked), desktop.blocked


def test_directory_works_without_javascript(no_js, demo_site):  # noqa: F811
    no_js.goto(demo_site["directory"])

    choose(no_js, "Département", "Gers")
    choose(no_js, "Type de structure", "Espace de vie sociale")
    submit_filters(no_js)

    assert "32" in no_js.url
    cards = results(no_js)
    assert len(cards) == len(demo_site.facts["gers_evs"])
    assert not no_js.locator("[data-map-block]").is_visible()  # the map needs JavaScript; the list does not
    # Near me, then the second page of results, all as plain links and forms.
    no_js.get_by_label("Près de chez moi (commune ou code postal)").fill("82000")
    choose(no_js, "Département")
    choose(no_js, "Type de structure")
    submit_filters(no_js)
    shown = distances(results(no_js))
    assert shown == sorted(shown)
    no_js.get_by_role("navigation", name="Pagination").get_by_role("link", name=re.compile("Suivante")).click()
    no_js.wait_for_load_state()
    assert "page=2" in no_js.url
    later = distances(results(no_js))
    assert later[0] >= shown[-1]


# --- A centre and its initiatives ------------------------------------------------------------------------


def test_reader_opens_a_centre_and_follows_its_initiative(desktop, demo_site):  # noqa: F811
    desktop.goto(demo_site["directory"])
    desktop.get_by_role("link", name=demo_site.facts["centre_department"], exact=True).first.click()
    desktop.get_by_role("link", name=demo_site.facts["centre_listing_title"], exact=True).first.click()
    desktop.wait_for_load_state()
    assert heading(desktop) == demo_site.facts["centre"]

    initiatives = desktop.get_by_role("region", name=re.compile("initiatives", re.I))
    link = initiatives.get_by_role("link").first
    title = link.inner_text().strip()
    link.click()
    desktop.wait_for_load_state()

    assert heading(desktop) == title
    # The initiative names its organising centre, with a link back.
    assert desktop.get_by_role("link", name=demo_site.facts["centre"], exact=True).count() >= 1


# --- The blog --------------------------------------------------------------------------------------------


def test_reader_filters_the_blog_by_theme(reader, demo_site):  # noqa: F811
    theme = demo_site.facts["blog_theme"]
    reader.goto(demo_site["blog"])
    everything = results(reader)

    choose(reader, "Thème", theme)
    submit_filters(reader)

    cards = results(reader)
    assert cards, f"Aucune initiative pour le thème {theme}"
    assert results_count(reader) == demo_site.facts["blog_theme_count"] < demo_site.facts["initiatives_count"]
    assert len(cards) == min(demo_site.facts["blog_theme_count"], len(everything))
    assert all(theme in card for card in cards), f"Une initiative n'a pas le thème {theme}"


# --- Trainings -------------------------------------------------------------------------------------------


def test_reader_opens_a_training_and_adds_a_session_to_their_calendar(desktop, demo_site):  # noqa: F811
    desktop.goto(demo_site["trainings"])
    desktop.get_by_role("link", name=demo_site.facts["training_listing_title"], exact=True).first.click()
    desktop.wait_for_load_state()
    assert heading(desktop) == demo_site.facts["training"]

    with desktop.expect_download() as download_info:
        desktop.get_by_role("link", name=re.compile("ajouter à (mon|votre) agenda", re.I)).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())

    (event,) = calendar.walk("VEVENT")
    assert demo_site.facts["training"] in str(event["SUMMARY"])
    assert event.decoded("DTSTART") > timezone.now()
    assert event.decoded("DTEND") > event.decoded("DTSTART")
    assert str(event.get("LOCATION", "")).strip()


# --- Search ----------------------------------------------------------------------------------------------


def search(page, words):
    box = page.get_by_role("searchbox")
    if not box.count():
        box = page.get_by_label(re.compile("Rechercher", re.I))
    box.first.fill(words)
    box.first.press("Enter")
    page.wait_for_load_state()


def test_reader_searches_logements_and_finds_the_housing_dossier(desktop, demo_site):  # noqa: F811
    desktop.goto(demo_site["home"])

    search(desktop, "logement")
    assert "/recherche/" in desktop.url
    assert desktop.get_by_role("link", name=re.compile(HOUSING_DOSSIER)).count() >= 1
    # Results are grouped by type, and the words found are highlighted.
    assert desktop.get_by_role("heading", name=re.compile("Dossiers", re.I)).count() >= 1
    assert desktop.locator("main mark").count() >= 1

    search(desktop, "logements")
    found = desktop.get_by_role("link", name=re.compile(HOUSING_DOSSIER)).count()
    if not found and connection.vendor == "sqlite":
        pytest.skip(
            "SQLite : la recherche de Wagtail n'y racinise pas le français (« logements » ne trouve pas "
            "« logement ») ; vérifié sur PostgreSQL (configuration « french »), comme en CI."
        )
    assert found >= 1, "« logements » ne trouve pas le dossier logement"


# --- Keyboard alone --------------------------------------------------------------------------------------


def test_keyboard_alone_skips_to_the_content_and_reaches_each_main_page(desktop, demo_site):  # noqa: F811
    desktop.goto(demo_site["home"])

    skip = tab(desktop)
    assert skip["text"] == "Aller au contenu"
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id || location.hash") in {"contenu", "#contenu"}
    after_skip = tab(desktop)
    assert not after_skip["inNav"], "Le lien d'évitement ne saute pas la navigation"

    navigation = desktop.get_by_role("navigation", name="Navigation principale")
    sections = [text.strip() for text in navigation.get_by_role("link").all_inner_texts()]
    assert len(sections) >= 4
    for label in sections:
        desktop.goto(demo_site["home"])
        focused = tab(desktop)
        for _ in range(40):
            if focused["inNav"] and focused["text"] == label:
                break
            focused = tab(desktop)
        else:
            pytest.fail(f"« {label} » n'est pas atteignable au clavier dans la navigation")
        with desktop.expect_navigation():
            desktop.keyboard.press("Enter")
        assert desktop.url.endswith(focused["href"])
        assert heading(desktop)
        # On the page reached, the first stops of the tab order are all visibly focused.
        for _ in range(12):
            tab(desktop)


def test_phone_menu_opens_and_leads_to_a_section(phone, demo_site):  # noqa: F811
    phone.goto(demo_site["home"])
    menu = phone.get_by_role("button", name="Menu")
    links = phone.get_by_role("navigation", name="Navigation principale").get_by_role("link")

    assert menu.get_attribute("aria-expanded") == "false"
    assert not links.first.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert links.first.is_visible()
    href = links.first.get_attribute("href")
    with phone.expect_navigation():
        links.first.click()
    assert phone.url.endswith(href)
    assert heading(phone)
