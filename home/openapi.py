"""The OpenAPI 3.1 document of the partner API, built from the code.

Paths come from the registered endpoints; their query parameters from the filter declarations
(home.filtering parsers carry a description and a JSON schema); response schemas from each model's
`api_fields`: Django field types, the `openapi_schema` of the serializer fields of home.api_fields,
StreamField block definitions, child relations. Served at /api/v2/openapi.json.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.fields import ParentalKey
from rest_framework.fields import Field
from wagtail import blocks
from wagtail import fields as wagtail_fields
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page

from home.api_fields import (
    DOCUMENT_SCHEMA,
    IMAGE_SCHEMA,
    DocumentRowsField,
    SchemaField,
    nullable,
)
from home.api_images import IMAGE_RENDITIONS

API_PREFIX = "/api/v2"
STRING = {"type": "string"}

# Types of the model properties listed in api_fields (properties carry no type of their own).
PROPERTY_SCHEMAS = {
    ("centres.CentrePage", "approval_types"): {
        "type": "array",
        "items": {"type": "string", "enum": ["agc", "acf", "evs"]},
        "description": "Agréments Caf en cours : agc (animation globale), acf (familles), evs.",
    },
    ("centres.CentrePage", "department_code"): {"type": "string", "description": "Code du département."},
}

SHARED_SCHEMAS = {
    "Rendition": {
        "type": "object",
        "properties": {"url": {"type": "string"}, "width": {"type": "integer"}, "height": {"type": "integer"}},
        "required": ["url", "width", "height"],
    },
    "Image": {
        "type": "object",
        "description": "Image : texte alternatif et déclinaisons carte (640×360) et grand format, URL absolues.",
        "properties": {
            "id": {"type": "integer"},
            "title": STRING,
            "alt": STRING,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            **{name: {"$ref": "#/components/schemas/Rendition"} for name in IMAGE_RENDITIONS},
        },
        "required": ["id", "alt", *IMAGE_RENDITIONS],
    },
    "Document": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": STRING,
            "url": STRING,
            "file_extension": STRING,
            "file_size": {"type": ["integer", "null"]},
        },
        "required": ["id", "title", "url"],
    },
    "PageSummary": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "type": STRING,
            "title": STRING,
            "html_url": {"type": ["string", "null"]},
            "detail_url": STRING,
        },
        "required": ["id", "type", "title", "html_url", "detail_url"],
    },
    "CentreSummary": {
        "allOf": [{"$ref": "#/components/schemas/PageSummary"}],
        "type": "object",
        "properties": {
            "structure_type": {"type": "string", "enum": ["cs", "evs"]},
            "commune": STRING,
            "department": STRING,
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
        },
    },
    "Commune": {
        "type": "object",
        "properties": {
            "insee_code": STRING,
            "name": STRING,
            "postcodes": {"type": "array", "items": STRING},
            "department": STRING,
        },
        "required": ["insee_code", "name", "department"],
    },
    "Place": {
        "type": "object",
        "description": "Lieu : un centre de l'annuaire ou une commune, sur place ou à distance.",
        "properties": {
            "mode": {"type": "string", "enum": ["presentiel", "distanciel", "hybride"]},
            "label": STRING,
            "details": STRING,
            "centre": nullable({"$ref": "#/components/schemas/PageSummary"}),
            "commune": nullable({"$ref": "#/components/schemas/Commune"}),
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
        },
        "required": ["mode", "label", "centre", "commune"],
    },
    "Error": {
        "type": "object",
        "description": "Erreur : le message dit, en français, ce qui est attendu.",
        "properties": {"message": STRING, "parameter": STRING},
        "required": ["message"],
    },
    "Listing": {
        "type": "object",
        "properties": {"meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}}},
        "required": ["meta", "items"],
    },
}


def _nullable_if(schema, condition):
    return nullable(schema) if condition else schema


def django_field_schema(field):
    """JSON schema of a model field as the API serialises it."""
    if isinstance(field, wagtail_fields.RichTextField):
        schema = {"type": "string", "description": "HTML ; les liens internes pointent vers les pages publiques."}
    elif getattr(field, "choices", None):
        values = [str(value) for value, _label in field.flatchoices]
        if field.blank and not isinstance(field, models.IntegerField):
            values.append("")
        schema = {"type": "integer"} if isinstance(field, models.IntegerField) else {"type": "string"}
        schema["enum"] = values if schema["type"] == "string" else [int(value) for value in values]
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, (models.AutoField, models.IntegerField)):
        schema = {"type": "integer"}
    elif isinstance(field, models.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, models.DecimalField):
        schema = {"type": "string", "description": "Nombre décimal écrit en chaîne (ex. « 50.00 »)."}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.TimeField):
        schema = {"type": "string", "description": "Heure HH:MM:SS."}
    else:
        schema = {"type": "string"}
    return _nullable_if(schema, field.null)


def block_schema(block):
    """JSON schema of a StreamField block's API representation."""
    if hasattr(block, "api_schema"):
        return block.api_schema
    if isinstance(block, (ImageBlock, ImageChooserBlock)):
        return nullable(IMAGE_SCHEMA)
    if isinstance(block, DocumentChooserBlock):
        return nullable(DOCUMENT_SCHEMA)
    if isinstance(block, blocks.StructBlock):
        return {
            "type": "object",
            "properties": {name: block_schema(child) for name, child in block.child_blocks.items()},
        }
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_schema(block.child_block)}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.IntegerBlock):
        return {"type": ["integer", "null"]}
    if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        return {"type": ["number", "null"]}
    if isinstance(block, EmbedBlock):
        return {"type": ["string", "null"], "description": "Adresse de la vidéo ou du contenu intégré."}
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "description": "HTML"}
    return {"type": ["string", "null"]}


def stream_schema(stream_block):
    return {
        "type": "array",
        "items": {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"type": {"const": name}, "value": block_schema(child), "id": {"type": "string"}},
                    "required": ["type", "value"],
                }
                for name, child in stream_block.child_blocks.items()
            ]
        },
    }


class SchemaBuilder:
    """Collects component schemas while describing endpoints."""

    def __init__(self, router):
        self.router = router
        self.components = dict(SHARED_SCHEMAS)

    def component(self, name, schema):
        self.components.setdefault(name, schema)
        return {"$ref": f"#/components/schemas/{name}"}

    def api_field_schema(self, endpoint_class, model, api_field, overrides):
        """Schema of one API field of `model`."""
        name = api_field.name
        serializer = overrides.get(name)
        try:
            django_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            django_field = None
        if isinstance(serializer, DocumentRowsField):
            rows = django_field.related_model
            properties = {"document": nullable(DOCUMENT_SCHEMA)}
            properties.update(
                {row_field: django_field_schema(rows._meta.get_field(row_field)) for row_field in serializer.row_fields}
            )
            return {
                "type": "array",
                "items": {"type": "object", "properties": properties, "required": list(properties)},
            }
        if isinstance(serializer, SchemaField):
            return serializer.openapi_schema
        if isinstance(serializer, Field):
            return {}
        if isinstance(django_field, wagtail_fields.StreamField):
            block_class = type(django_field.stream_block)
            return self.component(block_class.__name__, stream_schema(django_field.stream_block))
        if django_field is not None and django_field.is_relation:
            related = django_field.related_model
            if isinstance(getattr(django_field, "field", None), ParentalKey):
                return {"type": "array", "items": self.child_schema(endpoint_class, related)}
            if django_field.many_to_many or django_field.one_to_many:
                return {"type": "array", "items": {"type": "object"}}
            return nullable({"type": "object", "properties": {"id": {"type": "integer"}}})
        if django_field is not None:
            return django_field_schema(django_field)
        return PROPERTY_SCHEMAS.get((model._meta.label, name), {})

    def child_schema(self, endpoint_class, model):
        """An inline row (opening hours, sessions…) as the API nests it: every field, plus id and meta."""
        overrides = endpoint_class.get_field_serializer_overrides(model)
        properties = {
            "id": {"type": "integer"},
            "meta": {"type": "object", "properties": {"type": STRING}},
        }
        for api_field in endpoint_class._convert_api_fields(getattr(model, "api_fields", ())):
            properties[api_field.name] = self.api_field_schema(endpoint_class, model, api_field, overrides)
        return {"type": "object", "properties": properties, "required": ["id"]}

    def model_schema(self, endpoint_class, model, page=False):
        """The item schema of a model: body fields, and the meta object."""
        overrides = endpoint_class.get_field_serializer_overrides(model)
        properties = {}
        for api_field in endpoint_class.get_body_fields(model):
            if api_field.name == "id":
                properties["id"] = {"type": "integer"}
                continue
            properties[api_field.name] = self.api_field_schema(endpoint_class, model, api_field, overrides)
        type_schema = STRING if model is Page else {"const": f"{model._meta.app_label}.{model.__name__}"}
        meta = {"type": type_schema, "detail_url": STRING}
        for api_field in endpoint_class.get_meta_fields(model):
            if api_field.name in meta:
                continue
            meta[api_field.name] = self.meta_schema(endpoint_class, model, api_field.name, overrides, page)
        properties["meta"] = {"type": "object", "properties": meta}
        return {
            "type": "object",
            "description": str(model.__doc__ or "").strip(),
            "properties": properties,
            "required": ["id", "meta"],
            "additionalProperties": False,
        }

    def meta_schema(self, endpoint_class, model, name, overrides, page):
        page_meta = {
            "html_url": {"type": ["string", "null"]},
            "parent": nullable({"type": "object"}),
            "alias_of": nullable({"type": "object"}),
            "locale": STRING,
            "download_url": STRING,
        }
        if name in page_meta:
            return page_meta[name]
        try:
            return django_field_schema(model._meta.get_field(name))
        except FieldDoesNotExist:
            return {}


def parameter_objects(parameters, where=None):
    """OpenAPI parameter objects from {name: parser}; `where` maps a name to the types accepting it."""
    objects = []
    for name, parser in parameters.items():
        if name == "_":
            continue
        description = parser.description
        if parser.requires:
            description += f" Nécessite « {parser.requires} »."
        if where and name in where:
            description += " Avec type=" + " ou type=".join(where[name]) + "."
        item = {"name": name, "in": "query", "required": False, "description": description, "schema": parser.schema}
        if parser.example is not None:
            item["example"] = str(parser.example)
        objects.append(item)
    return objects


def json_content(schema):
    return {"application/json": {"schema": schema}}


ERROR_RESPONSES = {
    "400": {
        "description": "Paramètre inconnu ou mal formé.",
        "content": json_content({"$ref": "#/components/schemas/Error"}),
    },
}
NOT_FOUND = {
    "404": {
        "description": "Introuvable ou non public.",
        "content": json_content({"$ref": "#/components/schemas/Error"}),
    }
}
CACHE_HEADERS = {
    "ETag": {"description": "Empreinte du contenu ; renvoyez-la dans If-None-Match.", "schema": STRING},
    "Cache-Control": {"description": "Courte durée de vie et stale-while-revalidate.", "schema": STRING},
}
CONDITIONAL = {"304": {"description": "Inchangé depuis l'ETag donné dans If-None-Match."}}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETag d'une réponse précédente : 304 si rien n'a changé.",
    "schema": STRING,
}


def listing_response(item_schema, description):
    return {
        "200": {
            "description": description,
            "headers": CACHE_HEADERS,
            "content": json_content(
                {
                    "allOf": [{"$ref": "#/components/schemas/Listing"}],
                    "type": "object",
                    "properties": {"meta": {"type": "object"}, "items": {"type": "array", "items": item_schema}},
                }
            ),
        },
        **CONDITIONAL,
        **ERROR_RESPONSES,
    }


def detail_response(item_schema, description):
    return {
        "200": {"description": description, "headers": CACHE_HEADERS, "content": json_content(item_schema)},
        **CONDITIONAL,
        **ERROR_RESPONSES,
        **NOT_FOUND,
    }


ID_PARAMETER = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def pages_paths(builder, endpoint_class):
    """The pages endpoint: one item schema per page type, every filter with the types accepting it."""
    page_models = _page_models()
    schemas = {
        model: builder.component(model.__name__, builder.model_schema(endpoint_class, model, page=True))
        for model in page_models
    }
    generic = builder.component("Page", builder.model_schema(endpoint_class, Page, page=True))
    parameters = dict(endpoint_class.page_listing_parameters(None))
    where = {}
    for model, page_type in endpoint_class.page_types.items():
        for name, parser in page_type.filters.items():
            parameters.setdefault(name, parser)
            where.setdefault(name, []).append(model._meta.label)
    item = {"anyOf": [generic, *schemas.values()]}
    detail_item = {"oneOf": list(schemas.values())} if schemas else generic
    detail_parameters = parameter_objects(endpoint_class.detail_parameters())
    return {
        f"{API_PREFIX}/pages/": {
            "get": {
                "operationId": "listPages",
                "summary": "Pages publiées et publiques",
                "description": (
                    "Sans `type`, les pages de tous types avec leurs champs communs. Avec `type=app.Modèle`, "
                    "les champs de ce type (`fields=*` pour tous) et ses filtres. Un paramètre inconnu ou mal "
                    "formé, ou un `limit` au-delà du maximum, renvoie une erreur 400 qui le nomme."
                ),
                "tags": ["pages"],
                "parameters": [*parameter_objects(parameters, where), IF_NONE_MATCH],
                "responses": listing_response(item, "Liste paginée des pages."),
            }
        },
        f"{API_PREFIX}/pages/{{id}}/": {
            "get": {
                "operationId": "getPage",
                "summary": "Une page, avec tous ses champs",
                "tags": ["pages"],
                "parameters": [ID_PARAMETER, *detail_parameters, IF_NONE_MATCH],
                "responses": detail_response({"anyOf": [detail_item, generic]}, "La page."),
            }
        },
        f"{API_PREFIX}/pages/find/": {
            "get": {
                "operationId": "findPage",
                "summary": "Trouver une page par son chemin public (redirige vers son détail)",
                "tags": ["pages"],
                "parameters": [
                    {"name": "html_path", "in": "query", "required": False, "schema": STRING, "example": "/annuaire/"},
                    {"name": "id", "in": "query", "required": False, "schema": {"type": "integer"}},
                ],
                "responses": {"302": {"description": "Redirection vers /api/v2/pages/{id}/."}, **NOT_FOUND},
            }
        },
    }


def _page_models():
    """Every concrete page type of the project (not Wagtail's own Page)."""
    from django.apps import apps

    project_apps = {"home", "centres", "blog", "resources"}
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in project_apps
    ]


def endpoint_paths(builder, name, endpoint_class, tag, summary):
    model = endpoint_class.model
    component = model.__name__ if model.__name__ not in SHARED_SCHEMAS else f"{model.__name__}Item"
    item = builder.component(component, builder.model_schema(endpoint_class, model))
    return {
        f"{API_PREFIX}/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": summary,
                "tags": [tag],
                "parameters": [*parameter_objects(endpoint_class.listing_parameters()), IF_NONE_MATCH],
                "responses": listing_response(item, summary),
            }
        },
        f"{API_PREFIX}/{name}/{{id}}/": {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"{summary} : un élément",
                "tags": [tag],
                "parameters": [ID_PARAMETER, *parameter_objects(endpoint_class.detail_parameters()), IF_NONE_MATCH],
                "responses": detail_response(item, summary),
            }
        },
    }


ENDPOINT_SUMMARIES = {
    "images": ("médias", "Images publiques (hors collections privées)"),
    "documents": ("médias", "Documents publics (hors collections privées)"),
    "departments": ("référentiels", "Les huit départements de la fédération"),
    "themes": ("référentiels", "Thèmes"),
    "audiences": ("référentiels", "Publics"),
    "partners": ("référentiels", "Partenaires de la fédération"),
}


def open_format_paths():
    """Feeds, calendars, GeoJSON and the data·inclusion export, with the filters they share with the API."""
    from blog.feeds import FEED_PARAMETERS
    from centres.filters import CENTRE_FILTERS
    from resources.filters import SESSION_FILTERS, WORKSHOP_FILTERS

    formats = [
        ("feeds/initiatives.rss", "application/rss+xml", "Flux RSS 2.0 des initiatives", FEED_PARAMETERS, "flux"),
        ("feeds/initiatives.atom", "application/atom+xml", "Flux Atom des initiatives", FEED_PARAMETERS, "flux"),
        ("feeds/trainings.ics", "text/calendar", "Agenda iCalendar des sessions de formation", SESSION_FILTERS, "flux"),
        ("feeds/workshops.ics", "text/calendar", "Agenda iCalendar des ateliers", WORKSHOP_FILTERS, "flux"),
        ("centres.geojson", "application/geo+json", "Les centres en GeoJSON (RFC 7946)", CENTRE_FILTERS, "cartes"),
        (
            "centres/data-inclusion.json",
            "application/json",
            "L'annuaire au schéma « structure » de data·inclusion",
            CENTRE_FILTERS,
            "cartes",
        ),
    ]
    paths = {}
    for path, media_type, summary, parameters, tag in formats:
        paths[f"{API_PREFIX}/{path}"] = {
            "get": {
                "operationId": "get_" + path.replace("/", "_").replace(".", "_").replace("-", "_"),
                "summary": summary,
                "tags": [tag],
                "parameters": [*parameter_objects(parameters), IF_NONE_MATCH],
                "responses": {
                    "200": {
                        "description": summary,
                        "headers": CACHE_HEADERS,
                        "content": {
                            media_type: {
                                "schema": STRING
                                if media_type.startswith(("text", "application/rss", "application/atom"))
                                else {"type": ["object", "array"]}
                            }
                        },
                    },
                    **CONDITIONAL,
                    **ERROR_RESPONSES,
                },
            }
        }
    return paths


DESCRIPTION = """\
Les contenus publiés de la Fédération des centres sociaux et EVS Garonne Occitanie (FIGO), en lecture
libre, sans compte ni clé : annuaire des centres sociaux et espaces de vie sociale, initiatives
d'habitants, formations, ateliers d'échanges de pratiques, dossiers thématiques, référentiels.

* **Seulement le contenu publié et public** : ni brouillon, ni page dépubliée ou en relecture, ni page,
  document ou image réservés aux adhérents.
* **Filtres** : tout paramètre est documenté et vérifié ; un paramètre inconnu ou mal formé renvoie une
  erreur 400 en JSON qui le nomme (`parameter`) et dit ce qui est attendu (`message`).
* **Cache** : chaque réponse porte `Cache-Control` (courte durée, `stale-while-revalidate`) et un `ETag` ;
  renvoyez-le dans `If-None-Match` pour recevoir `304 Not Modified`. Une publication rend aussitôt
  périmées les réponses qu'elle concerne.
* **CORS** : `GET` anonyme depuis n'importe quelle origine.
* **Exemples** : les EVS du Gers `pages/?type=centres.CentrePage&structure_type=evs&department=32` ;
  les formations à venir pour les élus `pages/?type=resources.TrainingPage&audience=elus-locaux&upcoming=true` ;
  les initiatives sur le logement près de Toulouse
  `pages/?type=blog.InitiativePage&theme=logement&department=31` ou les centres proches
  `pages/?type=centres.CentrePage&near=43.6045,1.4440&radius_km=15`.
"""


def build_openapi(router):
    """The OpenAPI 3.1 document of every endpoint registered on `router`, plus the open formats."""
    builder = SchemaBuilder(router)
    paths = {}
    for name, endpoint_class in router._endpoints.items():
        if name == "pages":
            paths.update(pages_paths(builder, endpoint_class))
        elif name in ENDPOINT_SUMMARIES:
            tag, summary = ENDPOINT_SUMMARIES[name]
            paths.update(endpoint_paths(builder, name, endpoint_class, tag, summary))
    paths.update(open_format_paths())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API des contenus de la FIGO",
            "version": "2",
            "description": DESCRIPTION,
            "license": {"name": "Licence Ouverte / Etalab 2.0", "identifier": "etalab-2.0"},
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL.rstrip("/")}],
        "paths": paths,
        "components": {"schemas": builder.components},
    }
