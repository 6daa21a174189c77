"""The federation's partners: resource associations, institutions, local authorities, foundations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from home.api_fields import ImageSummaryField, TaxonomyListField


class PartnerType(models.TextChoices):
    RESOURCE_ASSOCIATION = "association", _("Association ressource")
    INSTITUTION = "institution", _("Institution")
    LOCAL_AUTHORITY = "collectivite", _("Collectivité")
    FOUNDATION = "fondation", _("Fondation")


class Partner(index.Indexed, models.Model):
    """A partner of the federation, with its convention, contact and logo."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    partner_type = models.CharField(_("type de partenaire"), max_length=20, choices=PartnerType.choices)
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    themes = models.ManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="partners")
    departments = models.ManyToManyField(
        "home.Department", verbose_name=_("départements"), blank=True, related_name="partners"
    )
    convention_start = models.DateField(_("début de la convention"), null=True, blank=True)
    convention_end = models.DateField(_("fin de la convention"), null=True, blank=True)
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("courriel du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("partner_type"),
                FieldPanel("description"),
                FieldPanel("website"),
                FieldPanel("logo"),
            ],
            heading=_("Identité"),
        ),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("departments")], heading=_("Thèmes et territoires")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("convention_start"), FieldPanel("convention_end")])],
            heading=_("Convention"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")])],
            heading=_("Contact"),
        ),
    ]

    search_fields = [index.SearchField("name"), index.SearchField("description"), index.FilterField("partner_type")]
    # Public fields only: the contact person's name, email and phone stay in the admin.
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("partner_type"),
        APIField("description"),
        APIField("website"),
        APIField("themes", serializer=TaxonomyListField()),
        APIField("departments", serializer=TaxonomyListField(("code", "name", "slug"))),
        APIField("convention_start"),
        APIField("convention_end"),
        APIField("logo", serializer=ImageSummaryField()),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self):
        return self.name

    def clean(self):
        if self.convention_start and self.convention_end and self.convention_end < self.convention_start:
            raise ValidationError({"convention_end": _("La fin de la convention ne peut pas précéder son début.")})
