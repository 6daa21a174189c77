"""The members' area: pages and documents reserved to the "Structures adhérentes" group.

Editors restrict a page with Wagtail's privacy setting (PageViewRestriction for groups) and reserve
documents by putting them in the "Espace adhérents" collection (a CollectionViewRestriction created by the
migrations). Anonymous readers never see them in listings, search, the API or the feeds; a member logged in does.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page, PageViewRestriction

from home import roles

from .conftest import DocumentFactory, InitiativePageFactory, response_text

SECRET_TITLE = "Plaidoyer du chantier logement"


@pytest.fixture
def members(db):
    return Group.objects.get(name=roles.MEMBERS)


@pytest.fixture
def member(members):
    user = get_user_model().objects.create_user(username="centre-adherent", email="adherent@figo.example")
    user.groups.add(members)
    return user


@pytest.fixture
def restricted_page(blog_index_page, members):
    """An initiative reserved to member structures, as an editor sets it in the page's privacy settings."""
    page = InitiativePageFactory(parent=blog_index_page, title=SECRET_TITLE, summary="Note interne au réseau.")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members)
    return page


@pytest.fixture
def public_page(blog_index_page):
    return InitiativePageFactory(parent=blog_index_page, title="Une fête de quartier ouverte à tous")


@pytest.fixture
def restricted_document(db):
    collection = Collection.objects.get(name=roles.MEMBERS_COLLECTION)
    return DocumentFactory(title="Note de plaidoyer réservée", collection=collection)


@pytest.fixture
def public_document(db):
    return DocumentFactory(title="Guide public du bénévolat")


def test_the_members_group_and_collection_exist_and_are_restricted(members):
    collection = Collection.objects.get(name=roles.MEMBERS_COLLECTION)
    [restriction] = collection.view_restrictions.all()

    assert restriction.restriction_type == "groups"
    assert list(restriction.groups.all()) == [members]


def test_a_restricted_page_is_not_in_the_blog_listing(restricted_page, public_page, blog_index_page, client):
    listed = list(blog_index_page.get_initiatives())

    assert public_page in listed and restricted_page not in listed
    assert SECRET_TITLE not in response_text(client.get(blog_index_page.url))


def test_a_restricted_page_is_not_found_by_search(restricted_page, public_page):
    assert not Page.objects.live().public().search("plaidoyer")
    assert Page.objects.live().public().search("fête")


def test_a_restricted_page_is_not_in_the_api(client, restricted_page, public_page):
    listing = response_text(client.get("/api/v2/pages/?type=blog.InitiativePage"))

    assert public_page.title in listing
    assert SECRET_TITLE not in listing
    assert client.get(f"/api/v2/pages/{restricted_page.pk}/").status_code == 404
    assert SECRET_TITLE not in response_text(client.get("/api/v2/pages/?search=plaidoyer"))


@pytest.mark.parametrize("feed", ["/api/v2/feeds/initiatives.rss", "/api/v2/feeds/initiatives.atom"])
def test_a_restricted_page_is_not_in_the_feeds(client, restricted_page, public_page, feed):
    text = response_text(client.get(feed))

    assert public_page.title in text
    assert SECRET_TITLE not in text


def test_a_restricted_document_is_not_in_the_api(client, restricted_document, public_document):
    listing = response_text(client.get("/api/v2/documents/"))

    assert public_document.title in listing
    assert restricted_document.title not in listing
    assert client.get(f"/api/v2/documents/{restricted_document.pk}/").status_code == 404


def test_an_anonymous_reader_is_asked_to_log_in(client, restricted_page, restricted_document):
    page_response = client.get(restricted_page.url)
    document_response = client.get(restricted_document.url)

    assert page_response.status_code == 302 and "login" in page_response.url
    assert document_response.status_code == 302 and "login" in document_response.url


def test_a_logged_in_non_member_is_refused_too(client, restricted_page, restricted_document):
    client.force_login(get_user_model().objects.create_user(username="curieux"))

    assert client.get(restricted_page.url).status_code != 200
    assert client.get(restricted_document.url).status_code != 200


def test_a_member_logged_in_reads_the_page_and_the_document(client, member, restricted_page, restricted_document):
    client.force_login(member)

    page_response = client.get(restricted_page.url)
    document_response = client.get(restricted_document.url)

    assert page_response.status_code == 200
    assert SECRET_TITLE in response_text(page_response)
    assert document_response.status_code == 200
