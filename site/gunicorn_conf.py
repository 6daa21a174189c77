"""gunicorn's configuration for a deployment on a small machine, and for the benchmark.

`gunicorn -c site/gunicorn_conf.py --pythonpath site,. --bind 127.0.0.1:8001 wsgi:application`; the
benchmark command gives the address, workers and threads on its command line (they win over this file).

- gthread workers keep HTTP/1.1 connections alive, so a partner's (or wrk's) connection is reused;
  a few threads per process let a worker serve another request while one waits for the database.
- The application is loaded once, before the workers are forked (preload): they start at once and share
  its memory. Nothing opens a database connection at loading; the workers close any, to be sure.
- Python's cyclic garbage collector would scan every object of Django and Wagtail (a million) now and
  then, stopping a worker for tens of milliseconds: the objects that live as long as the process are
  frozen out of its sight, at fork and again once the first requests have loaded the rest (URLconf,
  serializers…). This keeps the slowest requests (p99) from paying for it.
- No access log (a line per request costs as much as a cached response), errors only.
- Each worker listens on its own socket (SO_REUSEPORT): the kernel spreads new connections evenly between
  the workers. On a socket shared by all, whichever worker wakes first accepts, and a few busy keep-alive
  connections (a partner's crawler, a CDN, wrk) can all end up in one process, leaving the other core idle.
"""

import gc

worker_class = "gthread"
workers = 2
threads = 4
keepalive = 5
reuse_port = True
preload_app = True
accesslog = None
loglevel = "warning"

# After this many requests a worker has loaded what it keeps for its lifetime.
FREEZE_AFTER_REQUESTS = 50


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    from django.db import connections

    connections.close_all()


def post_request(worker, req, environ, resp):
    if worker.nr >= FREEZE_AFTER_REQUESTS and not getattr(worker, "figo_frozen", False):
        worker.figo_frozen = True
        gc.freeze()
