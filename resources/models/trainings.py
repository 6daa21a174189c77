"""Training offers of the federation and their dated sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import PlaceField, TaxonomyListField
from home.blocks import BaseStreamBlock
from home.models import BasePage

from .places import Place

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class TrainingIndexPage(BasePage):
    """The training catalogue: lists the training offers and their upcoming sessions."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = ["resources.TrainingPage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [APIField("introduction")]

    class Meta:
        verbose_name = _("catalogue des formations")
        verbose_name_plural = _("catalogues des formations")

    def get_trainings(self):
        """Live, public trainings of the catalogue by title, with what their cards show."""
        return (
            TrainingPage.objects.child_of(self)
            .live()
            .public()
            .order_by("title")
            .select_related("image")
            .prefetch_related("audiences", "themes", "sessions", "image__renditions")
        )

    def get_upcoming_sessions(self):
        """Upcoming sessions of the catalogue's live trainings, soonest first."""
        return TrainingSession.objects.upcoming().filter(page__in=self.get_trainings().values("pk"))

    def get_context(self, request, *args, **kwargs):
        from resources.listing import training_catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(training_catalogue(self, request))
        return context


class TrainingPage(BasePage):
    """A training offer for volunteers, staff, board members, partners or elected officials."""

    audiences = ParentalManyToManyField(
        "home.Audience", verbose_name=_("publics"), blank=True, related_name="trainings"
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="trainings")
    objectives = RichTextField(_("objectifs"), blank=True, features=RICH_TEXT_FEATURES)
    programme = RichTextField(_("programme"), blank=True, features=RICH_TEXT_FEATURES)
    trainers = models.CharField(_("formateurs et formatrices"), max_length=255, blank=True)
    duration = models.CharField(
        _("durée"), max_length=100, blank=True, help_text=_("Par exemple « 2 jours (14 heures) ».")
    )
    price = models.DecimalField(
        _("tarif (€)"), max_digits=8, decimal_places=2, null=True, blank=True, help_text=_("Vide ou 0 : gratuit.")
    )
    price_details = models.CharField(
        _("précisions sur le tarif"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple « gratuit pour les structures adhérentes »."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("informations complémentaires"), blank=True)

    parent_page_types = ["resources.TrainingIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("audiences"), FieldPanel("themes")], heading=_("Publics et thèmes")),
        FieldPanel("objectives"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("trainers"),
                FieldPanel("duration"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("price_details")]),
            ],
            heading=_("Modalités"),
        ),
        InlinePanel("sessions", label=_("Session"), heading=_("Sessions")),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("programme"),
        index.SearchField("trainers"),
        index.SearchField("body"),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    api_fields = BasePage.api_fields + [
        APIField("audiences", serializer=TaxonomyListField()),
        APIField("themes", serializer=TaxonomyListField()),
        APIField("objectives"),
        APIField("programme"),
        APIField("trainers"),
        APIField("duration"),
        APIField("price"),
        APIField("price_details"),
        APIField("sessions"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def get_upcoming_sessions(self):
        now = timezone.now()
        return [session for session in self.sessions.all() if session.end >= now]


class TrainingSessionQuerySet(models.QuerySet):
    """Session look-ups shared by the site, the API and the calendar feeds."""

    def of_live_trainings(self):
        live_public = TrainingPage.objects.live().public().values("pk")
        return self.filter(page__in=live_public)

    def upcoming(self):
        """Sessions of live, public trainings that have not ended, soonest first."""
        return (
            self.of_live_trainings()
            .filter(end__gte=timezone.now())
            .select_related("page", "place_centre__commune", "place_commune")
            .order_by("start")
        )


class TrainingSession(Place, Orderable):
    """One dated session of a training, with its place, capacity and registration deadline."""

    page = ParentalKey(TrainingPage, related_name="sessions", on_delete=models.CASCADE)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : pas de limite.")
    )
    registration_deadline = models.DateField(_("date limite d'inscription"), null=True, blank=True)

    objects = TrainingSessionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        *Place.place_panels,
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("place", serializer=PlaceField()),
        APIField("capacity"),
        APIField("registration_deadline"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.page.title} — {timezone.localtime(self.start):%d/%m/%Y}"

    def clean(self):
        errors = self.clean_place()
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin de la session doit suivre son début.")
        if self.start and self.registration_deadline and self.registration_deadline > timezone.localdate(self.start):
            errors["registration_deadline"] = _(
                "La date limite d'inscription ne peut pas suivre le début de la session."
            )
        if errors:
            raise ValidationError(errors)
