"""Serializer fields of the partner API, used in the models' `api_fields`.

Related objects go out as small summaries rather than bare ids; images, documents and rich text go
out as placeholders that home.api_deferred resolves for the whole response at once. Each field
carries `openapi_schema`, from which home.openapi documents it. This module imports no model, so
that model modules can import it.
"""

from django.utils import timezone
from rest_framework.fields import Field, SkipField

from home.api_deferred import DocumentRef, ImageRef, RichTextRef
from home.api_privacy import is_public_page, restricted_collection_paths

NULLABLE_STRING = {"type": ["string", "null"]}


def nullable(schema):
    """The schema, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


IMAGE_SCHEMA = {"$ref": "#/components/schemas/Image"}
DOCUMENT_SCHEMA = {"$ref": "#/components/schemas/Document"}
PAGE_SUMMARY_SCHEMA = {"$ref": "#/components/schemas/PageSummary"}
CENTRE_SUMMARY_SCHEMA = {"$ref": "#/components/schemas/CentreSummary"}
COMMUNE_SCHEMA = {"$ref": "#/components/schemas/Commune"}
PLACE_SCHEMA = {"$ref": "#/components/schemas/Place"}


class SchemaField(Field):
    """Base of the read-only fields: `openapi_schema` documents the value."""

    openapi_schema = {}

    def __init__(self, *args, openapi_schema=None, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(*args, **kwargs)
        if openapi_schema is not None:
            self.openapi_schema = openapi_schema

    def to_representation(self, value):
        return value


class ImageSummaryField(SchemaField):
    """A foreign key to an image: alt text and card / large renditions with absolute URLs, or null."""

    openapi_schema = nullable(IMAGE_SCHEMA)

    def get_attribute(self, instance):
        image_id = getattr(instance, f"{self.source}_id", None)
        return ImageRef(image_id) if image_id else None


class DocumentSummaryField(SchemaField):
    """A foreign key to a document: title, absolute URL, extension and size, or null when private."""

    openapi_schema = nullable(DOCUMENT_SCHEMA)

    def get_attribute(self, instance):
        document_id = getattr(instance, f"{self.source}_id", None)
        return DocumentRef(document_id) if document_id else None


class RichTextHTMLField(SchemaField):
    """Rich text as public HTML: internal links resolved to absolute URLs."""

    openapi_schema = {"type": "string", "description": "HTML ; les liens internes pointent vers les pages publiques."}

    def to_representation(self, value):
        return RichTextRef(value or "")


class StreamBlocksField(SchemaField):
    """A StreamField as a list of {type, value, id}; image and document blocks resolved in bulk.

    Blocks that define `get_deferred_api_representation(raw_value, context)` are built from the stored
    JSON without loading their images or documents one page at a time.
    """

    openapi_schema = {"type": "array", "items": {"$ref": "#/components/schemas/StreamBlock"}}

    def to_representation(self, value):
        from wagtail.blocks import RichTextBlock

        stream_block = value.stream_block
        items = []
        for raw in value.raw_data:
            block = stream_block.child_blocks.get(raw["type"])
            if block is None:
                continue
            if isinstance(block, RichTextBlock):
                representation = RichTextRef(raw["value"] or "")
            elif hasattr(block, "get_deferred_api_representation"):
                representation = block.get_deferred_api_representation(raw["value"], self.context)
            else:
                representation = block.get_api_representation(block.to_python(raw["value"]), self.context)
            items.append({"type": raw["type"], "value": representation, "id": raw.get("id")})
        return items


def taxonomy_summary(item, attributes):
    return {attribute: getattr(item, attribute) for attribute in attributes}


class TaxonomyField(SchemaField):
    """A foreign key to a vocabulary entry (theme, département…) as {slug, name}, or null."""

    def __init__(self, attributes=("slug", "name"), **kwargs):
        self.attributes = attributes
        kwargs.setdefault(
            "openapi_schema",
            nullable({"type": "object", "properties": {name: {"type": "string"} for name in attributes}}),
        )
        super().__init__(**kwargs)

    def to_representation(self, value):
        return taxonomy_summary(value, self.attributes)


class TaxonomyListField(TaxonomyField):
    """A many-to-many to a vocabulary (themes, publics…) as a list of {slug, name}."""

    def __init__(self, attributes=("slug", "name"), **kwargs):
        schema = {"type": "object", "properties": {name: {"type": "string"} for name in attributes}}
        kwargs.setdefault("openapi_schema", {"type": "array", "items": schema})
        super().__init__(attributes, **kwargs)

    def to_representation(self, value):
        return [taxonomy_summary(item, self.attributes) for item in value.all()]


class TagsField(SchemaField):
    """Free tags as a list of names, read from prefetched `tagged_items`."""

    openapi_schema = {"type": "array", "items": {"type": "string"}}

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return sorted(item.tag.name for item in instance.tagged_items.all())


def commune_summary(commune):
    if commune is None:
        return None
    return {
        "insee_code": commune.insee_code,
        "name": commune.name,
        "postcodes": commune.postcode_list,
        "department": commune.department.code,
    }


class CommuneField(SchemaField):
    """A commune as {insee_code, name, postcodes, department}."""

    openapi_schema = nullable(COMMUNE_SCHEMA)

    def to_representation(self, value):
        return commune_summary(value)


# What page_summary reads of a centre: load only these when a summary is all a relation shows.
CENTRE_SUMMARY_FIELDS = (
    "title",
    "path",
    "live",
    "url_path",
    "content_type",
    "structure_type",
    "latitude",
    "longitude",
    "commune__name",
    "commune__department__code",
)


def centre_summary_only(prefix):
    """The names to give `only()` so that `prefix` (a relation to a centre, "centre__") loads no more than
    its summary needs (the commune and its département must be in select_related)."""
    return tuple(f"{prefix}{name}" for name in CENTRE_SUMMARY_FIELDS)


_DETAIL_PATHS = {}
_SAMPLE_PK = 918273645546372819


def object_detail_url(router, request, model, pk):
    """Wagtail's get_object_detail_url without a reverse() per object: the path is reversed once per
    router, model and URL configuration, then the id is put in it."""
    from django.urls import get_script_prefix, get_urlconf
    from wagtail.api.utils import get_full_url

    key = (id(router), model, get_script_prefix(), get_urlconf())
    parts = _DETAIL_PATHS.get(key)
    if parts is None:
        sample = router.get_object_detail_urlpath(model, _SAMPLE_PK)
        parts = tuple(sample.split(str(_SAMPLE_PK))) if sample and sample.count(str(_SAMPLE_PK)) == 1 else ()
        _DETAIL_PATHS[key] = parts
    if not parts:
        path = router.get_object_detail_urlpath(model, pk)
        return get_full_url(request, path) if path else None
    return get_full_url(request, f"{parts[0]}{pk}{parts[1]}")


def page_summary(page, context):
    """id, type, title, public URL and API URL of a page; centres add their type, commune and point."""
    from wagtail.models import Page

    request = context.get("request")
    specific_class = page.specific_class or type(page)
    data = {
        "id": page.pk,
        "type": f"{specific_class._meta.app_label}.{specific_class.__name__}",
        "title": page.title,
        "html_url": page.get_full_url(request),
        "detail_url": object_detail_url(context["router"], request, Page, page.pk),
    }
    if hasattr(page, "structure_type"):
        data.update(
            structure_type=page.structure_type,
            commune=page.commune.name,
            department=page.commune.department.code,
            latitude=page.latitude,
            longitude=page.longitude,
        )
    return data


class PageSummaryField(SchemaField):
    """A foreign key to a page as its summary, or null when the page is not live and public."""

    openapi_schema = nullable(PAGE_SUMMARY_SCHEMA)

    def to_representation(self, page):
        if not is_public_page(page, self.context.get("request")):
            return None
        return page_summary(page, self.context)


class PageSummaryListField(SchemaField):
    """Rows pointing at pages (organisers, related pages…) as the summaries of the live, public ones."""

    def __init__(self, page_attribute, summary_schema=PAGE_SUMMARY_SCHEMA, **kwargs):
        self.page_attribute = page_attribute
        kwargs.setdefault("openapi_schema", {"type": "array", "items": summary_schema})
        super().__init__(**kwargs)

    def to_representation(self, rows):
        request = self.context.get("request")
        pages = [getattr(row, self.page_attribute) for row in rows.all()]
        return [page_summary(page, self.context) for page in pages if is_public_page(page, request)]


class DocumentRowsField(SchemaField):
    """Rows pointing at documents (a dossier's documents), without the private ones.

    Each row gives its own fields (`document_type`, `date`…) beside the document's summary.
    """

    def __init__(self, row_fields, **kwargs):
        """`row_fields` names the row's own fields shown beside the document (home.openapi types them)."""
        self.row_fields = tuple(row_fields)
        super().__init__(**kwargs)

    def to_representation(self, rows):
        private = restricted_collection_paths(self.context.get("request"))
        items = []
        for row in rows.all():
            if any(row.document.collection.path.startswith(path) for path in private):
                continue
            item = {"document": DocumentRef(row.document_id)}
            item.update({name: getattr(row, name) for name in self.row_fields})
            items.append(item)
        return items


class PlaceField(SchemaField):
    """Where a session or a workshop happens: mode, label, details, centre or commune, coordinates."""

    openapi_schema = PLACE_SCHEMA

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        centre = instance.place_centre if instance.place_centre_id else None
        if centre is not None and not is_public_page(centre, self.context.get("request")):
            centre = None
        commune = centre.commune if centre is not None else instance.place_commune
        if centre is not None and centre.latitude is not None:
            latitude, longitude = centre.latitude, centre.longitude
        elif commune is not None:
            latitude, longitude = commune.latitude, commune.longitude
        else:
            latitude = longitude = None
        label = ", ".join(part for part in (centre.title if centre else "", commune.name if commune else "") if part)
        return {
            "mode": instance.mode,
            "label": label or str(instance.get_mode_display()),
            "details": instance.place_details,
            "centre": page_summary(centre, self.context) if centre is not None else None,
            "commune": commune_summary(commune),
            "latitude": latitude,
            "longitude": longitude,
        }


class DistanceField(SchemaField):
    """Kilometres from the `near` point, present only when the request gives `near`."""

    openapi_schema = {"type": "number", "description": "Distance en km au point « near » (seulement avec near)."}

    def get_attribute(self, instance):
        distance = getattr(instance, "distance_km", None)
        if distance is None:
            raise SkipField
        return round(distance, 2)


class CurrentStageField(SchemaField):
    """The current follow-up stage of an "action signifiante": {stage, label, date}, or null."""

    openapi_schema = nullable(
        {
            "type": "object",
            "properties": {
                "stage": {"type": "string"},
                "label": {"type": "string"},
                "date": {"type": "string", "format": "date"},
            },
        }
    )

    def get_attribute(self, instance):
        return instance.get_current_stage()

    def to_representation(self, stage):
        return {"stage": stage.stage, "label": str(stage.get_stage_display()), "date": stage.date.isoformat()}


class ChoiceLabelField(SchemaField):
    """The French label of a choice field ("Centre social" for "cs")."""

    openapi_schema = {"type": "string"}

    def __init__(self, field_name, **kwargs):
        self.choice_field = field_name
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return str(getattr(instance, f"get_{self.choice_field}_display")())


class LocalDateTimeField(SchemaField):
    """A date-time in Europe/Paris with its offset (2026-09-01T09:00:00+02:00)."""

    openapi_schema = {"type": "string", "format": "date-time"}

    def to_representation(self, value):
        return timezone.localtime(value).isoformat()
