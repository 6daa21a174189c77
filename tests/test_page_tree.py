"""The page tree is locked: each page type lives only where editors expect it, and singletons stay single."""

import pytest
from wagtail.models import Page

from blog.models import BlogIndexPage, InitiativePage
from centres.models import CentrePage, DepartmentPage, DirectoryPage
from home.models import HomePage, StandardPage
from resources.models import (
    DossierPage,
    ResourceIndexPage,
    TrainingIndexPage,
    TrainingPage,
    WorkshopIndexPage,
    WorkshopPage,
)

from .conftest import (
    BlogIndexPageFactory,
    DirectoryPageFactory,
    ResourceIndexPageFactory,
    TrainingIndexPageFactory,
    WorkshopIndexPageFactory,
    add_page_url,
    response_text,
)

# (page type, the only types it accepts as children, the only types it accepts as parent)
TREE_RULES = [
    (HomePage, {DirectoryPage, BlogIndexPage, ResourceIndexPage, StandardPage}, {Page}),
    (StandardPage, {StandardPage}, {HomePage, StandardPage}),
    (DirectoryPage, {DepartmentPage}, {HomePage}),
    (DepartmentPage, {CentrePage}, {DirectoryPage}),
    (CentrePage, set(), {DepartmentPage}),
    (BlogIndexPage, {InitiativePage}, {HomePage}),
    (InitiativePage, set(), {BlogIndexPage}),
    (ResourceIndexPage, {DossierPage, TrainingIndexPage, WorkshopIndexPage}, {HomePage}),
    (DossierPage, set(), {ResourceIndexPage}),
    (TrainingIndexPage, {TrainingPage}, {ResourceIndexPage}),
    (TrainingPage, set(), {TrainingIndexPage}),
    (WorkshopIndexPage, {WorkshopPage}, {ResourceIndexPage}),
    (WorkshopPage, set(), {WorkshopIndexPage}),
]


@pytest.mark.parametrize(("model", "children", "parents"), TREE_RULES, ids=lambda value: getattr(value, "__name__", ""))
def test_page_type_accepts_only_its_children_and_parents(page_tests, model, children, parents):
    page_tests.assertAllowedSubpageTypes(model, children)
    page_tests.assertAllowedParentPageTypes(model, parents)


def test_only_the_federation_pages_can_be_created_at_the_root(page_tests):
    page_tests.assertCanCreateAt(Page, HomePage)
    page_tests.assertCanNotCreateAt(Page, CentrePage)
    page_tests.assertCanNotCreateAt(HomePage, CentrePage)
    page_tests.assertCanNotCreateAt(BlogIndexPage, TrainingPage)


@pytest.fixture
def singletons(home_page):
    """Every singleton page, created once; maps each type to the parent a second one would go under."""
    DirectoryPageFactory(parent=home_page)
    BlogIndexPageFactory(parent=home_page)
    resources = ResourceIndexPageFactory(parent=home_page)
    TrainingIndexPageFactory(parent=resources)
    WorkshopIndexPageFactory(parent=resources)
    return {
        HomePage: Page.get_first_root_node(),
        DirectoryPage: home_page,
        BlogIndexPage: home_page,
        ResourceIndexPage: home_page,
        TrainingIndexPage: resources,
        WorkshopIndexPage: resources,
    }


@pytest.mark.parametrize(
    "model",
    [HomePage, DirectoryPage, BlogIndexPage, ResourceIndexPage, TrainingIndexPage, WorkshopIndexPage],
    ids=lambda model: model.__name__,
)
def test_a_second_singleton_page_is_refused(singletons, admin_client, model):
    parent = singletons[model]
    assert model.max_count == 1
    assert not model.can_create_at(parent)

    count = model.objects.count()
    response = admin_client.post(add_page_url(model, parent), {"title": "Doublon", "slug": "doublon"}, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert "vous n'avez pas les autorisations" in response_text(response)
    assert model.objects.count() == count == 1


def test_once_the_singletons_exist_the_home_page_only_offers_plain_pages(singletons, admin_client, home_page):
    response = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")

    assert response.status_code == 302
    assert response.url == add_page_url(StandardPage, home_page)


def test_a_departement_has_only_one_page(department_page, department_form, admin_client, directory_page):
    count = DepartmentPage.objects.count()
    data = department_form(department=department_page.department.pk, slug="haute-garonne-bis")

    response = admin_client.post(add_page_url(DepartmentPage, directory_page), data)

    assert response.status_code == 200
    assert "Un objet Page département avec ce champ Département existe déjà." in response_text(response)
    assert DepartmentPage.objects.count() == count
