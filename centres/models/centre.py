"""The page of one centre social or espace de vie sociale (EVS)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import (
    ChoiceLabelField,
    CommuneField,
    DistanceField,
    ImageSummaryField,
    TaxonomyListField,
)
from home.blocks import BaseStreamBlock
from home.models import BasePage
from home.validators import validate_postcode, validate_region_coordinates, validate_siret

# A centre's point may sit away from its commune's town hall, but not in another part of the region.
MAX_KM_FROM_COMMUNE = 25
# What a centre's page lists of its activity.
CENTRE_LISTING_LIMIT = 6
CENTRE_PAST_WORKSHOPS = 3


class StructureType(models.TextChoices):
    CS = "cs", _("Centre social")
    EVS = "evs", _("Espace de vie sociale")


class ManagementMode(models.TextChoices):
    ASSOCIATION = "associatif", _("Associatif")
    LOCAL_AUTHORITY = "collectivite", _("Collectivité locale (commune, CCAS/CIAS, intercommunalité)")
    CAF = "caf", _("Caf (gestion directe)")
    OTHER = "autre", _("Autre (délégation)")


class TerritoryType(models.TextChoices):
    URBAN = "urbain", _("Urbain")
    PERIURBAN = "periurbain", _("Périurbain")
    RURAL = "rural", _("Rural")


class TerritoryScope(models.TextChoices):
    COMMUNE = "commune", _("Une commune")
    NEIGHBOURHOODS = "quartiers", _("Un ou plusieurs quartiers")
    COMMUNES = "communes", _("Plusieurs communes")


class ApprovalType(models.TextChoices):
    GLOBAL = "agc", _("Animation globale (AGC)")
    FAMILIES = "acf", _("Animation collective familles (ACF)")
    EVS = "evs", _("Espace de vie sociale (EVS)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Lundi")
    TUESDAY = 1, _("Mardi")
    WEDNESDAY = 2, _("Mercredi")
    THURSDAY = 3, _("Jeudi")
    FRIDAY = 4, _("Vendredi")
    SATURDAY = 5, _("Samedi")
    SUNDAY = 6, _("Dimanche")


class CentrePageForm(WagtailAdminPageForm):
    """Checks that need the parent page: the commune must be in the page's département."""

    def clean(self):
        cleaned_data = super().clean()
        commune = cleaned_data.get("commune")
        parent = self.parent_page.specific if self.parent_page else None
        department = getattr(parent, "department", None)
        if commune and department and commune.department_id != department.pk:
            self.add_error(
                "commune",
                _("Cette commune n'est pas dans le département %(department)s de cette page.")
                % {"department": department},
            )
        return cleaned_data


class CentrePage(BasePage):
    """A centre social or an EVS: identity, address, contacts, agrément, territory and activities."""

    structure_type = models.CharField(
        _("type de structure"), max_length=3, choices=StructureType.choices, default=StructureType.CS
    )
    # Address
    address = models.CharField(
        _("adresse"), max_length=255, help_text=_("Numéro et voie, par exemple « 12 rue des Lilas ».")
    )
    address_complement = models.CharField(_("complément d'adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, validators=[validate_postcode])
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="centres",
        help_text=_("Commune de l'adresse (son code INSEE est repris automatiquement)."),
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text=_("En degrés décimaux (WGS84), par exemple 43.6045. Vide : la mairie de la commune."),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        help_text=_("En degrés décimaux (WGS84), par exemple 1.4440. Vide : la mairie de la commune."),
    )
    # Contacts
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    contact_name = models.CharField(
        _("direction ou coordination"), max_length=150, blank=True, help_text=_("Nom de la personne à contacter.")
    )
    # Structure
    siret = models.CharField(
        _("SIRET"),
        max_length=17,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, par exemple 123 456 789 00012."),
    )
    manager_name = models.CharField(
        _("gestionnaire"),
        max_length=200,
        blank=True,
        help_text=_("Association, commune, CCAS, Caf… qui porte la structure."),
    )
    management_mode = models.CharField(
        _("mode de gestion"), max_length=20, choices=ManagementMode.choices, default=ManagementMode.ASSOCIATION
    )
    federation_member = models.BooleanField(_("adhérent à la fédération"), default=True)
    # Agrément Caf
    first_approval_date = models.DateField(_("date du premier agrément"), null=True, blank=True)
    approval_start = models.DateField(_("début de l'agrément en cours"), null=True, blank=True)
    approval_end = models.DateField(_("fin de l'agrément en cours"), null=True, blank=True)
    approval_global = models.BooleanField(_("animation globale (AGC)"), default=False)
    approval_families = models.BooleanField(_("animation collective familles (ACF)"), default=False)
    approval_evs = models.BooleanField(_("espace de vie sociale (EVS)"), default=False)
    family_referent = models.BooleanField(_("référent familles"), default=False)
    # Territory
    territory_type = models.CharField(
        _("type de territoire"), max_length=12, choices=TerritoryType.choices, default=TerritoryType.URBAN
    )
    territory_scope = models.CharField(
        _("territoire d'intervention"), max_length=12, choices=TerritoryScope.choices, default=TerritoryScope.COMMUNE
    )
    qpv = models.BooleanField(_("quartier prioritaire (QPV)"), default=False)
    zrr = models.BooleanField(_("zone de revitalisation rurale (ZRR / ZFRR)"), default=False)
    population_served = models.PositiveIntegerField(_("population du territoire"), null=True, blank=True)
    # Activities
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="centres")
    audiences = ParentalManyToManyField("home.Audience", verbose_name=_("publics"), blank=True, related_name="centres")
    participation_bodies = models.TextField(
        _("instances de participation"),
        blank=True,
        help_text=_("Comité d'usagers, conseil de maison, commissions… ouverts aux habitants."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("présentation et activités"), blank=True)
    last_verified = models.DateField(
        _("informations vérifiées le"),
        null=True,
        blank=True,
        help_text=_("Date de la dernière vérification avec la structure."),
    )

    parent_page_types = ["centres.DepartmentPage"]
    subpage_types = []

    base_form_class = CentrePageForm

    content_panels = Page.content_panels + [
        FieldPanel("structure_type"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_complement"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
            ],
            heading=_("Contacts"),
        ),
        InlinePanel("opening_hours", label=_("Créneau"), heading=_("Horaires d'accueil")),
        FieldPanel("body"),
        InlinePanel("photos", label=_("Photo"), heading=_("Photos")),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("audiences"), FieldPanel("participation_bodies")],
            heading=_("Thèmes, publics et participation"),
        ),
    ]
    structure_panels = [
        MultiFieldPanel(
            [
                FieldPanel("siret"),
                FieldPanel("manager_name"),
                FieldPanel("management_mode"),
                FieldPanel("federation_member"),
            ],
            heading=_("Structure"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("L'agrément est délivré par la Caf sur le projet social, pour 1 à 4 ans.")),
                FieldPanel("first_approval_date"),
                FieldRowPanel([FieldPanel("approval_start"), FieldPanel("approval_end")]),
                FieldRowPanel(
                    [FieldPanel("approval_global"), FieldPanel("approval_families"), FieldPanel("approval_evs")]
                ),
                FieldPanel("family_referent"),
            ],
            heading=_("Agrément Caf"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("territory_type"), FieldPanel("territory_scope")]),
                FieldRowPanel([FieldPanel("qpv"), FieldPanel("zrr")]),
                FieldPanel("population_served"),
            ],
            heading=_("Territoire"),
        ),
        FieldPanel("last_verified"),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(structure_panels, heading=_("Structure et agrément")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("address"),
        index.SearchField("manager_name"),
        index.SearchField("participation_bodies"),
        index.RelatedFields("commune", [index.SearchField("name"), index.FilterField("insee_code")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("structure_type"),
        index.FilterField("commune_id"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("structure_type"),
        APIField("structure_type_label", serializer=ChoiceLabelField("structure_type")),
        APIField("address"),
        APIField("address_complement"),
        APIField("postcode"),
        APIField("commune", serializer=CommuneField()),
        APIField("department_code"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
        APIField("siret"),
        APIField("manager_name"),
        APIField("management_mode"),
        APIField("federation_member"),
        APIField("first_approval_date"),
        APIField("approval_start"),
        APIField("approval_end"),
        APIField("approval_types"),
        APIField("family_referent"),
        APIField("territory_type"),
        APIField("territory_scope"),
        APIField("qpv"),
        APIField("zrr"),
        APIField("population_served"),
        APIField("themes", serializer=TaxonomyListField()),
        APIField("audiences", serializer=TaxonomyListField()),
        APIField("participation_bodies"),
        APIField("opening_hours"),
        APIField("body"),
        APIField("photos"),
        APIField("last_verified"),
        APIField("distance_km", serializer=DistanceField()),
    ]

    class Meta:
        verbose_name = _("centre social ou EVS")
        verbose_name_plural = _("centres sociaux et EVS")

    def clean(self):
        super().clean()
        errors = {}
        if self.approval_start and self.approval_end and self.approval_end < self.approval_start:
            errors["approval_end"] = _("La fin de l'agrément ne peut pas précéder son début.")
        if self.structure_type == StructureType.EVS and (self.approval_global or self.approval_families):
            errors["approval_global"] = _("Un EVS ne peut pas avoir d'agrément animation globale ou familles.")
        if self.structure_type == StructureType.CS and self.approval_evs:
            errors["approval_evs"] = _(
                "Un centre social n'a pas d'agrément EVS : choisissez « Espace de vie sociale »."
            )
        if self.commune_id and self.postcode and self.postcode not in self.commune.postcode_list:
            errors["postcode"] = _("Ce code postal ne correspond pas à %(commune)s (codes possibles : %(codes)s).") % {
                "commune": self.commune.name,
                "codes": ", ".join(self.commune.postcode_list),
            }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Renseignez la latitude et la longitude, ou aucune des deux.")
        if errors:
            raise ValidationError(errors)
        validate_region_coordinates(self.latitude, self.longitude)
        if self.commune_id and self.latitude is not None:
            distance = self.commune.distance_to(self.latitude, self.longitude)
            if distance > MAX_KM_FROM_COMMUNE:
                raise ValidationError(
                    {
                        "latitude": _("Ces coordonnées sont à %(km)d km de %(commune)s : vérifiez-les ou la commune.")
                        % {"km": distance, "commune": self.commune.name}
                    }
                )

    def save(self, *args, **kwargs):
        if self.siret:
            self.siret = self.siret.replace(" ", "")
        if self.latitude is None and self.longitude is None and self.commune_id:
            self.latitude, self.longitude = self.commune.latitude, self.commune.longitude
        return super().save(*args, **kwargs)

    @property
    def insee_code(self):
        return self.commune_id

    @property
    def department_code(self):
        return self.commune_id[:2] if self.commune_id else ""

    @property
    def approval_types(self):
        """The current agrément types as codes: "agc", "acf", "evs"."""
        flags = {
            ApprovalType.GLOBAL: self.approval_global,
            ApprovalType.FAMILIES: self.approval_families,
            ApprovalType.EVS: self.approval_evs,
        }
        return [code.value for code, held in flags.items() if held]

    def get_approval_type_labels(self):
        return [ApprovalType(code).label for code in self.approval_types]

    def is_open_at(self, moment=None):
        """Whether one of the opening rows covers `moment` (now, in Europe/Paris, by default)."""
        moment = timezone.localtime(moment)
        current = moment.time()
        return any(
            row.weekday == moment.weekday() and row.opens <= current < row.closes for row in self.opening_hours.all()
        )

    def get_initiatives(self):
        """Live, public initiatives this centre organises, newest first, with what their cards show."""
        from blog.models import InitiativeOrganiser, InitiativePage

        organised = InitiativeOrganiser.objects.filter(centre=self).values("page_id")
        return (
            InitiativePage.objects.live()
            .public()
            .filter(pk__in=organised)
            .order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related("themes", "organisers__centre", "image__renditions")
        )

    def get_upcoming_sessions(self):
        """Upcoming sessions of live trainings held at this centre, soonest first."""
        from resources.models import TrainingSession

        return TrainingSession.objects.upcoming().filter(place_centre=self)

    def get_workshops(self):
        """Live, public workshops held at this centre (chain `.upcoming()` or `.past()`)."""
        from resources.models import WorkshopPage

        return (
            WorkshopPage.objects.live()
            .public()
            .filter(place_centre=self)
            .select_related("theme", "place_centre__commune", "place_commune")
        )

    def get_context(self, request, *args, **kwargs):
        from centres.directory_search import markers_for

        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "opening_hours", "themes", "audiences")
        # Computed at each render: a page kept by a cache may show a stale state, hence the time shown with it.
        context.update(
            is_open_now=self.is_open_at(),
            opening_checked_at=timezone.localtime(),
            initiatives=list(self.get_initiatives()[:CENTRE_LISTING_LIMIT]),
            upcoming_sessions=list(self.get_upcoming_sessions()[:CENTRE_LISTING_LIMIT]),
            upcoming_workshops=list(self.get_workshops().upcoming()[:CENTRE_LISTING_LIMIT]),
            past_workshops=list(self.get_workshops().past()[:CENTRE_PAST_WORKSHOPS]),
            map_markers=markers_for([self], request),
        )
        return context


class OpeningHours(Orderable):
    """One opening slot of a centre: a weekday with its opening and closing times."""

    page = ParentalKey(CentrePage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens = models.TimeField(_("ouverture"))
    closes = models.TimeField(_("fermeture"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("horaire d'accueil")
        verbose_name_plural = _("horaires d'accueil")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("L'heure de fermeture doit suivre l'heure d'ouverture.")})


class CentrePhoto(Orderable):
    """A photo of the centre's life, with a caption."""

    page = ParentalKey(CentrePage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [APIField("image", serializer=ImageSummaryField()), APIField("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
