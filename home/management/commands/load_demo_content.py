"""`manage.py load_demo_content`: build the demo site (idempotent) and print what it did, in French."""

import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from home.demo.builder import ADMIN_PASSWORD, ADMIN_USERNAME, build_demo_content

ADMIN_URL = "http://127.0.0.1:8000/admin/"
KINDS = [
    ("pages", "Pages", "créées", "déjà présentes"),
    ("images", "Images", "créées", "déjà présentes"),
    ("documents", "Documents PDF", "créés", "déjà présents"),
    ("partners", "Partenaires", "créés", "déjà présents"),
]


class Command(BaseCommand):
    help = (
        "Crée le contenu de démonstration (annuaire, initiatives, centre ressources, partenaires) et un "
        "administrateur de démonstration. Relancer la commande ne modifie rien."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            summary = build_demo_content()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] == 0:
            return
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING("Contenu de démonstration de la FIGO"))
        for kind, label, created_label, existing_label in KINDS:
            created, existing = summary.created.get(kind, 0), summary.existing.get(kind, 0)
            write(f"  {label} : {created} {created_label}, {existing} {existing_label}")
        write(f"  Administrateur de démonstration : {'créé' if summary.admin_created else 'déjà présent'}")
        if summary.created.get("home"):
            write("  Page d'accueil : introduction et mises en avant ajoutées")
        if not summary.changed_anything:
            write("  Rien à faire : le contenu de démonstration est déjà en place.")
        write(
            self.style.WARNING(
                "Ce contenu est une démonstration : les centres, les personnes, les initiatives et les dates "
                "sont fictifs ; seules les communes et les partenaires institutionnels sont réels."
            )
        )
        write(f"Administration : {ADMIN_URL}")
        if summary.admin_password_is_demo:
            write(f"Identifiant : {ADMIN_USERNAME} — mot de passe : {ADMIN_PASSWORD}")
        else:
            write(f"Le compte « {ADMIN_USERNAME} » existait déjà : son mot de passe n'a pas été modifié.")
        write(f"Terminé en {time.monotonic() - started:.1f} s.".replace(".", ",", 1))
