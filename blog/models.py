"""Inhabitants' initiatives: the blog index, the initiative posts and their follow-up stages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.api_fields import (
    CENTRE_SUMMARY_SCHEMA,
    CurrentStageField,
    PageSummaryListField,
    TagsField,
    TaxonomyListField,
)
from home.blocks import BaseStreamBlock
from home.models import BasePage

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class InitiativeStatus(models.TextChoices):
    ONGOING = "en_cours", _("En cours")
    FINISHED = "terminee", _("Terminée")


class InitiativeDimension(models.TextChoices):
    PROJECT_SUPPORT = "accompagnement", _("Accompagnement de projets d'habitants")
    CITIZENSHIP = "citoyennete", _("Citoyenneté")
    SERVICES = "services", _("Services")


class FollowUpStageName(models.TextChoices):
    """The stages of the "100 actions signifiantes", in the order an action goes through them."""

    SPOTTED = "reperee", _("Repérée")
    VISIBLE = "rendue_visible", _("Rendue visible")
    SUPPORTED = "soutenue", _("Soutenue")
    FOLLOWED = "suivie", _("Suivie")
    CAPITALISED = "capitalisee", _("Capitalisée")
    TRANSFERRED = "transferee", _("Transférée")


STAGE_ORDER = [stage.value for stage in FollowUpStageName]


class BlogIndexPage(BasePage):
    """The blog "Initiatives d'habitants": lists the initiative posts, newest first."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.InitiativePage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [APIField("introduction")]

    class Meta:
        verbose_name = _("blog des initiatives")
        verbose_name_plural = _("blogs des initiatives")

    def get_initiatives(self):
        """Live, public initiatives of this blog, newest first, ready for a listing."""
        return (
            InitiativePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related("themes", "organisers__centre", "image__renditions")
        )

    def get_context(self, request, *args, **kwargs):
        from blog.listing import initiatives_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(initiatives_listing(self, request))
        return context


class InitiativeTag(TaggedItemBase):
    """The link between an initiative and one of its free tags."""

    content_object = ParentalKey("blog.InitiativePage", related_name="tagged_items", on_delete=models.CASCADE)


class InitiativeQuerySet(PageQuerySet):
    """Initiative look-ups shared by the site, the API and the feeds."""

    def with_current_stage(self):
        """Annotate `current_stage`: the stage of the latest dated follow-up row."""
        latest = FollowUpStage.objects.filter(page=OuterRef("pk")).order_by("-date", "-sort_order")
        return self.annotate(current_stage=Subquery(latest.values("stage")[:1]))

    def significant(self):
        return self.filter(is_significant=True)


class InitiativePage(BasePage):
    """An inhabitants' initiative told as a fiche-action, possibly one of the "100 actions signifiantes"."""

    date = models.DateField(_("date de l'initiative"), default=timezone.localdate)
    status = models.CharField(
        _("statut"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.ONGOING
    )
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=InitiativeDimension.choices, default=InitiativeDimension.PROJECT_SUPPORT
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="initiatives")
    tags = ClusterTaggableManager(through=InitiativeTag, verbose_name=_("mots-clés"), blank=True)
    initiated_by = models.CharField(
        _("à l'initiative de"),
        max_length=255,
        blank=True,
        help_text=_("Un groupe d'habitants, un collectif, des parents…"),
    )
    territory = models.CharField(
        _("territoire"), max_length=255, blank=True, help_text=_("Quartier, commune ou bassin de vie.")
    )
    public_concerned = models.CharField(_("public concerné"), max_length=255, blank=True)
    partners_description = models.TextField(_("partenaires de l'action"), blank=True)
    partners = ParentalManyToManyField(
        "centres.Partner",
        verbose_name=_("partenaires de la fédération associés"),
        blank=True,
        related_name="initiatives",
    )
    financial_resources = models.TextField(_("moyens financiers"), blank=True)
    people_mobilised = models.PositiveIntegerField(_("personnes mobilisées"), null=True, blank=True)
    description = RichTextField(_("description de l'action"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(
        _("résultats"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Pour le territoire, le centre et les habitants."),
    )
    perspectives = RichTextField(_("limites et perspectives"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(BaseStreamBlock(), verbose_name=_("récit, images et vidéos"), blank=True)
    is_significant = models.BooleanField(
        _("action signifiante"),
        default=False,
        help_text=_("Fait partie des « 100 actions signifiantes » accompagnées par la fédération."),
    )

    objects = PageManager.from_queryset(InitiativeQuerySet)()

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("status"), FieldPanel("dimension")]),
        MultipleChooserPanel(
            "organisers",
            chooser_field_name="centre",
            label=_("Centre organisateur"),
            heading=_("Centres organisateurs"),
        ),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("tags")], heading=_("Classement")),
        FieldPanel("body"),
    ]
    fiche_panels = [
        HelpPanel(_("Les rubriques de la fiche action (format SENACS). Toutes sont facultatives.")),
        MultiFieldPanel(
            [
                FieldPanel("initiated_by"),
                FieldPanel("territory"),
                FieldPanel("public_concerned"),
                FieldPanel("people_mobilised"),
            ],
            heading=_("Qui, où, pour qui"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("partners_description"), FieldPanel("partners"), FieldPanel("financial_resources")],
            heading=_("Partenaires et moyens"),
        ),
        FieldPanel("results"),
        FieldPanel("perspectives"),
    ]
    follow_up_panels = [
        FieldPanel("is_significant"),
        InlinePanel("follow_up_stages", label=_("Étape"), heading=_("Étapes de suivi")),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(fiche_panels, heading=_("Fiche action")),
            ObjectList(follow_up_panels, heading=_("Suivi « action signifiante »")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("results"),
        index.SearchField("perspectives"),
        index.SearchField("initiated_by"),
        index.SearchField("territory"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("is_significant"),
        index.FilterField("status"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("date"),
        APIField("status"),
        APIField("dimension"),
        APIField("organisers", serializer=PageSummaryListField("centre", CENTRE_SUMMARY_SCHEMA)),
        APIField("themes", serializer=TaxonomyListField()),
        APIField("tags", serializer=TagsField()),
        APIField("initiated_by"),
        APIField("territory"),
        APIField("public_concerned"),
        APIField("partners_description"),
        APIField("partners", serializer=TaxonomyListField()),
        APIField("financial_resources"),
        APIField("people_mobilised"),
        APIField("description"),
        APIField("results"),
        APIField("perspectives"),
        APIField("body"),
        APIField("is_significant"),
        APIField("follow_up_stages"),
        APIField("current_stage", serializer=CurrentStageField()),
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        # Initiatives are listed newest first (site, widget, API's order=-date): read from this index in
        # that order instead of sorting every initiative.
        indexes = [models.Index(fields=["date", "page_ptr"], name="blog_initiative_date_idx")]

    @property
    def tag_names(self):
        return [tag.name for tag in self.tags.all()]

    def get_organising_centres(self):
        return [organiser.centre for organiser in self.organisers.all() if organiser.centre and organiser.centre.live]

    def get_related_initiatives(self, limit=3):
        """Other live, public initiatives sharing a theme or a tag, those sharing the most first, then the newest."""
        from django.db.models import Count, Q

        # Read through .all(): in the admin's preview these relations are in memory, not in the database.
        theme_ids = [theme.pk for theme in self.themes.all()]
        tag_ids = [tag.pk for tag in self.tags.all() if tag.pk]
        if not theme_ids and not tag_ids:
            return InitiativePage.objects.none()
        shared = Count("themes", filter=Q(themes__in=theme_ids), distinct=True) + Count(
            "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True
        )
        related = (
            InitiativePage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(Q(themes__in=theme_ids) | Q(tagged_items__tag_id__in=tag_ids))
            .values("pk")
            .annotate(shared=shared)
            .order_by("-shared", "-date", "-pk")[:limit]
        )
        ids = [row["pk"] for row in related]
        pages = (
            InitiativePage.objects.filter(pk__in=ids)
            .select_related("image")
            .prefetch_related("themes", "organisers__centre", "image__renditions")
            .in_bulk()
        )
        return [pages[pk] for pk in ids if pk in pages]

    def get_current_stage(self):
        """The latest follow-up stage by date, or None."""
        stages = sorted(self.follow_up_stages.all(), key=lambda stage: (stage.date, stage.sort_order or 0))
        return stages[-1] if stages else None


class InitiativeOrganiser(Orderable):
    """A centre (CS or EVS) that organises the initiative."""

    page = ParentalKey(InitiativePage, related_name="organisers", on_delete=models.CASCADE)
    centre = models.ForeignKey(
        "centres.CentrePage", verbose_name=_("centre"), on_delete=models.CASCADE, related_name="organised_initiatives"
    )

    panels = [FieldPanel("centre")]
    api_fields = [APIField("centre")]

    class Meta(Orderable.Meta):
        verbose_name = _("centre organisateur")
        verbose_name_plural = _("centres organisateurs")


class FollowUpStage(Orderable):
    """A dated step in the federation's follow-up of an "action signifiante"."""

    page = ParentalKey(InitiativePage, related_name="follow_up_stages", on_delete=models.CASCADE)
    stage = models.CharField(_("étape"), max_length=20, choices=FollowUpStageName.choices)
    date = models.DateField(_("date"))
    account = models.TextField(
        _("compte rendu"), blank=True, help_text=_("Ce qui s'est passé à cette étape, en quelques lignes.")
    )

    panels = [FieldRowPanel([FieldPanel("stage"), FieldPanel("date")]), FieldPanel("account")]
    api_fields = [APIField("stage"), APIField("date"), APIField("account")]

    class Meta(Orderable.Meta):
        verbose_name = _("étape de suivi")
        verbose_name_plural = _("étapes de suivi")

    def __str__(self):
        return f"{self.get_stage_display()} ({self.date:%d/%m/%Y})"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Une étape de suivi ne peut pas être datée dans le futur.")})


from .models_proposals import InitiativeProposal  # noqa: E402, F401  (the proposer's contact, admin-only)
