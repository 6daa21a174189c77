"""The resource centre's index and its thematic dossiers (logement, santé, mobilité…)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import (
    DocumentRowsField,
    DocumentSummaryField,
    PageSummaryField,
    PageSummaryListField,
    TaxonomyField,
)
from home.blocks import BaseStreamBlock
from home.models import BasePage


class DocumentType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    REPORT = "compte_rendu", _("Compte rendu")
    STUDY = "etude", _("Étude ou rapport")
    FACT_SHEET = "fiche", _("Fiche pratique")
    TOOL = "outil", _("Outil d'animation")
    ADVOCACY = "plaidoyer", _("Plaidoyer")
    PRESENTATION = "presentation", _("Support de présentation")


class ResourceIndexPage(BasePage):
    """The "Centre ressources": thematic dossiers, the training catalogue and the workshops."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.DossierPage", "resources.TrainingIndexPage", "resources.WorkshopIndexPage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [APIField("introduction")]

    class Meta:
        verbose_name = _("centre ressources")
        verbose_name_plural = _("centres ressources")

    def get_dossiers(self):
        return DossierPage.objects.child_of(self).live().public().select_related("theme", "image").order_by("title")


class DossierPage(BasePage):
    """A thematic dossier: the federation's watch on a social question, with figures and documents."""

    theme = models.ForeignKey("home.Theme", verbose_name=_("thème"), on_delete=models.PROTECT, related_name="dossiers")
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu du dossier"), blank=True)
    last_reviewed = models.DateField(
        _("dossier relu le"), null=True, blank=True, help_text=_("Date de la dernière relecture du dossier.")
    )

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("body"),
        InlinePanel("key_figures", label=_("Chiffre clé"), heading=_("Chiffres clés")),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        InlinePanel("links", label=_("Lien"), heading=_("Liens utiles")),
        InlinePanel(
            "related_pages",
            label=_("Page liée"),
            heading=_("Initiatives, centres et formations liés"),
        ),
        FieldPanel("last_reviewed"),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.FilterField("theme_id"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("theme", serializer=TaxonomyField()),
        APIField("body"),
        APIField("key_figures"),
        APIField("documents", serializer=DocumentRowsField(["document_type", "date"])),
        APIField("links"),
        APIField("related_pages", serializer=PageSummaryListField("related_page")),
        APIField("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("dossier thématique")
        verbose_name_plural = _("dossiers thématiques")

    def get_related_pages(self):
        """Related live, public pages in the editor's order, as their specific types."""
        ids = [item.related_page_id for item in self.related_pages.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]


class DossierKeyFigure(Orderable):
    """A key figure of the dossier, with its source."""

    page = ParentalKey(DossierPage, related_name="key_figures", on_delete=models.CASCADE)
    value = models.CharField(_("chiffre"), max_length=50, help_text=_("Par exemple « 2,3 millions » ou « 38 % »."))
    label = models.CharField(_("ce qu'il mesure"), max_length=255)
    source = models.CharField(_("source"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("label")]), FieldPanel("source")]
    api_fields = [APIField("value"), APIField("label"), APIField("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")


class DossierDocument(Orderable):
    """A document of the dossier, with its type and date."""

    page = ParentalKey(DossierPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    document_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.GUIDE)
    date = models.DateField(_("date du document"))

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("document_type"), FieldPanel("date")])]
    api_fields = [APIField("document", serializer=DocumentSummaryField()), APIField("document_type"), APIField("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class DossierLink(Orderable):
    """A useful link of the dossier (a public report, a partner's tool)."""

    page = ParentalKey(DossierPage, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("intitulé"), max_length=255)
    url = models.URLField(_("adresse"))
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]
    api_fields = [APIField("title"), APIField("url"), APIField("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("lien")
        verbose_name_plural = _("liens")


class DossierRelatedPage(Orderable):
    """An initiative, a centre or a training related to the dossier."""

    page = ParentalKey(DossierPage, related_name="related_pages", on_delete=models.CASCADE)
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page liée"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel("related_page", ["blog.InitiativePage", "centres.CentrePage", "resources.TrainingPage"]),
    ]
    api_fields = [APIField("related_page", serializer=PageSummaryField())]

    class Meta(Orderable.Meta):
        verbose_name = _("page liée")
        verbose_name_plural = _("pages liées")
