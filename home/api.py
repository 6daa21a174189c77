"""The partner API's endpoint classes: pages with validated filters, images, documents and vocabularies.

Every endpoint is anonymous, read-only and JSON-only; it shows live, public content only
(home.api_privacy); every query parameter is declared, validated, and refused with a French
400 error naming it; list endpoints prefetch what their fields need and resolve images, documents
and rich text in bulk (home.api_deferred), so their query count does not grow with `limit`.
Each app registers its page types (filters and prefetching) in its own `api.py`.
"""

import copy
import re
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import DatabaseError
from django.db.models import Count, Prefetch, QuerySet, Window
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from rest_framework import status
from rest_framework.fields import Field, SkipField
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail import fields as wagtail_fields
from wagtail.api.v2.serializers import BaseSerializer, PageSerializer
from wagtail.api.v2.utils import (
    BadRequestError,
    get_object_detail_url,
    page_models_from_string,
    parse_fields_parameter,
)
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError

from home import api_index
from home.api_cache import per_content_version
from home.api_deferred import resolve
from home.api_fields import (
    DistanceField,
    DocumentSummaryField,
    ImageSummaryField,
    RichTextHTMLField,
    SchemaField,
    StreamBlocksField,
    TagsField,
    object_detail_url,
)
from home.api_images import IMAGE_RENDITIONS, absolute_url
from home.api_privacy import public_media, public_pages
from home.filtering import Choice, InvalidFilter, Parser, Slug, parse_filters
from home.sql_cursor import inline_parameters

MAX_SEARCH_LENGTH = 200
SEARCH_CLEAN_RE = re.compile(r"[^\w\s'’-]+")
TREE_PARAMETERS = ("child_of", "descendant_of", "ancestor_of")
# A listing asking for nothing else than these is a page type's pages in tree order (see page_table_listing).
PLAIN_LISTING_PARAMETERS = {"type", "fields", "limit", "offset", "_"}
PAGINATION_PARAMETERS = ("limit", "offset")
# "_" is jQuery's cache-busting parameter, accepted and ignored as Wagtail does.
IGNORED_PARAMETERS = ("_",)


def limit_max():
    return settings.WAGTAILAPI_LIMIT_MAX


class TreeParameter(Parser):
    """A page id (positive integer), or "root" where Wagtail accepts it."""

    schema = {"type": "string", "pattern": r"^([1-9][0-9]*|root)$"}
    example = "3"

    def __init__(self, description, *, root=True):
        super().__init__(description)
        self.root = root
        if not root:
            self.schema = {"type": "integer", "minimum": 1}

    def __call__(self, raw):
        if self.root and raw == "root":
            return raw
        if not raw.isdigit() or int(raw) < 1 or len(raw) > 12:
            expected = "un identifiant de page (nombre entier positif)" + (" ou root" if self.root else "")
            raise ValueError(f"attendu {expected}.")
        return int(raw)


class Integer(Parser):
    """A whole number between `minimum` and `maximum` (limit and offset)."""

    def __init__(self, description, *, minimum=0, maximum=None, example=None):
        super().__init__(description, example=example)
        self.minimum, self.maximum = minimum, maximum

    @property
    def schema(self):
        maximum = self.maximum() if callable(self.maximum) else self.maximum
        schema = {"type": "integer", "minimum": self.minimum}
        if maximum is not None:
            schema["maximum"] = maximum
        return schema

    def __call__(self, raw):
        maximum = self.maximum() if callable(self.maximum) else self.maximum
        within = f"entre {self.minimum} et {maximum}" if maximum is not None else f"supérieur ou égal à {self.minimum}"
        if (
            not raw.isdigit()
            or len(raw) > 12
            or int(raw) < self.minimum
            or (maximum is not None and int(raw) > maximum)
        ):
            raise ValueError(f"attendu un nombre entier {within}.")
        return int(raw)


class SearchText(Parser):
    description = "Recherche plein texte (en français sur PostgreSQL : « logements » trouve « logement »)."
    schema = {"type": "string", "maxLength": MAX_SEARCH_LENGTH}
    example = "logement"

    def __call__(self, raw):
        if len(raw) > MAX_SEARCH_LENGTH:
            raise ValueError(f"attendu un texte de {MAX_SEARCH_LENGTH} caractères au plus.")
        cleaned = " ".join(SEARCH_CLEAN_RE.sub(" ", raw).split())
        if not cleaned:
            raise ValueError("attendu au moins un mot à rechercher.")
        return cleaned


class Anything(Parser):
    """A parameter accepted and ignored (jQuery's cache-buster)."""

    description = "Ignoré (anti-cache des navigateurs)."

    def __call__(self, raw):
        return raw


def pagination_parameters():
    return {
        "limit": Integer("Nombre d'éléments par page (20 par défaut).", minimum=0, maximum=limit_max, example="20"),
        "offset": Integer("Rang du premier élément renvoyé (0 par défaut).", minimum=0, example="0"),
    }


FIELDS_PARAMETER = Parser(
    "Champs à renvoyer : « * » pour tous, « -champ » pour en retirer un, par exemple « *,-body » ou "
    "« title,summary,image »."
)
SEARCH_OPERATOR = Choice(["and", "or"], "Combinaison des mots de la recherche (and par défaut… selon le moteur).")


def parse_fields(raw):
    """Wagtail's `fields` syntax, refused in French when malformed."""
    try:
        return parse_fields_parameter(raw)
    except ValueError as error:
        raise InvalidFilter("fields", f"syntaxe invalide ({error}). Exemple : fields=*,-body") from error


def french_bad_request(error, default_param=None):
    """Wagtail's own English BadRequestError, said in French with the parameter it is about."""
    text = str(error)
    if text.startswith("unknown fields:"):
        names = text.split(":", 1)[1].strip()
        return InvalidFilter("fields", f"champ(s) inconnu(s) pour ce type : {names}.")
    if "does not support nested fields" in text:
        return InvalidFilter("fields", f"ce champ n'accepte pas de sous-champs ({text}).")
    if text.startswith("fields error"):
        return InvalidFilter("fields", f"syntaxe invalide ({text}).")
    return InvalidFilter(default_param or "requête", f"requête invalide ({text}).")


def error_response(error):
    """The 400 JSON body of an InvalidFilter: the parameter and what is expected, in French."""
    return Response(
        {"message": f"Paramètre « {error.param} » : {error.message}", "parameter": error.param},
        status=status.HTTP_400_BAD_REQUEST,
    )


@dataclass
class PageTypeAPI:
    """What the pages endpoint knows of one page type: its filters and what its fields need loaded."""

    model: type
    filters: dict = field(default_factory=dict)
    filter_queryset: object = None
    select_related: tuple = ()
    prefetch_related: tuple = ()


class FigoSerializerMixin:
    """Rich text and StreamFields in the API's shape (see home.api_fields).

    A serializer class is made once per endpoint, model and `fields` (FigoEndpointMixin), and its fields
    are built once for the class: each new serializer gets a copy, as DRF copies declared fields.
    """

    serializer_field_mapping = {
        **BaseSerializer.serializer_field_mapping,
        wagtail_fields.StreamField: StreamBlocksField,
        wagtail_fields.RichTextField: RichTextHTMLField,
    }

    def get_fields(self):
        template = type(self).__dict__.get("_figo_fields_template")
        if template is None:
            template = super().get_fields()
            type(self)._figo_fields_template = template
        return copy.deepcopy(template)


class DetailUrlField(Field):
    """The object's URL in the API (Wagtail's field, without a reverse() per object)."""

    def get_attribute(self, instance):
        url = object_detail_url(self.context["router"], self.context["request"], type(instance), instance.pk)
        if not url:
            raise SkipField  # the object has no endpoint
        return url

    def to_representation(self, url):
        return url


class PageHtmlUrlField(Field):
    """The page's public URL (Wagtail's field, with the request's cached site root paths)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class FigoPageSerializer(FigoSerializerMixin, PageSerializer):
    detail_url = DetailUrlField(read_only=True)
    html_url = PageHtmlUrlField(read_only=True)


class FigoSerializer(FigoSerializerMixin, BaseSerializer):
    detail_url = DetailUrlField(read_only=True)


class AbsoluteDownloadUrlField(Field):
    """The original file's URL, absolute (Wagtail gives images a site-relative one)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return absolute_url(image.file.url)


class FigoImageSerializer(FigoSerializerMixin, ImageSerializer):
    download_url = AbsoluteDownloadUrlField(read_only=True)


class FigoDocumentSerializer(FigoSerializerMixin, DocumentSerializer):
    pass


DEFERRED_FIELDS = (ImageSummaryField, DocumentSummaryField)
SERIALIZER_CLASSES_MAX = 500
_SERIALIZER_CLASSES = {}
_SERIALIZER_CLASSES_LOCK = threading.Lock()


def _relations(model, endpoint_class):
    """(api field, django field) of `model`'s API fields that are relations and need loading."""
    for api_field in endpoint_class.get_body_fields(model):
        try:
            django_field = model._meta.get_field(api_field.name)
        except FieldDoesNotExist:
            continue
        if not django_field.is_relation or isinstance(api_field.serializer, (*DEFERRED_FIELDS, TagsField)):
            continue  # images and documents are loaded in bulk by home.api_deferred, tags by their page type
        yield api_field, django_field


def _forward(django_field):
    return django_field.many_to_one or (django_field.one_to_one and not django_field.auto_created)


def _rows_queryset(model, endpoint_class):
    """Rows of a child relation or a many-to-many, with the foreign keys their own fields show."""
    related = [
        api_field.name for api_field, django_field in _relations(model, endpoint_class) if _forward(django_field)
    ]
    # select_related() without a name would follow every foreign key: only name what the fields show.
    return model._default_manager.select_related(*related) if related else model._default_manager.all()


def optimise(queryset, model, endpoint_class, extra_select=(), extra_prefetch=()):
    """select_related and prefetch_related for every field of `model` the API may show.

    `extra_select` and `extra_prefetch` add what a field reads further away (a centre's commune's
    département, a session's place…); a Prefetch given there replaces the generic one of its name.
    """
    select = set(extra_select)
    prefetch = {}
    for api_field, django_field in _relations(model, endpoint_class):
        if _forward(django_field):
            select.add(api_field.name)
        elif django_field.many_to_many or django_field.one_to_many:
            rows = _rows_queryset(django_field.related_model, endpoint_class)
            prefetch[api_field.name] = Prefetch(api_field.name, queryset=rows)
    for item in extra_prefetch:
        lookup = item.prefetch_to if isinstance(item, Prefetch) else item
        prefetch[lookup] = item
    if select:
        queryset = queryset.select_related(*sorted(select))
    return queryset.prefetch_related(*prefetch.values())


class FigoEndpointMixin:
    """JSON only, French 400 errors, declared parameters only, bulk-resolved images and documents."""

    renderer_classes = [JSONRenderer]
    # Anonymous for everybody: no session is read, so one cached copy serves all and no "Vary: Cookie".
    authentication_classes = []
    permission_classes = []
    filters = {}

    @classmethod
    def get_urlpatterns(cls):
        """Listing and detail; only the pages endpoint keeps Wagtail's `find/`."""
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        """Wagtail's serializer class for these fields, made once (it makes a new class at every call)."""
        key = (cls, id(router), model, repr(fields_config), show_details, nested)
        serializer_class = _SERIALIZER_CLASSES.get(key)
        if serializer_class is None:
            serializer_class = super()._get_serializer_class(
                router, model, fields_config, show_details=show_details, nested=nested
            )
            with _SERIALIZER_CLASSES_LOCK:
                if len(_SERIALIZER_CLASSES) >= SERIALIZER_CLASSES_MAX:
                    _SERIALIZER_CLASSES.clear()  # `fields` combinations are many: keep the memory bounded
                _SERIALIZER_CLASSES[key] = serializer_class
        return serializer_class

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context.pop("indent", None)  # compact JSON: smaller and faster for partners' pages and widgets
        return context

    def handle_exception(self, exc):
        if isinstance(exc, InvalidFilter):
            return error_response(exc)
        if isinstance(exc, BadRequestError):
            return error_response(french_bad_request(exc))
        if isinstance(exc, Http404):
            return Response({"message": "Introuvable : cet élément n'existe pas ou n'est pas public."}, status=404)
        return super().handle_exception(exc)

    @classmethod
    def listing_parameters(cls):
        """Every query parameter a listing of this endpoint accepts, with its parser."""
        return {
            "fields": FIELDS_PARAMETER,
            **pagination_parameters(),
            "order": Parser("Tri : un champ, « -champ » pour l'ordre décroissant."),
            **cls.filters,
            "_": Anything(),
        }

    @classmethod
    def detail_parameters(cls):
        return {"fields": FIELDS_PARAMETER, "_": Anything()}

    def parse_parameters(self, parameters):
        values = parse_filters(self.request.GET, parameters)
        if "fields" in values:
            parse_fields(values["fields"])
        return values

    def serialized_response(self, data):
        resolve(data, self.request)
        return Response(data)

    @classmethod
    def orderable_fields(cls, model):
        return ["id", *cls.get_available_fields(model, db_fields_only=True)]

    def apply_order(self, queryset, raw_order, model):
        allowed = self.orderable_fields(model)
        names = raw_order.split(",")
        for name in names:
            if name.lstrip("-") not in allowed:
                raise InvalidFilter("order", f"tri impossible sur « {name} ». Champs possibles : {', '.join(allowed)}.")
        return queryset.order_by(*names, "pk")


class PagesEndpoint(FigoEndpointMixin, PagesAPIViewSet):
    """`/api/v2/pages/`: live, public pages; filters of the requested `type` (see each app's api.py)."""

    base_serializer_class = FigoPageSerializer
    # Without translations, "locale" would only cost a query per page.
    meta_fields = [name for name in PagesAPIViewSet.meta_fields if name != "locale"] + ["last_published_at"]
    page_types = {}
    generic_filters = {"slug": Slug("Identifiant d'URL (slug) de la page.", example="annuaire")}

    @classmethod
    def type_parameter(cls):
        return Parser(
            "Type de page, par exemple centres.CentrePage : les filtres propres à un type ne sont acceptés "
            "qu'avec lui. Plusieurs types : séparés par des virgules.",
            example="centres.CentrePage",
        )

    @classmethod
    def page_listing_parameters(cls, model=None):
        """The parameters accepted when listing `model` pages (None: no single type requested)."""
        page_type = cls.page_types.get(model)
        return {
            "type": cls.type_parameter(),
            "fields": FIELDS_PARAMETER,
            **pagination_parameters(),
            "order": Parser(
                "Tri : un champ, « -champ » pour l'ordre décroissant (par défaut : ordre de l'arborescence)."
            ),
            "search": SearchText(),
            "search_operator": SEARCH_OPERATOR,
            "child_of": TreeParameter("Seulement les enfants directs de cette page (id, ou root)."),
            "descendant_of": TreeParameter("Seulement les descendants de cette page (id, ou root)."),
            "ancestor_of": TreeParameter("Seulement les ancêtres de cette page (id).", root=False),
            **cls.generic_filters,
            **(page_type.filters if page_type else {}),
            "_": Anything(),
        }

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if any(isinstance(api_field.serializer, DistanceField) for api_field in cls.get_body_fields(model)):
            fields.append("distance_km")
        return fields

    def get_base_queryset(self):
        return public_pages(self.request)

    def get_queryset(self):
        return public_pages(self.request)

    def get_serializer_class(self):
        if self.action == "listing_view":
            fields_config = parse_fields(self.request.GET["fields"]) if "fields" in self.request.GET else []
            try:
                return self._get_serializer_class(
                    self.request.wagtailapi_router, self.listing_model, fields_config, show_details=False
                )
            except BadRequestError as error:
                raise french_bad_request(error) from error
        try:
            return super().get_serializer_class()
        except BadRequestError as error:
            raise french_bad_request(error) from error

    def requested_model(self):
        raw = self.request.GET.get("type", "").strip()
        if not raw:
            return Page
        try:
            models = page_models_from_string(raw)
        except (LookupError, ValueError) as error:
            known = ", ".join(sorted(f"{model._meta.label}" for model in self.page_types))
            raise InvalidFilter("type", f"type de page inconnu « {raw[:60]} ». Types possibles : {known}…") from error
        return models[0] if len(models) == 1 else models

    def explain_type_filter(self, error):
        """An unknown parameter that is a filter of some page types: say which `type` it needs."""
        types = [model._meta.label for model, page_type in self.page_types.items() if error.param in page_type.filters]
        if not types or not error.message.startswith("paramètre inconnu"):
            return error
        return InvalidFilter(
            error.param, f"ce filtre ne s'applique qu'avec un seul type de page : type={', type='.join(types)}."
        )

    def optimised(self, queryset, model):
        page_type = self.page_types.get(model)
        return optimise(
            queryset,
            model,
            type(self),
            extra_select=page_type.select_related if page_type else (),
            extra_prefetch=page_type.prefetch_related if page_type else (),
        )

    def tree_page(self, name, value):
        if value == "root":
            return self.get_root_page()
        page = public_pages(self.request).filter(pk=value).first()
        if page is None:
            raise InvalidFilter(name, f"aucune page publique n'a l'identifiant {value}.")
        return page

    def listing_queryset(self, model, values, ids_only=False):
        """The filtered, searched and ordered pages of a listing; `ids_only` when only their ids (and
        distances) are needed, their items coming from the API index."""
        if isinstance(model, tuple):
            queryset = public_pages(self.request).type(*model)
            model = Page
        elif ids_only:
            queryset = public_pages(self.request, model)
        else:
            queryset = self.optimised(public_pages(self.request, model), model)
        if "child_of" in values:
            queryset = queryset.child_of(self.tree_page("child_of", values["child_of"]))
        if "descendant_of" in values:
            if "child_of" in values:
                raise InvalidFilter("descendant_of", "ne peut pas être combiné avec child_of.")
            queryset = queryset.descendant_of(self.tree_page("descendant_of", values["descendant_of"]))
        if "ancestor_of" in values:
            queryset = queryset.ancestor_of(self.tree_page("ancestor_of", values["ancestor_of"]))
        if "slug" in values:
            queryset = queryset.filter(slug=values["slug"])
        page_type = self.page_types.get(model)
        if page_type and page_type.filter_queryset:
            type_filters = {name: value for name, value in values.items() if name in page_type.filters}
            queryset = page_type.filter_queryset(queryset, type_filters)
        if "order" in values:
            queryset = self.apply_order(queryset, values["order"], model)
        if "search" in values:
            queryset = self.search(queryset, model, values, ids_only)
        return queryset

    def page_table_listing(self, model, values):
        """The pages of a plain listing of one type (no filter, no order) read from Wagtail's page table
        alone, or None for any other listing.

        They are the same pages as listing_queryset's, in the same (tree) order, but their total and ids
        need no join to the type's own table: counting 20,000 initiatives costs a third. The type's rows
        are read for the listed pages only (serialized_items).
        """
        if not self.is_plain_listing(model, values):
            return None
        return public_pages(self.request).type(model).order_by("path")

    @staticmethod
    def is_plain_listing(model, values):
        return not isinstance(model, tuple) and model is not Page and not set(values) - PLAIN_LISTING_PARAMETERS

    def search(self, queryset, model, values, ids_only=False):
        """Full-text search within the filtered pages.

        Without `order` or `near`, results come by relevance; otherwise the matching pages keep the
        requested order (distance, date…).
        """
        backend = get_search_backend()
        base = model.objects.filter(pk__in=queryset.values("pk"))
        operator = values.get("search_operator")
        by_relevance = "order" not in values and "near" not in values
        try:
            if by_relevance:
                try:  # filtered on indexed fields only (live, public, tree): searched as it is, one join less
                    pages = queryset.only("pk") if ids_only else queryset
                    return backend.search(values["search"], pages, operator=operator)
                except FilterFieldError:  # other filters (themes, dates…): among the filtered pages' ids
                    pages = base.only("pk") if ids_only else self.optimised(base, model)
                    return backend.search(values["search"], pages, operator=operator)
            results = backend.search(values["search"], base.only("pk"), operator=operator, order_by_relevance=False)
            return queryset.filter(pk__in=[page.pk for page in results])
        except DatabaseError as error:
            raise InvalidFilter(
                "search", "cette recherche n'a pas pu être comprise ; essayez des mots simples."
            ) from error

    def listing_view(self, request):
        model = self.requested_model()
        single = model if not isinstance(model, tuple) else None
        try:
            values = parse_filters(request.GET, self.page_listing_parameters(single))
        except InvalidFilter as error:
            raise self.explain_type_filter(error) from error
        if "fields" in values:
            parse_fields(values["fields"])
        self.listing_model = single or Page
        indexed = single in self.page_types and values.get("fields", "") in api_index.LISTING_VARIANTS
        if indexed and settings.API_INDEX_ENABLED:
            return self.indexed_listing(single, values)
        queryset = self.page_table_listing(model, values)
        if queryset is None:
            queryset = self.listing_queryset(model, values)
        items = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.serialized_items(items))

    def indexed_listing(self, model, values):
        """A listing whose items come from the API index (home.api_index): the same JSON as
        serialising the pages, for the cost of reading their ids and their items.

        A plain listing (page_table_listing) reads its ids, items and total in one query; others count
        their filtered (or searched) pages, then read their items. Distances (`near`) are computed for the
        request and added to the items. Items not current in the index are built and stored.
        """
        variant = values.get("fields", "")
        offset = values.get("offset", 0)
        limit = values.get("limit", min(20, limit_max()))
        scope = api_index.scope_of(self.request)
        if self.is_plain_listing(model, values):
            pages_sql = self.plain_listing_sql(model, scope)
            if pages_sql is None:  # no site, or nothing it can show: no query to run
                return self.listing_content(0, [])
            key = api_index.total_key(scope, model._meta.label)
            ids, bodies, total = api_index.read_listing(scope, variant, pages_sql, offset, limit, key)
            missing = [pk for pk in ids if pk not in bodies]
            bodies.update(api_index.build_items(scope, variant, missing, self.build_items))
            if total is None:
                total = api_index.store_total(key, self.page_table_listing(model, values).count)
            distances = {}
        else:
            queryset = self.listing_queryset(model, values, ids_only=True)
            total, ids, distances = self.counted_slice(queryset, offset, limit)
            bodies = api_index.items(scope, variant, ids, self.build_items)
        items = [api_index.with_distance(bodies[pk], distances.get(pk)) for pk in ids if pk in bodies]
        return self.listing_content(total, items)

    @staticmethod
    def listing_content(total, items):
        """The JSON response of a listing, from its total and its items' JSON (UTF-8 bytes)."""
        content = b'{"meta":{"total_count":%d},"items":[%s]}' % (total, b",".join(items))
        return HttpResponse(content, content_type="application/json")

    def plain_listing_sql(self, model, scope):
        """(SQL, parameters) of a plain listing's ids and tree paths, in order (page_table_listing), parameters
        written in where the query is prepared; None when it can list nothing (no site). It depends only on the
        site and the restricted branches: compiled once per content version, not per request."""

        def compile_sql():
            pages = self.page_table_listing(model, {}).values_list("pk", "path")
            try:
                return inline_parameters(*pages.query.sql_with_params())
            except EmptyResultSet:
                return None

        return per_content_version(self.request, f"plain_listing_sql:{scope}:{model._meta.label}", compile_sql)

    @staticmethod
    def counted_slice(pages, offset, limit):
        """(total, ids, distances) of a slice of listed pages (a queryset, or search results), in one query:
        the total comes along with each row as COUNT(*) OVER (), computed while the database reads every
        match it ranks or orders anyway (a search counted apart joined and matched its index twice). A
        slice past the end has no row to carry it, and is counted apart.
        """
        if not isinstance(pages, QuerySet):
            pages = pages.get_queryset()  # search results: the ranked queryset they would slice
        pages = pages.prefetch_related(None)
        distance = ("distance_km",) if "distance_km" in pages.query.annotations else ()
        if pages.query.distinct:  # a window would count the rows before DISTINCT
            rows = [(*row, None) for row in pages[offset : offset + limit].values_list("pk", *distance)]
        else:
            counted = pages.annotate(listing_total=Window(Count("pk")))
            rows = list(counted[offset : offset + limit].values_list("pk", *distance, "listing_total"))
        total = rows[0][-1] if rows and rows[0][-1] is not None else pages.count()
        distances = {row[0]: row[1] for row in rows} if distance else {}
        return total, [row[0] for row in rows], distances

    def build_items(self, ids):
        """{id: JSON text} of the requested variant's items of these pages (for the API index)."""
        renderer = JSONRenderer()
        return {pk: renderer.render(item).decode() for pk, item in self.serialize_pages(ids).items()}

    def serialized_items(self, items):
        """The listed pages, serialised and resolved.

        A plain listing reads its page ids first (the filtered, ordered query, light even far into the
        list), then the rows of the listed pages only, with what their fields need (serialize_pages).
        Search results and distances are serialised as they come.
        """
        if not isinstance(items, QuerySet) or items.query.annotations:
            return self.serialize(items)
        ids = list(items.prefetch_related(None).values_list("pk", flat=True))
        serialised = self.serialize_pages(ids)
        return [serialised[pk] for pk in ids if pk in serialised]

    def serialize_pages(self, ids):
        """{id: serialised item} of these pages of the listed type (a page deleted meanwhile is left out)."""
        instances = list(self.optimised(self.listing_model.objects.filter(pk__in=ids), self.listing_model))
        return dict(zip([instance.pk for instance in instances], self.serialize(instances), strict=True))

    def serialize(self, instances):
        data = self.get_serializer(instances, many=True).data
        resolve(data, self.request)
        return data

    def detail_view(self, request, pk):
        self.parse_parameters(self.detail_parameters())
        page = public_pages(request).filter(pk=pk).first()
        if page is None:
            raise Http404
        model = page.specific_class
        instance = self.optimised(public_pages(request, model).filter(pk=pk), model).first()
        if instance is None:
            raise Http404
        self._cached_object = instance
        serializer = self.get_serializer(instance)
        return self.serialized_response(serializer.data)

    def page_at_path(self, html_path):
        """The live, public page served at this path of the request's site, or None."""
        site = Site.find_for_request(self.request)
        if site is None:
            return None
        try:
            page, _args, _kwargs = site.root_page.specific.route(
                self.request, [part for part in html_path.split("/") if part]
            )
        except Http404:
            return None
        return public_pages(self.request).filter(pk=page.pk).first()

    @classmethod
    def get_urlpatterns(cls):
        return PagesAPIViewSet.get_urlpatterns.__func__(cls)

    def find_view(self, request):
        parameters = {
            "html_path": Parser("Chemin de la page sur le site public, par exemple /annuaire/."),
            "id": TreeParameter("Identifiant de la page.", root=False),
            **self.detail_parameters(),
        }
        values = self.parse_parameters(parameters)
        if "id" not in values and "html_path" not in values:
            raise Http404
        page = self.page_at_path(values["html_path"]) if "html_path" in values else None
        if page is None and "id" in values:
            page = public_pages(request).filter(pk=values["id"]).first()
        if page is None:
            raise Http404
        url = get_object_detail_url(request.wagtailapi_router, request, Page, page.pk)
        query = "&fields=" + values["fields"] if "fields" in values else ""
        return redirect(f"{url}?{query.lstrip('&')}" if query else url)


class ImagesEndpoint(FigoEndpointMixin, ImagesAPIViewSet):
    """`/api/v2/images/`: images outside private collections, with alt text and renditions."""

    base_serializer_class = FigoImageSerializer
    meta_fields = BaseAPIViewSet.meta_fields + ["download_url"]
    body_fields = ImagesAPIViewSet.body_fields + ["alt", "renditions"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["title", "alt", "renditions", "download_url"]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["title", "download_url"]
    filters = {"search": SearchText("Recherche dans les titres des images.")}

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides.update(alt=AltTextField(), renditions=RenditionsField())
        return overrides

    def get_queryset(self):
        queryset = public_media(self.model.objects.all(), self.request)
        return queryset.prefetch_renditions(*IMAGE_RENDITIONS.values()).order_by("id")

    def listing_view(self, request):
        return media_listing(self, request)

    def detail_view(self, request, pk):
        self.parse_parameters(self.detail_parameters())
        return super().detail_view(request, pk)


class DocumentsEndpoint(FigoEndpointMixin, DocumentsAPIViewSet):
    """`/api/v2/documents/`: documents outside private collections, with absolute URLs."""

    base_serializer_class = FigoDocumentSerializer
    meta_fields = BaseAPIViewSet.meta_fields + ["download_url"]
    body_fields = DocumentsAPIViewSet.body_fields + ["file_extension", "file_size", "created_at"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["title", "file_extension", "download_url"]
    filters = {"search": SearchText("Recherche dans les titres des documents.")}

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides.update(
            file_extension=FileExtensionField(),
            file_size=SchemaField(openapi_schema={"type": ["integer", "null"]}),
        )
        return overrides

    def get_queryset(self):
        return public_media(self.model.objects.all(), self.request).order_by("id")

    def listing_view(self, request):
        return media_listing(self, request)

    def detail_view(self, request, pk):
        self.parse_parameters(self.detail_parameters())
        return super().detail_view(request, pk)


def media_listing(endpoint, request):
    """The listing of images or documents: validated parameters, order, search, pagination."""
    values = endpoint.parse_parameters(endpoint.listing_parameters())
    queryset = endpoint.get_queryset()
    if "order" in values:
        queryset = endpoint.apply_order(queryset, values["order"], endpoint.model)
    if "search" in values:
        try:
            results = get_search_backend().search(
                values["search"], endpoint.model.objects.all(), order_by_relevance=False
            )
            queryset = queryset.filter(pk__in=[item.pk for item in results])
        except DatabaseError as error:
            raise InvalidFilter(
                "search", "cette recherche n'a pas pu être comprise ; essayez des mots simples."
            ) from error
    items = endpoint.paginate_queryset(queryset)
    serializer = endpoint.get_serializer(items, many=True)
    return endpoint.get_paginated_response(serializer.data)


class AltTextField(SchemaField):
    """An image's alternative text (its description in the media library)."""

    openapi_schema = {"type": "string"}

    def get_attribute(self, instance):
        return instance.default_alt_text or ""


class RenditionsField(SchemaField):
    """Card and large renditions of an image, with absolute URLs."""

    openapi_schema = {
        "type": "object",
        "properties": {name: {"$ref": "#/components/schemas/Rendition"} for name in IMAGE_RENDITIONS},
    }

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
        return {
            name: {
                "url": absolute_url(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in IMAGE_RENDITIONS.items()
        }


class FileExtensionField(SchemaField):
    openapi_schema = {"type": "string"}

    def get_attribute(self, instance):
        return instance.file_extension


class VocabularyEndpoint(FigoEndpointMixin, BaseAPIViewSet):
    """A small read-only vocabulary (départements, themes, publics, partners): every field by default."""

    base_serializer_class = FigoSerializer
    filter_queryset_function = None

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.get_available_fields(model)

    @classmethod
    def get_nested_default_fields(cls, model):
        return cls.get_available_fields(model)

    def get_queryset(self):
        return optimise(self.model.objects.all(), self.model, type(self)).order_by(*self.model._meta.ordering, "pk")

    def listing_view(self, request):
        values = self.parse_parameters(self.listing_parameters())
        queryset = self.get_queryset()
        if self.filter_queryset_function is not None:
            queryset = type(self).filter_queryset_function(
                queryset, {name: value for name, value in values.items() if name in self.filters}
            )
        if "order" in values:
            queryset = self.apply_order(queryset, values["order"], self.model)
        items = self.paginate_queryset(queryset)
        serializer = self.get_serializer(items, many=True)
        response = self.get_paginated_response(serializer.data)
        resolve(response.data["items"], request)
        return response

    def detail_view(self, request, pk):
        self.parse_parameters(self.detail_parameters())
        instance = self.get_queryset().filter(pk=pk).first()
        if instance is None:
            raise Http404
        self._cached_object = instance
        return self.serialized_response(self.get_serializer(instance).data)


def vocabulary_endpoint(model, name, filters=None, filter_queryset=None):
    """An endpoint class for one vocabulary model."""
    attributes = {"model": model, "name": name, "filters": filters or {}}
    if filter_queryset is not None:
        attributes["filter_queryset_function"] = staticmethod(filter_queryset)
    return type(f"{model.__name__}Endpoint", (VocabularyEndpoint,), attributes)


class PagePreviewEndpoint(FigoEndpointMixin, BaseAPIViewSet):
    """`/api/v2/page_preview/?content_type=app.model&token=…`: the draft an editor is previewing.

    wagtail-headless-preview sends the partner front-end (HEADLESS_PREVIEW_CLIENT_URL) this signed
    token; the front-end fetches the draft here, in the same shape as /api/v2/pages/{id}/. Never cached.
    """

    base_serializer_class = FigoPageSerializer
    body_fields = PagesEndpoint.body_fields
    meta_fields = ["type", "html_url", "slug", "first_published_at"]
    model = Page
    name = "page_preview"

    @classmethod
    def get_urlpatterns(cls):
        from django.urls import path

        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def get_object(self):
        from django.contrib.contenttypes.models import ContentType
        from django.core.signing import BadSignature
        from wagtail_headless_preview.models import PagePreview

        values = self.parse_parameters(
            {"content_type": Parser("app_label.model du type de page."), "token": Parser("Jeton signé de l'aperçu.")}
        )
        if "content_type" not in values or "token" not in values:
            raise InvalidFilter("token", "content_type et token sont obligatoires.")
        app_label, _, model_name = values["content_type"].partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
        model = content_type.model_class() if content_type else None
        if model is None or not issubclass(model, Page) or not hasattr(model, "get_preview_signer"):
            raise InvalidFilter("content_type", "type de page inconnu.")
        try:
            model.get_preview_signer().unsign(values["token"])
        except BadSignature as error:
            raise InvalidFilter("token", "jeton d'aperçu invalide.") from error
        preview = PagePreview.objects.filter(content_type=content_type, token=values["token"]).first()
        if preview is None:
            raise Http404
        page = preview.as_page()
        if not page.pk:
            page.pk = 0
        return page

    def get_serializer_class(self):
        model = type(self.get_object())
        every_field = [("*", False, None)]
        return PagesEndpoint._get_serializer_class(self.request.wagtailapi_router, model, every_field)

    def listing_view(self, request):
        page = self.get_object()
        return self.serialized_response(self.get_serializer(page).data)
