"""Keep the API index (home.api_index) in step with content: which change makes which entries out of date.

- A page saved, published or unpublished: its own items, the items of the pages that show it (organisers,
  places, related pages, links in rich text: found through Wagtail's reference index) and the totals of
  its type.
  Saving a draft changes nothing the API shows. When its URL changed and it has children, all items
  (their URLs changed too).
- A child row of a page (organiser, session, photo…) or its many-to-many values: that page's items.
- An image or a document: the items of the pages that show it (reference index).
- A page moved or deleted, a view restriction, a collection, a site, a locale, a tag, a commune, a
  vocabulary (themes, publics, partners…): all items (a new epoch); every total too for a move, a deletion,
  a view restriction or a site.

Everything runs inside the transaction that makes the change (see home.api_index on concurrency).
Bulk changes made without signals (QuerySet.update, SQL) need `manage.py build_api_index`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)

from home import api_index
from home.api_cache import has_api_fields

# What saving a draft, locking or commenting writes on the page row: nothing the API shows.
DRAFT_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
}
OLD_URL_PATH = "_figo_api_index_old_url_path"


def _global_types():
    from taggit.models import Tag

    from home.models import Commune

    return (Collection, CollectionViewRestriction, Locale, Tag, Commune)


def pages_showing(model, object_ids):
    """{page model: ids} of the live content that refers to these objects (reference index)."""
    references = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(model),
        to_object_id__in=[str(object_id) for object_id in object_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("content_type_id", "object_id")
    found = {}
    for content_type_id, object_id in references.distinct():
        page_model = ContentType.objects.get_for_id(content_type_id).model_class()
        if page_model is not None:
            found.setdefault(page_model, set()).add(int(object_id))
    return found


def page_changed(page):
    """A page's live content may have changed: its items, those of the pages showing it, its type's totals."""
    model = page.specific_class or type(page)
    affected = pages_showing(Page, [page.pk])
    affected.setdefault(model, set()).add(page.pk)
    api_index.invalidate_pages(affected)
    api_index.invalidate_totals(model)


def everything_changed(pages=False):
    api_index.invalidate_all_items()
    if pages:
        api_index.invalidate_totals()


def parent_page(instance):
    """The page a child row belongs to (its ParentalKey), or None for other models."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field.related_model, getattr(instance, field.attname)
    return None


def is_shared_by_items(instance):
    """Objects that any item may show and that no reference leads to: vocabularies, communes, tags,
    collections… (not pages, nor their rows)."""
    if isinstance(instance, Page) or parent_page(instance) is not None:
        return False
    return isinstance(instance, _global_types()) or has_api_fields(instance)


def remember_url_path(sender, instance, raw=False, **kwargs):
    """Before a page with children is saved, note its stored URL path (post_save compares)."""
    if raw or not isinstance(instance, Page) or not instance.pk or not instance.numchild:
        return
    setattr(instance, OLD_URL_PATH, Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first())


def on_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if isinstance(instance, Page):
        if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
            return
        page_changed(instance)
        old_url_path = getattr(instance, OLD_URL_PATH, None)
        if old_url_path is not None and old_url_path != instance.url_path:
            everything_changed()
        return
    if isinstance(instance, (get_image_model(), get_document_model())):
        if not created:  # a new image or document is shown by no page yet
            api_index.invalidate_pages(pages_showing(type(instance), [instance.pk]))
        return
    parent = parent_page(instance)
    if parent is not None:
        model, page_id = parent
        api_index.invalidate_pages({model: [page_id]})
    elif isinstance(instance, (PageViewRestriction, Site)):
        everything_changed(pages=True)
    elif isinstance(instance, CollectionViewRestriction):
        everything_changed()
    elif not created and is_shared_by_items(instance):
        everything_changed()  # a new tag, theme or commune changes no page until a page uses it


def on_delete(sender, instance, **kwargs):
    """Before a deletion, while the reference index still knows who shows the object."""
    if isinstance(instance, (Page, PageViewRestriction, Site)):
        everything_changed(pages=True)
    elif isinstance(instance, (get_image_model(), get_document_model())):
        api_index.invalidate_pages(pages_showing(type(instance), [instance.pk]))
    elif is_shared_by_items(instance):
        everything_changed()
    # A child row deleted goes with its page's save or deletion, which invalidate that page.


def on_many_to_many(sender, instance, action, reverse=False, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Page):
        api_index.invalidate_pages({instance.specific_class or type(instance): [instance.pk]})
    elif is_shared_by_items(instance):
        everything_changed()


def on_moved(sender, instance, **kwargs):
    everything_changed(pages=True)


def connect_signals():
    """Connect the handlers (idempotent)."""
    from wagtail.signals import post_page_move

    # Publishing and unpublishing save the page (post_save): page_published and page_unpublished would
    # only invalidate the same entries a second time.

    pre_save.connect(remember_url_path, dispatch_uid="figo_api_index_pre_save")
    post_save.connect(on_save, dispatch_uid="figo_api_index_post_save")
    pre_delete.connect(on_delete, dispatch_uid="figo_api_index_pre_delete")
    m2m_changed.connect(on_many_to_many, dispatch_uid="figo_api_index_m2m_changed")
    post_page_move.connect(on_moved, dispatch_uid="figo_api_index_post_page_move")
