"""Create or complete the federation's roles: groups, collections, page rights and the moderation workflow."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import WorkflowPage

from home import roles


class Command(BaseCommand):
    help = (
        "Crée ou complète les groupes (administrateurs fédéraux, chargés de communication, éditeurs par "
        "département, modérateurs, structures adhérentes), leurs collections et leurs droits, et place "
        "l'annuaire et le blog sous le workflow « Relecture fédérale ». Sans effet si tout est déjà en place ; "
        "ne retire jamais un droit."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            roles.sync_roles()
        for group in Group.objects.order_by("name"):
            self.stdout.write(
                f"{group.name} : {group.page_permissions.count()} droit(s) sur des pages, "
                f"{group.collection_permissions.count()} sur des collections, {group.user_set.count()} membre(s)"
            )
        moderated = WorkflowPage.objects.filter(workflow__name=roles.WORKFLOW_NAME).select_related("page")
        sections = ", ".join(item.page.title for item in moderated) or "aucune section (annuaire et blog à créer)"
        self.stdout.write(self.style.SUCCESS(f"Rôles à jour. « {roles.WORKFLOW_NAME} » s'applique à : {sections}."))
