"""Serve the site with gunicorn on loopback and measure it: requests/s, p50, p99 and errors per scenario,
next to a bare Django view (the ceiling). Every load is bounded in time; only 127.0.0.1 is targeted.

How it is measured (printed with the results):
- gunicorn as site/gunicorn_conf.py runs it: gthread workers with keep-alive (wrk's connections
  are reused), the application preloaded, no access log; production settings (DEBUG off) with the
  benchmark's URLconf (home.benchmark.settings).
- The cache a deployment uses: Redis (`--cache redis`, the default, as the README's deployment has it:
  Debian's redis-server started on 127.0.0.1 for the run only, without persistence), or local memory in each
  worker (`--cache locmem`, a deployment without REDIS_URL); `both` runs both.
- Every scenario is loaded for `--warmup` seconds before it is measured: first requests of each worker,
  connections and caches are not counted.
- The ceiling is measured first and last; shares are computed against the higher one, with a warning when
  they differ (the machine was doing something else).
- gunicorn hands wrk's 8 connections to whichever worker accepts first: when one worker did most of the work
  (CPU time per worker, from /proc), the run measured one process and is done again (twice at most).
- "ms CPU": the server's CPU time per request (gunicorn, the database's backends, Redis), which depends little
  on the rest of the machine; "% (CPU)" is the share of the ceiling that cost allows.
- "sans cache": the request carries the header X-Figo-Benchmark-Cache, which only the benchmark's settings
  honour (API_CACHE_BYPASS_HEADER): "all" computes the response without the response cache (only the site,
  the restricted branches and a listing's compiled SQL, kept once per content version and process, are not
  read again). Listings and the GeoJSON then read the API index (home.api_index), as any request does: like
  the search index, it is the database's state, kept at publication; it is built before measuring
  (`build_api_index`). A query parameter cannot do it: the API refuses unknown parameters.
- Requests say "Accept-Encoding: gzip", as browsers and HTTP libraries do.
"""

import io
import os
import secrets
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from centres.models import CentrePage
from home.benchmark import cpu, dataset
from home.benchmark.cpu import ServerCpu
from home.benchmark.load import LOOPBACK, Scenario, probe, run
from home.benchmark.processes import free_port, redis_server, stop, wait_until_up

# The targets on a 2-core machine.
UNCACHED_SHARE = 0.25
CACHED_SHARE = 0.70
P99_MAX_MS = 250
LISTING = "/api/v2/pages/?type=blog.InitiativePage&fields=*&limit=20"
UNCACHED_LISTING = "20 initiatives, fields=*, sans cache"
GZIP = {"Accept-Encoding": "gzip"}
BYPASS_HEADER = "X-Figo-Benchmark-Cache"
GUNICORN_CONF = "site/gunicorn_conf.py"
CEILING_AGAIN = "Plafond, mesuré à nouveau à la fin"
# Beyond this difference between the two ceilings, the machine was busy with something else.
CEILING_SPREAD = 0.15
# A run where the busiest worker worked this much more than the average (two workers: 70 % / 30 %) measured
# one process rather than the server.
IMBALANCE_MAX = 1.4
MAX_ATTEMPTS = 3


def load_average():
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


class Command(BaseCommand):
    help = "Mesure les performances du site servi par gunicorn sur 127.0.0.1 (jeu de données national)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="Secondes mesurées par scénario (10).")
        parser.add_argument("--warmup", type=int, default=2, help="Secondes de chauffe non mesurées (2).")
        parser.add_argument("--connections", type=int, default=8, help="Connexions simultanées (8).")
        parser.add_argument("--workers", type=int, default=2, help="Processus gunicorn (2).")
        parser.add_argument("--threads", type=int, default=4, help="Fils par processus gunicorn (4).")
        parser.add_argument(
            "--cache",
            choices=["locmem", "redis", "both"],
            default="redis",
            help="Cache du serveur : Redis, comme en production (par défaut), la mémoire locale de chaque processus, "
            "ou les deux l'un après l'autre.",
        )
        parser.add_argument("--only", default="", help="Seulement les scénarios dont le nom contient ce texte.")

    def handle(self, *args, **options):
        if not 1 <= options["duration"] <= 120 or not 0 <= options["warmup"] <= 30:
            raise CommandError("--duration : entre 1 et 120 secondes ; --warmup : entre 0 et 30.")
        call_command("build_benchmark_data", stdout=self.stdout)
        # The API index as after publication (a no-op when it is current): listings read their items from it.
        call_command("build_api_index", stdout=io.StringIO())
        for cache in ("locmem", "redis") if options["cache"] == "both" else (options["cache"],):
            if cache == "redis":
                with redis_server() as (url, redis_pid):
                    self.measure(options, cache, {"REDIS_URL": url}, redis_pid)
            else:
                self.measure(options, cache, {})

    def measure(self, options, cache, environment, redis_pid=None):
        port = free_port()
        base = f"http://{LOOPBACK}:{port}"
        before = load_average()
        server = self.start_gunicorn(port, options, environment)
        meter = None
        if cpu.available():
            meter = ServerCpu([server.pid, redis_pid], settings.DATABASES["default"]["NAME"], server=server.pid)
        try:
            wait_until_up(base + "/__benchmark__/ceiling")
            results = []
            scenarios = self.scenarios(base)
            # The ceiling again at the end: the machine's other work changes during a run.
            scenarios.append(Scenario(CEILING_AGAIN, scenarios[0].path, scenarios[0].headers))
            for scenario in scenarios:
                if options["only"] and options["only"] not in scenario.name and not scenario.name.startswith("Plafond"):
                    continue
                self.stdout.write(f"… {scenario.name}")
                if options["warmup"]:
                    run(base, scenario, options["warmup"], options["connections"], warmup=0)
                problem = self.check_answers(base, scenario)
                if problem:
                    self.stdout.write(self.style.ERROR(f"  {problem} : toutes ses requêtes comptent en erreur."))
                result = self.load(base, scenario, options, meter)
                if problem:
                    result.errors += result.requests or 1
                results.append((scenario, result))
        finally:
            stop(server)
        self.report(results, options, cache, before)

    def load(self, base, scenario, options, meter):
        """Measure the scenario; again (at most twice more) when one worker did most of the work.

        The kernel hands wrk's few connections to whichever worker accepts first, and a worker keeps its
        connections: now and then one worker gets nearly all of them and the run measures a single process.
        Many partners' connections would be shared evenly, so such a run is not kept.
        """
        for attempt in range(1, MAX_ATTEMPTS + 1):
            start = meter.snapshot() if meter else {}
            result = run(base, scenario, options["duration"], options["connections"], warmup=0)
            if not meter or not result.requests:
                return result
            end = meter.snapshot()
            result.cpu_ms = 1000 * meter.spent(start, end) / result.requests
            imbalance = meter.imbalance(start, end)
            if imbalance is None or imbalance <= IMBALANCE_MAX:
                return result
            if attempt == MAX_ATTEMPTS:
                result.name += " (1 processus)"
                return result
            self.stdout.write(f"  un processus a travaillé {imbalance:.1f} × la moyenne : mesure recommencée")
        return result

    def start_gunicorn(self, port, options, environment):
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        env.update(environment)
        env["DJANGO_SETTINGS_MODULE"] = "home.benchmark.settings"
        env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the same for every worker
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(settings.BASE_DIR / GUNICORN_CONF),
            "--pythonpath",
            f"{settings.SITE_DIR},{settings.BASE_DIR}",
            f"--bind={LOOPBACK}:{port}",
            f"--workers={options['workers']}",
            f"--threads={options['threads']}",
            "wsgi:application",
        ]
        return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603

    def check_answers(self, base, scenario, attempts=4):
        """What is wrong with the server's answers to the scenario, or "". A few requests are tried: each
        worker has its own local-memory cache, and the first request a worker gets is not a hit."""
        problem = ""
        for _attempt in range(attempts):
            status, headers = probe(base, scenario)
            if status != scenario.expected_status:
                return f"statut {status} au lieu de {scenario.expected_status}"
            problem = ""
            if scenario.expected_cache and headers.get("x-cache") != scenario.expected_cache:
                problem = f"X-Cache {headers.get('x-cache')} au lieu de {scenario.expected_cache}"
            if not problem:
                return ""
        return problem

    def scenarios(self, base):
        centre = CentrePage.objects.filter(slug__startswith=dataset.SLUG_PREFIX).order_by("pk").first()
        listing = Scenario("", LISTING, GZIP)
        probe(base, listing)  # stored in the cache, to read its ETag
        _status, headers = probe(base, listing)
        etag = headers.get("etag", "")
        if not etag:
            self.stdout.write(self.style.WARNING("La liste des initiatives n'a pas d'ETag : pas de réponse 304."))
        scenarios = [
            Scenario("Plafond : vue Django minimale (JSON)", "/__benchmark__/ceiling", GZIP),
            Scenario(UNCACHED_LISTING, LISTING, {**GZIP, BYPASS_HEADER: "all"}, expected_cache="BYPASS"),
            Scenario("20 initiatives, fields=*, en cache", LISTING, GZIP, expected_cache="HIT", cached=True),
            Scenario(
                "Requête conditionnelle (304)",
                LISTING,
                {**GZIP, "If-None-Match": etag},
                expected_status=304,
                expected_cache="HIT",
                cached=True,
            ),
        ]
        for name, path in (
            ("Fiche d'un centre", f"/api/v2/pages/{centre.pk}/"),
            ("Centres proches (near)", "/api/v2/pages/?type=centres.CentrePage&near=43.6045,1.4440&radius_km=30"),
            ("Recherche « logements »", "/api/v2/pages/?type=blog.InitiativePage&search=logements&limit=20"),
            ("GeoJSON des 4 000 centres", "/api/v2/centres.geojson"),
            ("Flux RSS des initiatives", "/api/v2/feeds/initiatives.rss"),
        ):
            scenarios.append(Scenario(f"{name}, en cache", path, GZIP, expected_cache="HIT", cached=True))
            scenarios.append(
                Scenario(f"{name}, sans cache", path, {**GZIP, BYPASS_HEADER: "all"}, expected_cache="BYPASS")
            )
        return scenarios

    def report(self, results, options, cache, before):
        first, last = results[0][1].rate, results[-1][1].rate
        # The higher of the two ceilings: every share is computed against the better state of the machine.
        ceiling = max(first, last) or 1.0
        self.stdout.write("")
        self.stdout.write(
            f"Cache : {'Redis (127.0.0.1)' if cache == 'redis' else 'mémoire locale de chaque processus'} ; "
            f"gunicorn {options['workers']} processus × {options['threads']} fils (gthread, keep-alive, "
            f"préchargé) sur {os.cpu_count()} cœurs ; {options['connections']} connexions, "
            f"{options['warmup']} s de chauffe puis {options['duration']} s mesurées par scénario ; "
            f"charge de la machine avant : {before}, après : {load_average()}."
        )
        header = (
            f"{'Scénario':<52} {'req/s':>7} {'% plafond':>9} {'p50 ms':>8} {'p99 ms':>8} {'erreurs':>7} "
            f"{'Ko/rép.':>8} {'ms CPU':>7} {'% (CPU)':>8}"
        )
        ceiling_cpu = min((r.cpu_ms for s, r in results if s.name.startswith("Plafond") and r.cpu_ms), default=0)
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for _scenario, result in results:
            cpu_share = f"{100 * ceiling_cpu / result.cpu_ms:>7.0f}%" if result.cpu_ms and ceiling_cpu else f"{'':>8}"
            self.stdout.write(
                f"{result.name:<52} {result.rate:>7.0f} {100 * result.rate / ceiling:>8.0f}% "
                f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {result.errors:>7} "
                f"{result.bytes_per_response / 1024:>8.1f} {result.cpu_ms:>7.2f} {cpu_share}"
            )
        self.stdout.write(
            "ms CPU : temps de calcul du serveur par requête (gunicorn, PostgreSQL, Redis), peu sensible au reste de "
            "la machine ; % (CPU) : la part du plafond que ce coût permet sur une machine au calme."
        )
        if abs(first - last) > CEILING_SPREAD * ceiling:
            self.stdout.write(
                self.style.WARNING(
                    f"Le plafond a varié de {first:.0f} à {last:.0f} req/s pendant la mesure : la machine n'était pas "
                    "au calme, les parts du plafond sont approximatives (relancer quand `uptime` est bas)."
                )
            )
        self.stdout.write(f"Parts calculées sur le plus haut des deux plafonds : {ceiling:.0f} req/s.")
        self.stdout.write("")
        for label, failing in self.checks(results, ceiling):
            if failing is None:
                continue
            mark = self.style.SUCCESS("atteint") if not failing else self.style.ERROR("non atteint")
            self.stdout.write(f"Objectif {label} : {mark}" + (f" ({', '.join(failing)})" if failing else ""))

    def checks(self, results, ceiling):
        """(label, names of the scenarios that miss it, or None when none was measured) for each target."""
        uncached = [result for scenario, result in results if scenario.name == UNCACHED_LISTING]
        cached = [(scenario, result) for scenario, result in results if scenario.cached]

        def failing(pairs, ok):
            return [result.name for _scenario, result in pairs if not ok(result)] if pairs else None

        return [
            (
                f"liste sans cache ≥ {UNCACHED_SHARE:.0%} du plafond",
                failing([(None, result) for result in uncached], lambda r: r.rate >= UNCACHED_SHARE * ceiling),
            ),
            (
                f"réponses en cache et 304 ≥ {CACHED_SHARE:.0%} du plafond",
                failing(cached, lambda r: r.rate >= CACHED_SHARE * ceiling),
            ),
            (f"p99 ≤ {P99_MAX_MS} ms partout", failing(results, lambda r: r.p99_ms <= P99_MAX_MS)),
            ("aucune erreur", failing(results, lambda r: r.errors == 0)),
        ]
