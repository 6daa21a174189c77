"""`manage.py build_api_index [--clear]`: fill the API index with every live, public page's items.

The index fills itself as partners read the API; this command fills it at once (after a deployment, after
bulk changes made without signals), the way Wagtail's `update_index` rebuilds the search index. It reads
every listing the index serves (each page type, each variant, each site, and the centres' GeoJSON)
through the API itself, so what it stores is exactly what a partner's request would.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from wagtail.models import Site

from home import api_index


def indexed_listings():
    """(type label, variant) of every listing whose items the index keeps."""
    from api import FigoPagesEndpoint

    labels = sorted(model._meta.label for model in FigoPagesEndpoint.page_types)
    return [(label, variant) for label in labels for variant in api_index.LISTING_VARIANTS]


class Command(BaseCommand):
    help = "Remplit l'index de l'API (fiches sérialisées des pages publiées et totaux des listes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clear", action="store_true", help="Déclare d'abord tout l'index périmé, puis le reconstruit."
        )

    def handle(self, *args, **options):
        if not settings.API_INDEX_ENABLED:
            raise CommandError("L'index de l'API est désactivé (API_INDEX_ENABLED=0) : rien à construire.")
        started = time.monotonic()
        if options["clear"]:
            api_index.invalidate_all_items()
            api_index.invalidate_totals()
        sites = list(Site.objects.order_by("pk"))
        if not sites:
            raise CommandError("Aucun site Wagtail : créez-en un (ou chargez la démonstration) d'abord.")
        limit = settings.WAGTAILAPI_LIMIT_MAX
        # The response cache would only keep what this command reads: it is not used here.
        with override_settings(API_CACHE_ENABLED=False):
            for site in sites:
                client = Client(HTTP_HOST=site.hostname, raise_request_exception=True)
                for label, variant in indexed_listings():
                    count = self.read_listing(client, site, label, variant, limit)
                    self.stdout.write(f"{site.hostname} · {label} · fields={variant or '(défaut)'} : {count} pages")
                self.get(client, site, "/api/v2/centres.geojson")
                self.stdout.write(f"{site.hostname} · GeoJSON des centres")
        removed = api_index.remove_orphans()
        if removed:
            self.stdout.write(f"{removed} entrées de pages supprimées retirées de l'index")
        self.stdout.write(self.style.SUCCESS(f"Index de l'API construit en {time.monotonic() - started:.0f} s."))

    def read_listing(self, client, site, label, variant, limit):
        """Page through a listing (every page's item is built if it was not current); its total."""
        offset, total = 0, None
        while total is None or offset < total:
            query = {"type": label, "limit": limit, "offset": offset}
            if variant:
                query["fields"] = variant
            total = self.get(client, site, "/api/v2/pages/", query).json()["meta"]["total_count"]
            offset += limit
        return total

    def get(self, client, site, path, query=None):
        response = client.get(path, query or {})
        if response.status_code != 200:
            raise CommandError(
                f"{path} sur {site.hostname} a répondu {response.status_code} : vérifiez ALLOWED_HOSTS et le site."
            )
        return response
