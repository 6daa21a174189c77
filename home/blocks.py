"""StreamField blocks shared by every page body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


def image_api_representation(image, context=None):
    """An image as partners need it: alt text and absolute rendition URLs (card and large)."""
    if image is None:
        return None
    from home.api_images import image_summary

    return image_summary(image, context)


class HeadingBlock(blocks.StructBlock):
    """A section heading of level 2 or 3 (the page title is the only level 1)."""

    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (niveau 2)")), ("h3", _("Sous-titre (niveau 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alternative text, an optional caption and credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Crédit photo"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"

    def get_api_representation(self, value, context=None):
        image = value["image"]
        data = image_api_representation(image, context)
        if data is not None and getattr(image, "decorative", False):
            data["alt"] = ""
        elif data is not None and getattr(image, "contextual_alt_text", None):
            data["alt"] = image.contextual_alt_text
        return {"image": data, "caption": value["caption"], "credit": value["credit"]}

    def get_deferred_api_representation(self, raw_value, context=None):
        """The same from the stored JSON, the image left for home.api_deferred to load in bulk."""
        from home.api_deferred import ImageRef

        raw_image = raw_value.get("image")
        if isinstance(raw_image, dict):  # ImageBlock: {"image": id, "alt_text": …, "decorative": …}
            image_id = raw_image.get("image")
            alt = "" if raw_image.get("decorative") else (raw_image.get("alt_text") or None)
        else:  # an image id stored by an ImageChooserBlock
            image_id, alt = raw_image, None
        return {
            "image": ImageRef(image_id, alt) if image_id else None,
            "caption": raw_value.get("caption", ""),
            "credit": raw_value.get("credit", ""),
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation, typically the words of an inhabitant, with who said it."""

    text = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Auteur ou autrice"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    """A link to a document of the library (guide, report, leaflet)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Intitulé du lien"),
        required=False,
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"

    def get_api_representation(self, value, context=None):
        from home.api_deferred import document_data

        document = value["document"]
        if document is None:
            return None
        return document_data(document, value["title"])

    def get_deferred_api_representation(self, raw_value, context=None):
        """The same from the stored JSON, the document left for home.api_deferred (null when private)."""
        from home.api_deferred import DocumentRef

        document_id = raw_value.get("document")
        return DocumentRef(document_id, raw_value.get("title") or None) if document_id else None


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every page: text, headings, images, quotes, video embeds and documents."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Vidéo ou contenu intégré"),
        help_text=_("Adresse d'une vidéo (PeerTube, YouTube, Vimeo…)."),
        icon="media",
        template="blocks/embed_block.html",
    )
    document = DocumentBlock()
