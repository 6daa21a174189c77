"""The API index: each live page's serialised items and the listings' totals, kept in the database.

Serialising a page with its organisers, themes, images and rich text costs more than a millisecond;
counting 20,000 initiatives costs several. Both are done once, when needed, and kept in
home.models.ApiIndexEntry until a change could alter them, as Wagtail keeps its search index. The partner
API then answers a plain listing with one light query (its page ids joined to their items, and its total),
cached response or not.

When an entry is current:
- an item ("item:<site>:<variant>:<page id>") when it was built under its present `stamp`, in the present items
  epoch and format. Invalidating pages gives their entries a new stamp (home.api_index_signals: a
  page's publication, unpublication or deletion, an image or a document it shows…); changes that could
  alter any item (a move, a view restriction, a theme, a site) start a new items epoch instead;
- a total ("total:<site>:<type>") when it was counted under its present `stamp`, in the present totals
  epoch and format. A page's change gives the totals of its type new stamps; a move, a deletion, a view
  restriction or a site starts a new totals epoch. Totals are per type, so that a long transaction (an
  import of centres) holds only the centres' totals, not every listing's.
- The format (`index_format`) covers what shapes every item besides content: the API's base URL, the
  media URL, the time zone, the fields of each page type and the source of the code that serialises them.
  A deployment that changes them finds the old entries out of date by itself.

Concurrency: a reader builds missing items from what it reads *after* noting their stamps and writes them
only if the stamps are unchanged (one conditional UPDATE), and invalidation writes a new stamp even where
no entry exists yet (an upsert), inside the transaction that changes the content. So a reader racing a
publication either sees the new content or fails to store what it built: an item built from content that
was replaced is never kept.
"""

import hashlib
import secrets
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, Q, TextField, Value, When
from wagtail.models import Site

from home.api_privacy import site_root
from home.models import ApiIndexEntry, ApiIndexState
from home.open_formats import json_text
from home.sql_cursor import api_cursor, as_bytes, inline_parameters

STATE_PK = 1
# Raised when the shape of the items changes in a way index_format cannot see (code outside SHAPING_MODULES).
FORMAT_VERSION = 1
ITEM_PREFIX = "item"
TOTAL_PREFIX = "total"
# Rows per statement: SQLite limits the depth of a WHERE (the conditional update's OR) and its parameters.
WRITE_BATCH = 200
READ_BATCH = 1000

_FORMAT = {}


def batched(items, size):
    """Slices of at most `size` items of a list (itertools.batched needs Python 3.12)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def new_stamp():
    return secrets.randbits(62)


def item_prefix(scope, variant):
    """What the keys of a variant's items for a site start with."""
    return f"{ITEM_PREFIX}:{scope}:{variant}:"


def item_key(scope, variant, page_id):
    return f"{item_prefix(scope, variant)}{page_id}"


def total_key(scope, name):
    return f"{TOTAL_PREFIX}:{scope}:{name}"


# The modules whose code shapes the items, besides each page type's own module.
SHAPING_MODULES = (
    "home.api",
    "home.api_fields",
    "home.api_deferred",
    "home.api_images",
    "home.blocks",
    "home.open_formats",
    "centres.geojson",
)


def code_fingerprint():
    """The fields the API shows of every page type and the source of the code that serialises them
    (computed once per process): a deployment that changes them finds every entry out of date."""
    if "code" not in _FORMAT:
        import importlib
        import inspect

        from wagtail.models import get_page_models

        from home.api import PagesEndpoint

        models = sorted(get_page_models(), key=lambda model: model._meta.label)
        digest = hashlib.sha256()
        for model in models:
            digest.update(f"{model._meta.label}={','.join(PagesEndpoint.get_available_fields(model))}|".encode())
        for name in sorted({*SHAPING_MODULES, *(model.__module__ for model in models)}):
            digest.update(inspect.getsource(importlib.import_module(name)).encode())
        _FORMAT["code"] = digest.hexdigest()
    return _FORMAT["code"]


def index_format():
    """A fingerprint of everything besides content that shapes the items: code, settings, fields."""
    parts = (settings.WAGTAILAPI_BASE_URL, settings.MEDIA_URL, settings.TIME_ZONE, settings.LANGUAGE_CODE)
    fingerprint = _FORMAT.get(parts)  # read at every listing: hashed once per set of settings
    if fingerprint is None:
        whole = "|".join((str(FORMAT_VERSION), *parts, code_fingerprint()))
        fingerprint = _FORMAT[parts] = hashlib.sha256(whole.encode()).hexdigest()[:32]
    return fingerprint


def state():
    """The epochs (items, totals); the state row is made again if a test flushed the tables."""
    found = ApiIndexState.objects.filter(pk=STATE_PK).values_list("items_epoch", "totals_epoch").first()
    if found is None:
        ApiIndexState.objects.get_or_create(pk=STATE_PK)
        return 0, 0
    return found


def scope_of(request):
    """The site whose entries a request reads (a page's URLs may depend on the site asking)."""
    found = site_root(request)
    return found[0].pk if found else 0


def _current(alias, epoch):
    """SQL: the entry `alias` is current (`epoch`: "items_epoch" or "totals_epoch"), and its parameters."""
    state_table = ApiIndexState._meta.db_table
    sql = (
        f"{alias}.format = %s AND {alias}.built_stamp = {alias}.stamp "  # noqa: S608 (names only)
        f"AND {alias}.epoch = (SELECT {epoch} FROM {state_table} WHERE id = %s)"
    )
    return sql, [index_format(), STATE_PK]


def read(keys):
    """{key: body (UTF-8 bytes)} of the current entries among `keys`, items and totals alike, in one query.

    Written in SQL and prepared (home.sql_cursor): it runs on every filtered listing, and building it
    through the ORM cost more than running it.
    """
    if not keys:
        return {}
    item_sql, item_params = _current("e", "items_epoch")
    total_sql, total_params = _current("e", "totals_epoch")
    if connection.vendor == "postgresql":  # one prepared statement, whatever the number of keys
        keys_sql, keys_params = "e.key = ANY(%s)", [list(keys)]
    else:
        keys_sql, keys_params = f"e.key IN ({', '.join(['%s'] * len(keys))})", list(keys)
    sql = (
        f"SELECT e.key, e.body FROM {ApiIndexEntry._meta.db_table} e "  # noqa: S608 (names and own SQL only)
        f"WHERE {keys_sql} AND ((e.page_id IS NOT NULL AND {item_sql}) OR (e.page_id IS NULL AND {total_sql}))"
    )
    with api_cursor() as cursor:
        cursor.execute(sql, [*keys_params, *item_params, *total_params])
        return {key: as_bytes(body) for key, body in cursor.fetchall()}


def read_listing(scope, variant, pages_sql, offset, limit, key):
    """One slice of a plain listing in one query: (page ids in order, {id: body (UTF-8 bytes)} of their
    current items, the total stored under `key` if current, else None).

    `pages_sql` is (SQL, parameters) selecting the listing's page ids and tree paths in tree order: on
    PostgreSQL, with its parameters written in (sql_cursor.inline_parameters), since the whole query is
    prepared once per connection and only the slice, the site and the format vary.
    """
    sql, params = pages_sql
    entry = ApiIndexEntry._meta.db_table
    item_sql, item_params = _current("e", "items_epoch")
    total_sql, total_params = _current("t", "totals_epoch")
    query = (
        "SELECT 0, listed.path, listed.pk, e.body "  # noqa: S608 (table names and the API's own SQL only)
        f"FROM ({sql} LIMIT %s OFFSET %s) listed LEFT JOIN {entry} e "
        f"ON e.key = (%s || CAST(listed.pk AS VARCHAR(20))) AND {item_sql} "
        f"UNION ALL SELECT 1, NULL, NULL, t.body FROM {entry} t WHERE t.key = %s AND {total_sql} "
        "ORDER BY 1, 2"
    )
    with api_cursor() as cursor:
        cursor.execute(query, [*params, limit, offset, item_prefix(scope, variant), *item_params, key, *total_params])
        rows = cursor.fetchall()
    ids = [pk for kind, _path, pk, _body in rows if kind == 0]
    bodies = {pk: as_bytes(body) for kind, _path, pk, body in rows if kind == 0 and body is not None}
    totals = [body for kind, _path, _pk, body in rows if kind == 1]
    return ids, bodies, (int(totals[0]) if totals else None)


def queryset_items(pages, scope, variant, build, columns=(), whole=False):
    """[(page id, *columns, body (UTF-8 bytes))] of a queryset of pages, in its order: their ids first,
    then their current items, the others built (all of them when the index is off). A long listing's way
    (the map's 4,000 centres).

    `whole`: the queryset holds every page of its type the site shows (the unfiltered map). Their items are
    then read in one scan of the variant's entries, which costs less than one index probe per page
    (4,000 centres: 5 ms instead of 8, and no sort of their bodies).
    """
    rows = list(pages.values_list("pk", *columns))
    bodies = items(scope, variant, [row[0] for row in rows], build, whole)
    return [(*row, bodies[row[0]]) for row in rows if row[0] in bodies]


def read_variant(scope, variant):
    """{page id: body (UTF-8 bytes)} of every current item of `variant` for the site `scope`, in one scan of
    the index's keys (the prefix is written in, so that the prepared statement keeps its index condition)."""
    matches, match_params = inline_parameters("e.key LIKE %s ESCAPE '\\'", [like_prefix(item_prefix(scope, variant))])
    item_sql, item_params = _current("e", "items_epoch")
    sql = f"SELECT e.page_id, e.body FROM {ApiIndexEntry._meta.db_table} e WHERE {matches} AND {item_sql}"  # noqa: S608
    with api_cursor() as cursor:
        cursor.execute(sql, [*match_params, *item_params])
        return {page_id: as_bytes(body) for page_id, body in cursor.fetchall()}


def like_prefix(prefix):
    """A LIKE pattern matching the strings that start with `prefix`."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def with_distance(body, distance_km, depth=1):
    """An item's JSON (UTF-8 bytes) with `distance_km` (rounded to 10 m, as DistanceField gives it) last in
    the object that closes `depth` braces from the end (1: the item itself; 2: the object that ends it, as a
    GeoJSON Feature's properties); unchanged when there is no distance. Listings near a point add it this way
    to stored items."""
    if distance_km is None:
        return body
    return b'%s,"distance_km":%s%s' % (body[:-depth], json_text(round(float(distance_km), 2)).encode(), b"}" * depth)


def build_items(scope, variant, page_ids, build):
    """Build, store and return {page id: body (UTF-8 bytes)} for the items of `page_ids` that are not
    current.

    `build(ids)` serialises those pages ({id: JSON text}; pages gone meanwhile are left out). Stored only
    where no invalidation came in between (see the module's docstring); returned either way, since they
    are what the database holds at the time of this request.
    """
    if not page_ids:
        return {}
    items_epoch, _totals_epoch = state()
    keys = {page_id: item_key(scope, variant, page_id) for page_id in page_ids}
    ApiIndexEntry.objects.bulk_create(
        [ApiIndexEntry(key=key, page_id=page_id, stamp=new_stamp()) for page_id, key in keys.items()],
        ignore_conflicts=True,
        batch_size=WRITE_BATCH,
    )
    stamps = {}
    for batch in batched(list(keys.values()), WRITE_BATCH):
        stamps.update(ApiIndexEntry.objects.filter(key__in=batch).values_list("key", "stamp"))
    built = build(list(page_ids))
    stored = [(keys[page_id], body) for page_id, body in built.items() if keys[page_id] in stamps]
    for batch in batched(stored, WRITE_BATCH):
        # Only where the stamp is still the one read before building (see the module's docstring).
        unchanged = reduce(or_, (Q(key=key, stamp=stamps[key]) for key, _body in batch))
        ApiIndexEntry.objects.filter(unchanged).update(
            body=Case(*(When(key=key, then=Value(body)) for key, body in batch), output_field=TextField()),
            built_stamp=F("stamp"),
            epoch=items_epoch,
            format=index_format(),
        )
    return {page_id: body.encode() for page_id, body in built.items()}


def items(scope, variant, page_ids, build, whole=False):
    """{page id: body (UTF-8 bytes)} of the items of `page_ids` for the site `scope`, read from the index or
    built. `whole`: they are every page of the variant the site shows (queryset_items)."""
    if not settings.API_INDEX_ENABLED:
        return {pk: body.encode() for pk, body in build(list(page_ids)).items()}
    if whole:
        found = read_variant(scope, variant)
        bodies = {page_id: found[page_id] for page_id in page_ids if page_id in found}
    else:
        keys = {item_key(scope, variant, page_id): page_id for page_id in page_ids}
        bodies = {}
        for batch in batched(list(keys), READ_BATCH):
            bodies.update((keys[key], body) for key, body in read(batch).items())
    missing = [page_id for page_id in page_ids if page_id not in bodies]
    bodies.update(build_items(scope, variant, missing, build))
    return bodies


def store_total(key, count):
    """Count (`count()`) and store a listing's total, as build_items stores items: only if no change came
    in between noting its stamp and epoch and storing it."""
    _items_epoch, totals_epoch = state()
    ApiIndexEntry.objects.bulk_create([ApiIndexEntry(key=key, stamp=new_stamp())], ignore_conflicts=True)
    stamp = ApiIndexEntry.objects.filter(key=key).values_list("stamp", flat=True).first()
    total = count()
    ApiIndexEntry.objects.filter(key=key, stamp=stamp).update(
        body=str(total), built_stamp=F("stamp"), epoch=totals_epoch, format=index_format()
    )
    return total


# --- Invalidation (called by home.api_index_signals) -----------------------------------------------------


def invalidate_pages(pages_by_type):
    """New stamps for the items of these pages ({model: page ids}) on every site, their entries made
    where missing."""
    if not any(pages_by_type.values()):
        return
    scopes = list(Site.objects.values_list("pk", flat=True))
    entries = [
        ApiIndexEntry(key=item_key(scope, variant, page_id), page_id=page_id, stamp=new_stamp())
        for model, page_ids in pages_by_type.items()
        for variant in variants_of(model)
        for page_id in page_ids
        for scope in scopes
    ]
    if entries:
        ApiIndexEntry.objects.bulk_create(
            sorted(entries, key=lambda entry: entry.key),  # one lock order for concurrent publications
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["stamp"],
            batch_size=WRITE_BATCH,
        )


def remove_orphans():
    """Delete the entries of pages that no longer exist (see ApiIndexEntry.page); their number."""
    from wagtail.models import Page

    orphans = ApiIndexEntry.objects.filter(page__isnull=False).exclude(page_id__in=Page.objects.values("pk"))
    return orphans.delete()[0]


def invalidate_all_items():
    ApiIndexState.objects.filter(pk=STATE_PK).update(items_epoch=F("items_epoch") + 1)


def invalidate_totals(model=None):
    """New stamps for the totals of listings of `model` pages (of its page types: a listing of a type
    counts its subclasses), made where missing; without a model, a new totals epoch."""
    if model is None:
        ApiIndexState.objects.filter(pk=STATE_PK).update(totals_epoch=F("totals_epoch") + 1)
        return
    from wagtail.models import Page

    labels = [cls._meta.label for cls in model.__mro__ if isinstance(cls, type) and issubclass(cls, Page)]
    entries = [
        ApiIndexEntry(key=total_key(scope, label), stamp=new_stamp())
        for scope in Site.objects.values_list("pk", flat=True)
        for label in sorted(labels)
    ]
    ApiIndexEntry.objects.bulk_create(entries, update_conflicts=True, unique_fields=["key"], update_fields=["stamp"])


# --- Variants ------------------------------------------------------------------------------------------

# The page types' item variants kept in the index: "*" (fields=*) and "" (default listing fields) for every
# type of the pages endpoint; more by register_variant (the centres' GeoJSON features).
LISTING_VARIANTS = ("", "*")
EXTRA_VARIANTS = {}


def register_variant(model, variant):
    """Keep `variant` items of `model` pages in the index too (invalidated with the others)."""
    EXTRA_VARIANTS.setdefault(model, set()).add(variant)


def variants_of(model):
    """The variants kept for pages of `model` (every page type may be listed by the pages endpoint)."""
    from wagtail.models import Page

    variants = list(LISTING_VARIANTS) if issubclass(model, Page) else []
    for registered, extra in EXTRA_VARIANTS.items():
        if issubclass(model, registered):
            variants.extend(sorted(extra))
    return variants
