"""Admin export of the directory as CSV, in the very format `manage.py import_centres` reads (csv_format.py):
export, edit in a spreadsheet, import again."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .csv_format import COLUMNS, centre_to_row, csv_response
from .models import CentrePage, DirectoryPage


def can_export_directory(user):
    """Whoever may edit the whole directory: the federal team, communication officers, moderators."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(directory.permissions_for_user(user).can_edit() for directory in DirectoryPage.objects.all())


def directory_rows():
    """The header and one row per centre page (published or not), by département then name."""
    centres = (
        CentrePage.objects.select_related("commune")
        .prefetch_related("themes", "audiences", "opening_hours")
        .order_by("commune__department__code", "title", "pk")
    )
    return [COLUMNS, *(centre_to_row(centre) for centre in centres)]


def export_directory(request):
    if not can_export_directory(request.user):
        raise PermissionDenied
    return csv_response(f"annuaire-centres-{timezone.localdate():%Y-%m-%d}.csv", directory_rows())


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export_directory(request.user)


@hooks.register("register_admin_urls")
def register_export_url():
    return [path("annuaire/export.csv", export_directory, name="centres_export_csv")]


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem("Exporter l'annuaire (CSV)", reverse("centres_export_csv"), icon_name="download", order=320)
