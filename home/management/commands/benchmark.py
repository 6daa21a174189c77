"""Serve the site with gunicorn on loopback and measure it: requests/s, p50, p99 and errors per scenario,
next to a bare Django view (the ceiling). Every load is bounded in time; only 127.0.0.1 is targeted."""

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from centres.models import CentrePage
from home.benchmark import dataset
from home.benchmark.load import LOOPBACK, Scenario, run

# The targets on a 2-core machine.
UNCACHED_SHARE = 0.25
CACHED_SHARE = 0.70
P99_MAX_MS = 250
LISTING = "/api/v2/pages/?type=blog.InitiativePage&fields=*&limit=20"


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"gunicorn n'a pas répondu sur {url} en {timeout} s.")


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


class Command(BaseCommand):
    help = "Mesure les performances du site servi par gunicorn sur 127.0.0.1 (jeu de données national)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="Secondes de charge par scénario (10).")
        parser.add_argument("--connections", type=int, default=8, help="Connexions simultanées (8).")
        parser.add_argument("--workers", type=int, default=2, help="Processus gunicorn (2).")
        parser.add_argument("--threads", type=int, default=4, help="Fils par processus gunicorn (4).")

    def handle(self, *args, **options):
        if not 1 <= options["duration"] <= 120:
            raise CommandError("--duration : entre 1 et 120 secondes.")
        call_command("build_benchmark_data", stdout=self.stdout)
        port = free_port()
        base = f"http://{LOOPBACK}:{port}"
        server = self.start_gunicorn(port, options["workers"], options["threads"])
        try:
            wait_until_up(base + "/__benchmark__/ceiling")
            scenarios = self.scenarios(base)
            results = []
            for scenario in scenarios:
                for _ in range(3):  # warm-up, not measured: renditions, caches, connections
                    get(base + scenario.pick_path(random.Random(0)), scenario.headers)  # noqa: S311
                self.stdout.write(f"… {scenario.name}")
                results.append(run(base, scenario, options["duration"], options["connections"]))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        self.report(results, options)

    def start_gunicorn(self, port, workers, threads):
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "home.benchmark.settings"}
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--pythonpath",
            f"{settings.SITE_DIR},{settings.BASE_DIR}",
            f"--bind={LOOPBACK}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--log-level=warning",
            "wsgi:application",
        ]
        return subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment)  # noqa: S603

    def scenarios(self, base):
        centre = CentrePage.objects.filter(slug__startswith=dataset.SLUG_PREFIX).order_by("pk").first()
        status, headers = get(base + LISTING)
        etag = headers.get("ETag", "")
        if status != 200 or not etag:
            self.stdout.write(self.style.WARNING("La liste des initiatives n'a pas d'ETag : pas de réponse 304."))
        return [
            Scenario("Plafond : vue Django minimale (JSON)", "/__benchmark__/ceiling"),
            Scenario(
                "20 initiatives, fields=*, sans cache",
                LISTING.replace("limit=20", "limit=20&offset={offset}"),
                offsets=dataset.INITIATIVES - 20,
            ),
            Scenario("20 initiatives, fields=*, en cache", LISTING),
            Scenario("Fiche d'un centre", f"/api/v2/pages/{centre.pk}/"),
            Scenario(
                "Centres proches (near)", "/api/v2/pages/?type=centres.CentrePage&near=43.6045,1.4440&radius_km=30"
            ),
            Scenario("Recherche « logements »", "/api/v2/pages/?type=blog.InitiativePage&search=logements&limit=20"),
            Scenario("GeoJSON des 4 000 centres", "/api/v2/centres.geojson"),
            Scenario("Flux RSS des initiatives", "/api/v2/feeds/initiatives.rss"),
            Scenario("Requête conditionnelle (304)", LISTING, headers={"If-None-Match": etag}, expected_status=304),
        ]

    def report(self, results, options):
        ceiling = results[0].rate or 1.0
        self.stdout.write("")
        self.stdout.write(
            f"{options['connections']} connexions, {options['duration']} s par scénario, "
            f"gunicorn {options['workers']}×{options['threads']} fils sur {os.cpu_count()} cœurs"
        )
        header = f"{'Scénario':<42} {'req/s':>8} {'% plafond':>9} {'p50 ms':>8} {'p99 ms':>8} {'erreurs':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for result in results:
            self.stdout.write(
                f"{result.name:<42} {result.rate:>8.0f} {100 * result.rate / ceiling:>8.0f}% "
                f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {result.errors:>8}"
            )
        by_name = {result.name: result for result in results}
        checks = [
            (
                "liste sans cache ≥ 25 % du plafond",
                by_name["20 initiatives, fields=*, sans cache"].rate >= UNCACHED_SHARE * ceiling,
            ),
            (
                "liste en cache ≥ 70 % du plafond",
                by_name["20 initiatives, fields=*, en cache"].rate >= CACHED_SHARE * ceiling,
            ),
            ("304 ≥ 70 % du plafond", by_name["Requête conditionnelle (304)"].rate >= CACHED_SHARE * ceiling),
            (f"p99 ≤ {P99_MAX_MS} ms partout", all(result.p99_ms <= P99_MAX_MS for result in results)),
            ("aucune erreur", all(result.errors == 0 for result in results)),
        ]
        self.stdout.write("")
        for label, ok in checks:
            mark = self.style.SUCCESS("atteint") if ok else self.style.ERROR("non atteint")
            self.stdout.write(f"Objectif {label} : {mark}")
