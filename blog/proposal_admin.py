"""Admin of the initiative proposals: who proposed what, for the moderators and the communication officers.

The proposals are created by the public form only: nobody adds one from the admin. Those with the Django
permissions may correct the contact or delete it (a proposer's request to rectify or erase their data).
Registered in centres/wagtail_hooks.py with the correction requests, under "Remontées du terrain".
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models_proposals import InitiativeProposal


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """The model's Django permissions, except that nobody adds a row from the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(InitiativeProposal, NoAddPermissionPolicy(InitiativeProposal))


def page_status(proposal):
    page = proposal.page
    if page.live:
        return _("Publiée")
    if page.workflow_in_progress:
        return _("En modération")
    return _("Brouillon")


def page_editor_url(proposal):
    return reverse("wagtailadmin_pages:edit", args=[proposal.page_id])


class ProposalIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class InitiativeProposalViewSet(ModelViewSet):
    model = InitiativeProposal
    index_view_class = ProposalIndexView
    icon = "mail"
    menu_label = _("Propositions d'initiatives")
    url_prefix = "propositions-initiatives"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "page",
        Column("status", label=_("État"), accessor=page_status),
        TitleColumn(
            "review", label=_("Relecture"), accessor=lambda proposal: _("Ouvrir la page"), get_url=page_editor_url
        ),
        "structure",
        "proposer_name",
        "proposer_email",
        DateColumn("created_at", label=_("Reçue le")),
    ]
    form_fields = ["proposer_name", "proposer_email", "proposer_phone", "structure"]
    search_fields = ["page__title", "structure", "proposer_name", "proposer_email"]
    inspect_view_fields = [
        "page",
        "structure",
        "proposer_name",
        "proposer_email",
        "proposer_phone",
        "consent",
        "created_at",
    ]
