"""Build the benchmark's national-scale dataset (4,000 centres, 20,000 initiatives, 1,000 trainings) in a
dedicated PostgreSQL database, then index it for French full-text search. Does nothing if it is there."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from home.benchmark import dataset


class Command(BaseCommand):
    help = "Construit le jeu de données national du banc d'essai (PostgreSQL uniquement)."

    def handle(self, *args, **options):
        if not settings.DATABASE_IS_POSTGRES:
            raise CommandError(
                "Le banc d'essai se construit dans une base PostgreSQL dédiée : "
                "DATABASE_URL=postgres://figo:figo@127.0.0.1:5432/figo_benchmark"
            )
        call_command("migrate", interactive=False, verbosity=0)
        if dataset.already_built():
            self.stdout.write("Jeu de données du banc d'essai déjà présent.")
            return
        started = time.monotonic()
        counts = dataset.build(stdout=self.stdout)
        dataset.index_for_search(stdout=self.stdout)
        made = ", ".join(f"{number} {name}" for name, number in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Construit en {time.monotonic() - started:.0f} s : {made}."))
