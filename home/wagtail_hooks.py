"""Admin of the shared vocabularies: départements, themes, publics and communes."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from centres.models import Partner

from .choosers import commune_chooser_viewset
from .models import Audience, Commune, Department, Theme


class DepartmentAdmin(ModelAdmin):
    model = Department
    menu_label = _("Départements")
    menu_icon = "site"
    list_display = ("code", "name")
    search_fields = ("code", "name")


class ThemeAdmin(ModelAdmin):
    model = Theme
    menu_label = _("Thèmes")
    menu_icon = "tag"
    list_display = ("name", "slug")
    search_fields = ("name",)


class AudienceAdmin(ModelAdmin):
    model = Audience
    menu_label = _("Publics")
    menu_icon = "group"
    list_display = ("name", "slug")
    search_fields = ("name",)


class PartnerAdmin(ModelAdmin):
    model = Partner
    menu_label = _("Partenaires")
    menu_icon = "handshake"
    list_display = ("name", "partner_type", "convention_start", "convention_end")
    list_filter = ("partner_type", "departments", "themes")
    search_fields = ("name", "description")


class CommuneAdmin(ModelAdmin):
    """Communes come from INSEE data: editors consult them, nobody edits them by hand."""

    model = Commune
    menu_label = _("Communes")
    menu_icon = "pick"
    list_display = ("name", "insee_code", "postcodes", "department", "population")
    list_filter = ("department",)
    search_fields = ("name", "insee_code", "postcodes")
    list_per_page = 50
    inspect_view_enabled = True

    def get_permission_helper_class(self):
        from wagtail_modeladmin.helpers import PermissionHelper

        class ReadOnlyPermissionHelper(PermissionHelper):
            def user_can_create(self, user):
                return False

            def user_can_edit_obj(self, user, obj):
                return False

            def user_can_delete_obj(self, user, obj):
                return False

        return ReadOnlyPermissionHelper


class ReferenceDataGroup(ModelAdminGroup):
    menu_label = _("Référentiels")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (PartnerAdmin, DepartmentAdmin, ThemeAdmin, AudienceAdmin, CommuneAdmin)


modeladmin_register(ReferenceDataGroup)


@hooks.register("register_admin_viewset")
def register_commune_chooser():
    return commune_chooser_viewset
