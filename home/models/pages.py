"""The home page and the abstract page every content page inherits from."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import ImageSummaryField, PageSummaryField, PageSummaryListField
from home.blocks import BaseStreamBlock
from home.preview import HeadlessPreviewIfConfigured

HOME_LATEST_INITIATIVES = 6
HOME_UPCOMING_EVENTS = 4


class BasePage(HeadlessPreviewIfConfigured, Page):
    """What every content page shares: a listing title, a summary and a listing image."""

    listing_title = models.CharField(
        _("titre dans les listes"),
        max_length=255,
        blank=True,
        help_text=_("Titre plus court affiché dans les listes et les cartes. Facultatif."),
    )
    summary = models.TextField(
        _("résumé"),
        max_length=400,
        blank=True,
        help_text=_("Deux ou trois phrases, reprises dans les listes, les flux et les partages."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Image des listes et des partages ; son texte alternatif est celui de la médiathèque."),
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("summary"), FieldPanel("image")],
            heading=_("Présentation dans les listes"),
        )
    ]

    search_fields = Page.search_fields + [index.SearchField("summary")]

    api_fields = [
        APIField("listing_title"),
        APIField("summary"),
        APIField("image", serializer=ImageSummaryField()),
    ]

    class Meta:
        abstract = True

    def get_listing_title(self):
        return self.listing_title or self.title


class HomePage(BasePage):
    """The site's home page: the network at a glance, latest initiatives and upcoming events."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Le message d'accueil de la fédération."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "centres.DirectoryPage",
        "blog.BlogIndexPage",
        "resources.ResourceIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "featured_pages",
            label=_("Contenu mis en avant"),
            heading=_("Mises en avant (facultatif)"),
            help_text=_("Sinon, la page d'accueil montre automatiquement les dernières initiatives."),
            max_num=6,
        ),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    api_fields = BasePage.api_fields + [
        APIField("introduction"),
        APIField("featured_pages", serializer=PageSummaryListField("featured")),
    ]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_featured_pages(self):
        """The editor's picks, live and public only, in the editor's order."""
        ids = [item.featured_id for item in self.featured_pages.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    def get_latest_initiatives(self):
        from blog.models import InitiativePage

        return (
            InitiativePage.objects.live()
            .public()
            .order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related("themes", "organisers__centre", "image__renditions")[:HOME_LATEST_INITIATIVES]
        )

    def get_upcoming_sessions(self):
        from resources.models import TrainingSession

        return TrainingSession.objects.upcoming()[:HOME_UPCOMING_EVENTS]

    def get_upcoming_workshops(self):
        from resources.models import WorkshopPage

        return (
            WorkshopPage.objects.live()
            .public()
            .upcoming()
            .select_related("theme", "place_centre__commune", "place_commune")[:HOME_UPCOMING_EVENTS]
        )

    def get_key_figures(self):
        """Counts of the network computed from the published content."""
        from blog.models import InitiativePage
        from centres.models import CentrePage, StructureType

        centres = CentrePage.objects.live().public()
        initiatives = InitiativePage.objects.live().public()
        return [
            (centres.filter(structure_type=StructureType.CS).count(), _("centres sociaux")),
            (centres.filter(structure_type=StructureType.EVS).count(), _("espaces de vie sociale")),
            (initiatives.count(), _("initiatives d'habitants")),
            (initiatives.filter(is_significant=True).count(), _("actions signifiantes accompagnées")),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            featured_pages=self.get_featured_pages(),
            latest_initiatives=self.get_latest_initiatives(),
            upcoming_sessions=self.get_upcoming_sessions(),
            upcoming_workshops=self.get_upcoming_workshops(),
            key_figures=self.get_key_figures(),
            today=timezone.localdate(),
        )
        return context


class HomeFeaturedPage(Orderable):
    """A page the editors pin on the home page."""

    page = ParentalKey(HomePage, related_name="featured_pages", on_delete=models.CASCADE)
    featured = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("featured")]
    api_fields = [APIField("featured", serializer=PageSummaryField())]

    class Meta(Orderable.Meta):
        verbose_name = _("mise en avant")
        verbose_name_plural = _("mises en avant")


class StandardPage(BasePage):
    """A plain editorial page: mentions légales, données personnelles, déclaration d'accessibilité, à propos."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)
    last_updated = models.DateField(
        _("mise à jour le"),
        null=True,
        blank=True,
        help_text=_("Affichée en bas de page, utile pour les pages légales."),
    )

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("last_updated")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body"), APIField("last_updated")]

    class Meta:
        verbose_name = _("page simple")
        verbose_name_plural = _("pages simples")
