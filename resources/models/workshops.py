"""Exchange-of-practice workshops ("ateliers d'échanges de pratiques") of the federation's chantiers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.api_fields import (
    DocumentRowsField,
    DocumentSummaryField,
    PlaceField,
    TaxonomyField,
    TaxonomyListField,
)
from home.blocks import BaseStreamBlock
from home.models import BasePage

from .dossiers import DocumentType
from .places import Place


class WorkshopIndexPage(BasePage):
    """Lists the exchange-of-practice workshops, upcoming first, then the past ones with their reports."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = ["resources.WorkshopPage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [APIField("introduction")]

    class Meta:
        verbose_name = _("liste des ateliers")
        verbose_name_plural = _("listes des ateliers")

    def get_workshops(self):
        """Live, public workshops of this list, with what their cards show."""
        return (
            WorkshopPage.objects.child_of(self)
            .live()
            .public()
            .select_related("theme", "image", "place_centre__commune", "place_commune")
            .prefetch_related("image__renditions")
        )

    def get_upcoming_workshops(self):
        """Workshops that have not ended, soonest first."""
        return self.get_workshops().upcoming()

    def get_past_workshops(self):
        """Workshops that have ended, latest first (with their reports)."""
        return self.get_workshops().past()

    def get_context(self, request, *args, **kwargs):
        from resources.listing import workshop_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(workshop_listing(self, request))
        return context


class WorkshopQuerySet(PageQuerySet):
    """Workshop look-ups shared by the site, the API and the calendar feed."""

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start")


class WorkshopPage(Place, BasePage):
    """An "atelier d'échanges de pratiques": a theme, a chantier, a date and place, then its report."""

    theme = models.ForeignKey(
        "home.Theme",
        verbose_name=_("thème"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
    )
    chantier = models.CharField(
        _("chantier"), max_length=200, blank=True, help_text=_("Le chantier fédéral dont l'atelier fait partie.")
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    invited_partners = ParentalManyToManyField(
        "centres.Partner", verbose_name=_("partenaires invités"), blank=True, related_name="workshops"
    )
    invited_partners_details = models.CharField(_("autres invités"), max_length=255, blank=True)
    description = RichTextField(_("présentation"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    report = StreamField(BaseStreamBlock(), verbose_name=_("compte rendu"), blank=True)

    objects = PageManager.from_queryset(WorkshopQuerySet)()

    parent_page_types = ["resources.WorkshopIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("theme"), FieldPanel("chantier")], heading=_("Thème")),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Date")),
        *Place.place_panels,
        MultiFieldPanel(
            [FieldPanel("invited_partners"), FieldPanel("invited_partners_details")], heading=_("Partenaires invités")
        ),
        FieldPanel("description"),
        FieldPanel("report"),
        InlinePanel("documents", label=_("Ressource"), heading=_("Ressources")),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [
        index.SearchField("chantier"),
        index.SearchField("description"),
        index.SearchField("report"),
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.FilterField("start"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("theme", serializer=TaxonomyField()),
        APIField("chantier"),
        APIField("start"),
        APIField("end"),
        APIField("place", serializer=PlaceField()),
        APIField("invited_partners", serializer=TaxonomyListField()),
        APIField("invited_partners_details"),
        APIField("description"),
        APIField("report"),
        APIField("documents", serializer=DocumentRowsField(["document_type"])),
    ]

    class Meta:
        verbose_name = _("atelier d'échanges de pratiques")
        verbose_name_plural = _("ateliers d'échanges de pratiques")

    def clean(self):
        super().clean()
        errors = self.clean_place()
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin de l'atelier doit suivre son début.")
        if errors:
            raise ValidationError(errors)


class WorkshopDocument(Orderable):
    """A resource of a workshop: a support, a report, a tool."""

    page = ParentalKey(WorkshopPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    document_type = models.CharField(
        _("type"), max_length=20, choices=DocumentType.choices, default=DocumentType.REPORT
    )

    panels = [FieldRowPanel([FieldPanel("document"), FieldPanel("document_type")])]
    api_fields = [APIField("document", serializer=DocumentSummaryField()), APIField("document_type")]

    class Meta(Orderable.Meta):
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
