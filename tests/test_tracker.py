"""The "100 actions signifiantes" tracker: the panel's counts, the stalled actions, the list and its export."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import FollowUpStage, FollowUpStageName, InitiativeOrganiser, InitiativePage
from blog.tracker import months_before, tracker_summary
from home.roles import COMMUNICATION_OFFICERS

from .conftest import (
    CentrePageFactory,
    DepartmentPageFactory,
    InitiativePageFactory,
    department,
    response_text,
    theme,
)


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def action(blog, title, stages=(), centres=(), published_days_ago=None, live=True, significant=True, themes=()):
    page = InitiativePageFactory(parent=blog, title=title, is_significant=significant)
    for stage, days in stages:
        FollowUpStage.objects.create(page=page, stage=stage, date=days_ago(days))
    for centre in centres:
        InitiativeOrganiser.objects.create(page=page, centre=centre)
    if themes:
        page.themes.set(themes)
        page.save()
    published = timezone.now() - datetime.timedelta(days=published_days_ago) if published_days_ago else None
    InitiativePage.objects.filter(pk=page.pk).update(live=live, first_published_at=published)
    return page


@pytest.fixture
def actions(blog_index_page, directory_page, department_page):
    """Four significant actions in 31 and 32 at various stages, and one ordinary initiative."""
    gers = DepartmentPageFactory(parent=directory_page, department=department("32"))
    toulouse = CentrePageFactory(parent=department_page, title="Centre social Bagatelle")
    auch = CentrePageFactory(parent=gers, title="Centre social du Garros")
    return SimpleNamespace(
        moving=action(
            blog_index_page,
            "Jardin des Izards",
            stages=[(FollowUpStageName.SPOTTED, 240), (FollowUpStageName.SUPPORTED, 60)],
            centres=[toulouse],
            published_days_ago=250,
            themes=[theme("ecologie")],
        ),
        never_staged=action(blog_index_page, "Repair café du Garros", centres=[auch], published_days_ago=210),
        stalled_draft=action(
            blog_index_page,
            "Bus des droits",
            stages=[(FollowUpStageName.SPOTTED, 220)],
            centres=[toulouse, auch],
            live=False,
            themes=[theme("acces-aux-droits")],
        ),
        finished=action(
            blog_index_page,
            "Vacances en famille",
            stages=[(FollowUpStageName.TRANSFERRED, 400)],
            published_days_ago=500,
        ),
        ordinary=action(blog_index_page, "Fête de quartier", published_days_ago=300, significant=False),
    )


def test_the_summary_counts_accompanied_actions_by_stage_and_department(actions):
    summary = tracker_summary()
    assert summary.total == 4  # drafts count, ordinary initiatives do not
    assert summary.percent == 4
    stages = {value: count for value, _label, count in summary.by_stage}
    assert stages == {
        "reperee": 1,
        "rendue_visible": 0,
        "soutenue": 1,
        "suivie": 0,
        "capitalisee": 0,
        "transferee": 1,
        "sans-etape": 1,
    }
    departments = {dept.code: count for dept, count in summary.by_department}
    assert departments["31"] == 2
    assert departments["32"] == 2
    assert departments["09"] == 0
    assert summary.without_department == 1
    assert [stalled.title for stalled in summary.stalled] == ["Bus des droits", "Repair café du Garros"]
    assert summary.stalled[0].edit_url == reverse("wagtailadmin_pages:edit", args=[actions.stalled_draft.pk])


def test_the_dashboard_panel_shows_progress_stages_departments_and_stalled_actions(admin_client, actions):
    text = response_text(admin_client.get(reverse("wagtailadmin_home")))
    assert "4 actions signifiantes accompagnées" in text
    assert "sur un objectif de 100 (4 %)" in text
    assert '<progress max="100" value="4"' in text
    assert "Sans étape" in text
    assert "31 — Haute-Garonne" in text
    assert "Sans mouvement depuis plus de 6 mois" in text
    assert reverse("wagtailadmin_pages:edit", args=[actions.stalled_draft.pk]) in text
    assert reverse("wagtailadmin_pages:edit", args=[actions.moving.pk]) not in text.split("Sans mouvement")[1]


def test_the_summary_costs_the_same_queries_for_5_and_50_actions(blog_index_page, centre_page):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            tracker_summary()
        return len(captured)

    for number in range(5):
        action(blog_index_page, f"Action {number}", stages=[(FollowUpStageName.SPOTTED, 10)], centres=[centre_page])
    with_five = queries()
    for number in range(5, 50):
        action(blog_index_page, f"Action {number}", stages=[(FollowUpStageName.SPOTTED, 10)], centres=[centre_page])
    assert queries() == with_five


def test_six_months_before_the_last_day_of_a_month():
    assert months_before(datetime.date(2025, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert months_before(datetime.date(2025, 3, 15), 6) == datetime.date(2024, 9, 15)


def test_the_list_filters_by_stage_department_and_theme(admin_client, actions):
    url = reverse("actions_signifiantes:index")

    def titles(**filters):
        text = response_text(admin_client.get(url, filters))
        return {page.title for page in vars(actions).values() if page.title in text}

    assert titles() == {"Jardin des Izards", "Repair café du Garros", "Bus des droits", "Vacances en famille"}
    assert titles(stage="reperee") == {"Bus des droits"}
    assert titles(stage="sans-etape") == {"Repair café du Garros"}
    assert titles(department=department("32").pk) == {"Repair café du Garros", "Bus des droits"}
    assert titles(theme=theme("ecologie").pk) == {"Jardin des Izards"}


def test_the_list_exports_csv_for_french_spreadsheets(admin_client, actions):
    response = admin_client.get(
        reverse("actions_signifiantes:index"), {"department": department("31").pk, "export": "csv"}
    )
    content = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert content.startswith("\ufeff")
    header, *rows = content.lstrip("\ufeff").splitlines()
    assert header.split(";")[:3] == ["Action", "Étape actuelle", "Départements"]
    assert sorted(row.split(";")[:3] for row in rows) == [
        ["Bus des droits", "Repérée", "31|32"],
        ["Jardin des Izards", "Soutenue", "31"],
    ]


def test_department_editors_neither_see_the_panel_nor_the_list(client, django_user_model, actions):
    editor = django_user_model.objects.create_user(username="editeur31", password="motdepasse-de-test")
    editor.groups.add(Group.objects.get(name__startswith="Éditeurs 31"))
    client.force_login(editor)
    assert "objectif de 100" not in response_text(client.get(reverse("wagtailadmin_home")))
    assert client.get(reverse("actions_signifiantes:index")).status_code in (302, 403)


def test_communication_officers_see_the_panel(client, django_user_model, actions):
    officer = django_user_model.objects.create_user(username="communication", password="motdepasse-de-test")
    officer.groups.add(Group.objects.get(name=COMMUNICATION_OFFICERS))
    client.force_login(officer)
    assert "4 actions signifiantes accompagnées" in response_text(client.get(reverse("wagtailadmin_home")))
