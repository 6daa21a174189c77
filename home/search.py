"""The site search at /recherche/: every live, public page, French-aware, grouped by type, with highlighted excerpts.

Wagtail's database search backend does the matching: on PostgreSQL with the `figo_french` configuration
(French stems, accents ignored: "logements" finds "logement"); on SQLite with FTS5, which ignores accents
but does not stem, so each word is also searched without its plural ending. Neither backend highlights
matches: excerpts are cut around the first matching word and the matching words are wrapped in <mark>
here, on text escaped first.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.blocks import StreamValue
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from home.api_privacy import public_pages

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MAX_RESULTS = 200
PER_GROUP = 5
PER_PAGE = 20
EXCERPT_LENGTH = 240
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
TOKEN_RE = re.compile(r"(\w+)", re.UNICODE)
# Fields whose text may hold the words searched, in the order an excerpt is looked for.
EXCERPT_FIELDS = (
    "summary",
    "search_description",
    "introduction",
    "description",
    "objectives",
    "programme",
    "results",
    "perspectives",
    "address",
    "body",
    "report",
)


@dataclass(frozen=True)
class ResultGroup:
    """A kind of result: its key in the URL (?type=centres), its heading, and the page types it holds."""

    key: str
    label: str
    models: tuple = ()
    select_related: tuple = ()
    prefetch_related: tuple = ()


GROUPS = (
    ResultGroup("centres", "Centres sociaux et EVS", ("centres.CentrePage",), ("commune",)),
    ResultGroup("initiatives", "Initiatives d'habitants", ("blog.InitiativePage",), (), ("organisers__centre",)),
    ResultGroup("formations", "Formations", ("resources.TrainingPage",), (), ("sessions",)),
    ResultGroup("ateliers", "Ateliers d'échanges de pratiques", ("resources.WorkshopPage",), ("theme",)),
    ResultGroup("dossiers", "Dossiers thématiques", ("resources.DossierPage",), ("theme",)),
    ResultGroup("reseaux", "Réseaux départementaux", ("centres.DepartmentPage",), ("department",)),
    ResultGroup("pages", "Autres pages"),
)
GROUPS_BY_KEY = {group.key: group for group in GROUPS}


def fold(text):
    """Lower case without accents, as words are compared for highlighting."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def stem(word):
    """A light French stem for highlighting: "logements" → "logement", "jeunes" → "jeun"."""
    word = fold(word)
    for suffix in ("s", "x"):
        if len(word) > 3 and word.endswith(suffix):
            word = word[:-1]
            break
    if len(word) > 5 and word.endswith("e"):
        word = word[:-1]
    return word


def query_terms(text):
    """The words of a query, at most MAX_TERMS, without the punctuation FTS engines choke on."""
    return WORD_RE.findall((text or "")[:MAX_QUERY_LENGTH])[:MAX_TERMS]


def build_query(terms):
    """The backend query: plain words on PostgreSQL (it stems), each word or its singular elsewhere."""
    if connection.vendor == "postgresql":
        return PlainText(" ".join(terms))
    parts = []
    for term in terms:
        singular = term[:-1] if len(term) > 3 and term[-1].lower() in "sx" else ""
        parts.append(Or([PlainText(term), PlainText(singular)]) if singular else PlainText(term))
    return parts[0] if len(parts) == 1 else And(parts)


def group_of(content_type_id, groups_by_type):
    return groups_by_type.get(content_type_id, GROUPS_BY_KEY["pages"])


def plain_text(value):
    """The readable text of a field: rich text, StreamField or plain string."""
    if not value:
        return ""
    if isinstance(value, StreamValue):
        return " ".join(plain_text(block) for block in value.raw_data)
    if isinstance(value, dict):
        return " ".join(plain_text(item) for key, item in value.items() if key not in {"type", "id", "level"})
    if isinstance(value, list | tuple):
        return " ".join(plain_text(item) for item in value)
    if hasattr(value, "source"):
        value = value.source
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(strip_tags(value)).split())


def highlight(text, stems):
    """`text` escaped, with the words starting with one of `stems` wrapped in <mark>."""
    pieces = []
    for token in TOKEN_RE.split(text):
        if token and TOKEN_RE.fullmatch(token) and any(fold(token).startswith(s) for s in stems):
            pieces.append(f"<mark>{escape(token)}</mark>")
        else:
            pieces.append(escape(token))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def excerpt(page, stems, length=EXCERPT_LENGTH):
    """A short passage of the page around the first word matching the query, highlighted."""
    texts = [plain_text(getattr(page, name, None)) for name in EXCERPT_FIELDS]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    chosen, position = texts[0], 0
    for text in texts:
        match = next((m for m in TOKEN_RE.finditer(text) if any(fold(m.group()).startswith(s) for s in stems)), None)
        if match:
            chosen, position = text, match.start()
            break
    start = max(0, position - length // 3)
    if start:
        space = chosen.find(" ", start)
        start = space + 1 if 0 <= space < position else start
    passage = chosen[start : start + length]
    if start + length < len(chosen):
        passage = passage.rsplit(" ", 1)[0]
    prefix = "… " if start else ""
    suffix = " …" if start + len(passage) < len(chosen) else ""
    return mark_safe(f"{prefix}{highlight(passage, stems)}{suffix}")  # noqa: S308 - highlight() escapes


@dataclass
class SearchResults:
    """What the results page shows: the query, the groups with their counts and items, or one group paginated."""

    query: str = ""
    terms: list = field(default_factory=list)
    total: int = 0
    groups: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    selected: ResultGroup | None = None
    page_obj: object = None
    failed: bool = False


def resolve_groups():
    """Content type id → result group, for every page type the groups name."""
    models = [apps.get_model(label) for group in GROUPS for label in group.models]
    types = ContentType.objects.get_for_models(*models)
    by_model = {label: group for group in GROUPS for label in group.models}
    return {types[model].pk: by_model[model._meta.label] for model in models}


def search_pages(request, text, group_key=None, page_number=None):
    """Run the search for `text`; with `group_key`, one group paginated, otherwise the first results of each."""
    terms = query_terms(text)
    results = SearchResults(query=" ".join((text or "").split())[:MAX_QUERY_LENGTH], terms=terms)
    if not terms:
        return results
    groups_by_type = resolve_groups()
    try:
        matches = list(
            get_search_backend().search(build_query(terms), public_pages(request).only("pk", "content_type"))[
                :MAX_RESULTS
            ]
        )
    except DatabaseError:
        results.failed = True
        return results
    grouped = {group.key: [] for group in GROUPS}
    for page in matches:
        grouped[group_of(page.content_type_id, groups_by_type).key].append(page)
    results.total = len(matches)
    stems = [stem(term) for term in terms]
    selected = GROUPS_BY_KEY.get(group_key)
    if selected is not None and grouped[selected.key]:
        results.selected = selected
        results.page_obj = Paginator(grouped[selected.key], PER_PAGE).get_page(page_number)
        shown = {selected.key: list(results.page_obj.object_list)}
    else:
        shown = {key: pages[:PER_GROUP] for key, pages in grouped.items()}
    items = load_specific([page for pages in shown.values() for page in pages], groups_by_type)
    # Groups come in the order of their best match: the most relevant kind of page first.
    ranked = sorted((group for group in GROUPS if grouped[group.key]), key=lambda g: matches.index(grouped[g.key][0]))
    for group in ranked:
        if group.key not in shown:
            continue
        entries = [
            {
                "page": items[page.pk],
                "kind": group.key,
                "title": highlight(items[page.pk].title, stems),
                "url": items[page.pk].get_url(request),
                "excerpt": excerpt(items[page.pk], stems),
            }
            for page in shown[group.key]
            if page.pk in items
        ]
        results.groups.append({"group": group, "count": len(grouped[group.key]), "entries": entries})
    if results.selected is not None:
        results.page_obj.object_list = results.groups[0]["entries"] if results.groups else []
    results.counts = [(group, len(grouped[group.key])) for group in ranked]
    return results


def load_specific(pages, groups_by_type):
    """{pk: specific page} for `pages`, each page type fetched once with the relations its result shows."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    found = {}
    for content_type_id, ids in by_type.items():
        model_class = ContentType.objects.get_for_id(content_type_id).model_class()
        if model_class is None:  # a page type whose app was removed
            continue
        group = groups_by_type.get(content_type_id)
        queryset = model_class.objects.filter(pk__in=ids)
        if group and group.select_related:
            queryset = queryset.select_related(*group.select_related)
        if group and group.prefetch_related:
            queryset = queryset.prefetch_related(*group.prefetch_related)
        found.update(queryset.in_bulk())
    return found


def search_view(request):
    """GET /recherche/?q=… [&type=centres] [&page=2]"""
    text = request.GET.get("q", "")
    results = search_pages(request, text, request.GET.get("type"), request.GET.get("page"))
    return render(
        request,
        "home/search_results.html",
        {"search": results, "groups": GROUPS, "hide_header_search": True},
    )
