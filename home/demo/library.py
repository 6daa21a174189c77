"""The demo's media library: the "Démonstration" collection, its pictures, logos and PDF documents."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from home.roles import child_collection

from . import images
from .content.common import DEMO_COLLECTION, PICTURES


def ensure_collection(ctx):
    root = Collection.get_first_root_node()
    ctx.count("collections", created=not root.get_children().filter(name=DEMO_COLLECTION).exists())
    # The project's own helper: it appends the collection whatever the order of its siblings.
    ctx.collection = child_collection(root, DEMO_COLLECTION)
    return ctx.collection


def picture(ctx, key):
    """The Wagtail image of the picture library entry `key`, drawn and stored on first use."""
    if key not in ctx.pictures:
        title, caption, alt_text, palette, motif = PICTURES[key]
        ctx.pictures[key] = _ensure_image(
            ctx, title, alt_text, f"demo-{key}.jpg", lambda: images.render_picture(caption, palette, motif, key)
        )
    return ctx.pictures[key]


def logo(ctx, name, colours):
    return _ensure_image(
        ctx,
        f"Logo — {name}"[:255],
        f"Logo de démonstration de {name}"[:255],
        f"demo-logo-{slugify(name)[:60]}.png",
        lambda: images.render_logo(name, *colours),
    )


def document(ctx, title, subtitle, headings, colour="#0b3954"):
    """A one-page PDF in the demo collection, found again by its title on later runs."""
    if title in ctx.documents:
        return ctx.documents[title]
    Document = get_document_model()
    existing = Document.objects.filter(collection=ctx.collection, title=title).first()
    ctx.count("documents", created=existing is None)
    if existing:
        ctx.documents[title] = existing
        return existing
    data = images.render_pdf(title, subtitle, headings, colour)
    new = Document(
        title=title,
        collection=ctx.collection,
        uploaded_by_user=ctx.user,
        file=ContentFile(data, name=f"demo-{slugify(title)[:80]}.pdf"),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    new.full_clean()
    new.save()
    ctx.documents[title] = new
    ctx.new_objects.append(new)
    return new


def _ensure_image(ctx, title, alt_text, filename, render):
    Image = get_image_model()
    existing = Image.objects.filter(collection=ctx.collection, title=title).first()
    ctx.count("images", created=existing is None)
    if existing:
        return existing
    data = render()
    new = Image(
        title=title,
        description=alt_text,
        collection=ctx.collection,
        uploaded_by_user=ctx.user,
        file=ImageFile(io.BytesIO(data), name=filename),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    new.save()
    ctx.new_objects.append(new)
    return new
