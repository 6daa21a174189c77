"""Admin of the "100 actions signifiantes": the dashboard panel and the filterable list with its CSV export."""

from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet

from centres.csv_format import SpreadsheetCsvExportMixin
from home.models import Department, Theme

from .models import BlogIndexPage, InitiativePage
from .tracker import (
    STAGE_CHOICES,
    STALE_AFTER_MONTHS,
    department_codes,
    filter_by_department,
    filter_by_stage,
    filter_by_theme,
    significant_actions,
    stage_label,
    tracker_summary,
)


def can_follow_actions(user):
    """Whoever may edit the blog (federal team, communication, moderators) follows the actions."""
    if user.is_superuser:
        return True
    return any(blog.permissions_for_user(user).can_edit() for blog in BlogIndexPage.objects.all())


class TrackerPanel(Component):
    """Dashboard panel: the actions accompanied against the target, by stage and département, and the stalled."""

    name = "significant_actions"
    template_name = "tracker/panel.html"
    order = 120

    def get_context_data(self, parent_context):
        return {"summary": tracker_summary(), "stale_months": STALE_AFTER_MONTHS}


@hooks.register("construct_homepage_panels")
def add_tracker_panel(request, panels):
    if can_follow_actions(request.user):
        panels.append(TrackerPanel())


class SignificantActionFilterSet(PageFilterSet):
    stage = ChoiceFilter(
        label=_("Étape actuelle"), choices=STAGE_CHOICES, method="filter_stage", empty_label=_("Toutes")
    )
    department = ModelChoiceFilter(
        label=_("Département"), queryset=Department.objects.order_by("code"), method="filter_department"
    )
    theme = ModelChoiceFilter(label=_("Thème"), queryset=Theme.objects.order_by("name"), method="filter_theme")

    class Meta(PageFilterSet.Meta):
        model = InitiativePage
        fields = []

    def filter_stage(self, queryset, name, value):
        return filter_by_stage(queryset, value)

    def filter_department(self, queryset, name, value):
        return filter_by_department(queryset, value)

    def filter_theme(self, queryset, name, value):
        return filter_by_theme(queryset, value)


class SignificantActionIndexView(SpreadsheetCsvExportMixin, IndexView):
    """The significant actions with their current stage and départements; the CSV button exports the filtered list."""

    page_title = _("Actions signifiantes")
    default_ordering = "title"
    list_export = ["title", "current_stage", "departments", "last_stage_date", "status", "date", "themes", "url"]
    export_headings = {
        "title": _("Action"),
        "current_stage": _("Étape actuelle"),
        "departments": _("Départements"),
        "last_stage_date": _("Date de l'étape"),
        "status": _("Publication"),
        "date": _("Date de l'initiative"),
        "themes": _("Thèmes"),
        "url": _("Adresse publique"),
    }
    export_filename = "actions-signifiantes"

    @cached_property
    def columns(self):
        return [
            PageTitleColumn("title", label=_("Action"), sort_key="title", classname="title"),
            Column("current_stage", label=_("Étape actuelle"), accessor=lambda page: stage_label(page.current_stage)),
            Column("departments", label=_("Départements"), accessor=lambda page: ", ".join(department_codes(page))),
            Column(
                "last_stage_date",
                label=_("Date de l'étape"),
                sort_key="last_stage_date",
                accessor=lambda page: date_format(page.last_stage_date) if page.last_stage_date else "—",
            ),
            PageStatusColumn("status", label=_("Publication"), sort_key="live"),
        ]

    def dispatch(self, request, *args, **kwargs):
        if not can_follow_actions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_valid_orderings(self):
        return ["title", "-title", "last_stage_date", "-last_stage_date", "live", "-live"]

    def get_base_queryset(self):
        explorable = self.permission_policy.explorable_instances(self.request.user).values_list("pk", flat=True)
        pages = significant_actions().filter(pk__in=explorable)
        pages = pages.prefetch_related("organisers__centre__commune__department", "themes")
        return self.annotate_queryset(pages)

    def to_row_dict(self, item):
        return OrderedDict(
            [
                ("title", item.title),
                ("current_stage", stage_label(item.current_stage)),
                ("departments", department_codes(item)),
                ("last_stage_date", item.last_stage_date),
                ("status", _("publiée") if item.live else _("brouillon")),
                ("date", item.date),
                ("themes", [theme.name for theme in item.themes.all()]),
                ("url", item.full_url if item.live else ""),
            ]
        )


class SignificantActionViewSet(PageListingViewSet):
    model = InitiativePage
    name = "actions_signifiantes"
    icon = "pick"
    menu_label = _("Actions signifiantes")
    index_view_class = SignificantActionIndexView
    filterset_class = SignificantActionFilterSet

    @cached_property
    def menu_item_class(self):
        return type(
            "SignificantActionsMenuItem",
            (MenuItem,),
            {"is_shown": lambda item, request: can_follow_actions(request.user)},
        )


class FederalProjectMenu(ViewSetGroup):
    """The "Projet fédéral" menu: the federation's follow-up tools."""

    menu_label = _("Projet fédéral")
    menu_icon = "tasks"
    menu_order = 150
    items = (SignificantActionViewSet,)


@hooks.register("register_admin_viewset")
def register_significant_actions():
    return FederalProjectMenu()
