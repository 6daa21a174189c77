"""Admin of what readers send in ("Remontées du terrain"): correction requests and initiative proposals.

A correction request is seen and handled by whoever may edit its centre: a département's editors see their
own centres only; the moderators, the communication officers and the federal administrators see them all.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from blog.proposal_admin import InitiativeProposalViewSet, NoAddPermissionPolicy

from . import admin_export  # noqa: F401  (registers "Exporter l'annuaire (CSV)": its URL and menu item)
from .models import CorrectionRequest, CorrectionStatus


class CorrectionPermissionPolicy(NoAddPermissionPolicy):
    """The model's Django permissions, limited to the requests about centres the user may edit; no adding."""

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and CorrectionRequest.objects.editable_by(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return CorrectionRequest.objects.none()
        return CorrectionRequest.objects.editable_by(user)


register_permission_policy(CorrectionRequest, CorrectionPermissionPolicy(CorrectionRequest))


class InScopeMixin:
    """Requests about centres the user may not edit do not exist for them."""

    def get_object(self, queryset=None):
        correction = super().get_object(queryset) if queryset is not None else super().get_object()
        if not CorrectionRequest.objects.editable_by(self.request.user).filter(pk=correction.pk).exists():
            raise Http404
        return correction


class CorrectionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().editable_by(self.request.user).select_related("centre")


class CorrectionEditView(InScopeMixin, generic.EditView):
    def save_instance(self):
        correction = self.form.instance
        if correction.status == CorrectionStatus.HANDLED and correction.handled_at is None:
            correction.handled_at = timezone.now()
            correction.handled_by = self.request.user
        elif correction.status == CorrectionStatus.NEW:
            correction.handled_at = None
            correction.handled_by = None
        return super().save_instance()


class CorrectionInspectView(InScopeMixin, generic.InspectView):
    pass


class CorrectionDeleteView(InScopeMixin, generic.DeleteView):
    pass


class CorrectionRequestViewSet(ModelViewSet):
    model = CorrectionRequest
    icon = "warning"
    menu_label = _("Demandes de correction")
    url_prefix = "demandes-de-correction"
    index_view_class = CorrectionIndexView
    edit_view_class = CorrectionEditView
    inspect_view_class = CorrectionInspectView
    delete_view_class = CorrectionDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]
    list_display = ["centre", "name", "status", DateColumn("created_at", label=_("Reçue le"))]
    list_filter = ["status"]
    search_fields = ["centre__title", "message", "name", "email"]
    inspect_view_fields = [
        "centre",
        "message",
        "name",
        "email",
        "consent",
        "status",
        "handled_at",
        "handled_by",
        "created_at",
    ]


class FieldFeedbackGroup(ViewSetGroup):
    menu_label = _("Remontées du terrain")
    menu_icon = "mail"
    menu_order = 240
    items = (
        CorrectionRequestViewSet("correction_requests"),
        InitiativeProposalViewSet("initiative_proposals"),
    )


@hooks.register("register_admin_viewset")
def register_field_feedback():
    return FieldFeedbackGroup()
