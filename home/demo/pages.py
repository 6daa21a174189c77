"""Get-or-create for demo pages, published with a revision as an editor would, and body-building helpers."""

import uuid

from modelcluster.models import get_all_child_relations
from taggit.models import ItemBase
from wagtail.fields import StreamField

DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "demo.figo.example")


def ensure_page(ctx, parent, slug, build, *, model=None, lookup=None, after_create=None):
    """The existing page, else `build()` it under `parent` as `slug`, validate and publish it.

    The existing page is what `lookup()` finds, else a `model` page with this slug anywhere (an editor may have
    moved it), else the child `slug` of `parent`. Running twice creates nothing: an existing page is returned
    untouched, whatever an editor did to it.
    """
    if lookup is None and model is not None:
        lookup = model.objects.filter(slug=slug).first
    page = lookup() if lookup else None
    if page is None:
        page = parent.get_children().filter(slug=slug).first()
    if page is not None:
        ctx.count("pages", created=False)
        return page.specific
    page = build()
    page.slug = slug
    page.owner = ctx.user
    _stable_ids(page, parent)
    validate_rows(page)
    # A live page is validated with full_clean() by Page.save() before it is inserted, model rules included.
    page.live = True
    parent.add_child(instance=page)
    if after_create:
        after_create(page)
    page.save_revision(user=ctx.user).publish(user=ctx.user)
    ctx.count("pages", created=True)
    ctx.new_objects.append(page)
    return page


def _stable_ids(page, parent):
    """Ids derived from the page's place in the tree, so that two fresh builds store the same data."""
    key = f"{parent.url_path}{page.slug}/"
    page.translation_key = uuid.uuid5(DEMO_NAMESPACE, key)
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for index, child in enumerate(getattr(page, field.name)):
                child.id = str(uuid.uuid5(DEMO_NAMESPACE, f"{key}{field.name}/{index}"))


def validate_rows(page):
    """full_clean() the page's inline rows (opening hours, sessions, stages…): Page.full_clean() skips them."""
    for relation in get_all_child_relations(page):
        if issubclass(relation.related_model, ItemBase):
            continue
        for row in getattr(page, relation.get_accessor_name()).all():
            row.full_clean(exclude=[relation.field.name])


def paragraph(text):
    """A rich-text paragraph from plain text (escaped), or from HTML when it already starts with a tag."""
    return text if text.lstrip().startswith("<") else f"<p>{escape(text)}</p>"


def escape(text):
    """Escape what HTML text needs; apostrophes stay readable in the stored rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bullet_list(items, ordered=False):
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


def heading_block(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph_block(html):
    return {"type": "paragraph", "value": paragraph(html)}


def image_block(image, caption="", credit="Illustration de démonstration"):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": image.description, "decorative": False},
            "caption": caption,
            "credit": credit,
        },
    }


def quote_block(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}
