"""Images, documents and rich text resolved in bulk once a whole API response is serialised.

Serialising 50 pages one by one would query each page's images, renditions, documents and rich text
links separately. Instead the serializer fields emit placeholders (an image id, a document id, a rich
text source) and `resolve` replaces every placeholder of the response at once: one query for the
images with their renditions, one for the documents, one pass of Wagtail's link rewriter over all the
rich text. A response's query count then no longer depends on how many items it lists.

Private images and documents (see home.api_privacy) resolve to null.
"""

import re

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from home.api_images import IMAGE_RENDITIONS, absolute_url
from home.api_privacy import public_media

# A separator the link rewriter leaves alone: it only rewrites <a> and <embed> tags.
RICH_TEXT_SEPARATOR = "<!--figo-rich-text-separator-->"
RELATIVE_URL_RE = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*|/)"')


class ImageRef(dict):
    """An image to resolve; `alt` overrides the image's own alt text (a block's contextual alt)."""

    def __init__(self, image_id, alt=None):
        super().__init__(id=image_id)
        self.image_id = image_id
        self.alt = alt


class DocumentRef(dict):
    """A document to resolve; `title` overrides the document's own title."""

    def __init__(self, document_id, title=None):
        super().__init__(id=document_id)
        self.document_id = document_id
        self.title = title


class RichTextRef(str):
    """Rich text in Wagtail's database format, to expand into public HTML."""


def _walk(data, found):
    """Collect the placeholders of a serialised structure, with a setter to replace each one."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in list(items):
        if isinstance(value, (ImageRef, DocumentRef, RichTextRef)):
            found.append((data, key, value))
        elif isinstance(value, (dict, list)):
            _walk(value, found)


def make_urls_absolute(html):
    """Turn site-relative href and src attributes into absolute URLs for partner sites."""
    return RELATIVE_URL_RE.sub(lambda match: f'{match.group(1)}{absolute_url(match.group(2))}"', html)


def expand_rich_texts(sources):
    """Public HTML of many rich texts, with one pass of the link rewriter (one query per link type)."""
    if not sources:
        return []
    joined = expand_db_html(RICH_TEXT_SEPARATOR.join(sources))
    parts = joined.split(RICH_TEXT_SEPARATOR)
    if len(parts) != len(sources):  # a source contained the separator: fall back to one pass each
        parts = [expand_db_html(source) for source in sources]
    return [make_urls_absolute(part) for part in parts]


def image_data(image, alt=None):
    """Alt text, title, size and card / large renditions of an image, with absolute URLs."""
    renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
    data = {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
    }
    for name, spec in IMAGE_RENDITIONS.items():
        rendition = renditions[spec]
        data[name] = {"url": absolute_url(rendition.url), "width": rendition.width, "height": rendition.height}
    return data


def document_data(document, title=None):
    """Title, absolute URL, extension and size of a document."""
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": absolute_url(document.url),
        "file_extension": document.file_extension,
        "file_size": document.file_size,
    }


def load_images(ids, request=None):
    """Public images by id, with their card and large renditions prefetched."""
    if not ids:
        return {}
    queryset = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(*IMAGE_RENDITIONS.values())
    return {image.pk: image for image in public_media(queryset, request)}


def load_documents(ids, request=None):
    """Public documents by id."""
    if not ids:
        return {}
    return {
        document.pk: document for document in public_media(get_document_model().objects.filter(pk__in=ids), request)
    }


def resolve(data, request=None):
    """Replace, in place, every placeholder of a serialised response; returns `data`."""
    found = []
    _walk(data, found)
    if not found:
        return data
    images = load_images({value.image_id for _, _, value in found if isinstance(value, ImageRef)}, request)
    documents = load_documents({value.document_id for _, _, value in found if isinstance(value, DocumentRef)}, request)
    rich = [(container, key, value) for container, key, value in found if isinstance(value, RichTextRef)]
    for (container, key, _), html in zip(rich, expand_rich_texts([str(value) for _, _, value in rich]), strict=True):
        container[key] = html
    for container, key, value in found:
        if isinstance(value, ImageRef):
            image = images.get(value.image_id)
            container[key] = image_data(image, value.alt) if image else None
        elif isinstance(value, DocumentRef):
            document = documents.get(value.document_id)
            container[key] = document_data(document, value.title) if document else None
    return data
