"""Registrations of people to training sessions, with the waiting list and the closing rules."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from home.retention import months_ago

from .trainings import TrainingPage

DEFAULT_RETENTION_MONTHS = 12


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmee", _("Confirmée")
    WAITING = "attente", _("Sur liste d'attente")
    CANCELLED = "annulee", _("Annulée")


ACTIVE_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


def closed_reason(session, now=None):
    """Why a session takes no more registrations (French, for the reader), or None when it is open.

    Registrations close at the end of the deadline day (Europe/Paris) and, without a deadline, when the
    session starts.
    """
    now = now or timezone.now()
    if session.start <= now:
        return _("Cette session a commencé : les inscriptions sont closes.")
    if session.registration_deadline and timezone.localdate(now) > session.registration_deadline:
        return _("Les inscriptions à cette session sont closes depuis le %(date)s.") % {
            "date": date_format(session.registration_deadline, "j F Y")
        }
    return None


def retention_cutoff(now=None, months=None):
    """The moment before which an ended session's registrations are purged."""
    if months is None:
        months = getattr(settings, "REGISTRATION_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
    return months_ago(months, now)


@dataclass(frozen=True)
class Availability:
    """What a reader needs to know about a session before registering."""

    capacity: int | None
    confirmed: int
    waiting: int
    closed_reason: str | None

    @property
    def is_open(self):
        return self.closed_reason is None

    @property
    def places_left(self):
        """Free places, or None when the session has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.confirmed >= self.capacity


class RegistrationQuerySet(models.QuerySet):
    """Registration look-ups shared by the public pages, the admin and the purge."""

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def waiting_list(self):
        """Waiting registrations in the order they are promoted."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("position", "pk")

    def to_purge(self, now=None, months=None):
        """Registrations of sessions (existing or deleted) that ended before the retention cut-off."""
        cutoff = retention_cutoff(now, months)
        return self.filter(Q(session__end__lt=cutoff) | Q(session__isnull=True, session_end__lt=cutoff))

    def counts(self):
        """Counts by status, in one query: {"confirmed": n, "waiting": n, "cancelled": n}."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        )


class RegistrationManager(models.Manager.from_queryset(RegistrationQuerySet)):
    """The default manager; `session.registrations.availability` is what templates read."""

    def availability(self):
        """On `session.registrations` only: the session's places and whether it is open (one query)."""
        session = self.instance
        counts = self.counts()
        return Availability(session.capacity, counts["confirmed"], counts["waiting"], closed_reason(session))


class Registration(models.Model):
    """A person's registration to a training session: contact, needs, consent and place in the queue.

    These are personal data: they never appear on the public site or in the API, only federal
    administrators and communication officers see them in the admin, and they are purged
    REGISTRATION_RETENTION_MONTHS after the session ends. When an editor deletes a session, its
    registrations are kept (the session is written into `session_label` and `session_end`) so that
    nobody is dropped without being told, and the purge still finds them.
    """

    session = models.ForeignKey(
        "resources.TrainingSession",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    training = models.ForeignKey(
        "resources.TrainingPage",
        verbose_name=_("formation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("courriel"))
    structure = models.CharField(
        _("structure"), max_length=200, blank=True, help_text=_("Centre social, EVS, association, collectivité…")
    )
    role = models.ForeignKey(
        "home.Audience",
        verbose_name=_("vous êtes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_needs = models.TextField(
        _("besoins d'accessibilité"),
        blank=True,
        help_text=_("Mobilité, audition, vue, documents adaptés… pour que nous puissions nous organiser."),
    )
    meal = models.BooleanField(_("je prendrai le repas sur place"), default=False)
    dietary_requirements = models.CharField(_("régime alimentaire ou allergies"), max_length=255, blank=True)
    consent = models.BooleanField(_("consentement au traitement des données"), default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    position = models.PositiveIntegerField(
        _("ordre d'arrivée"), default=0, help_text=_("La liste d'attente est servie dans cet ordre.")
    )
    created_at = models.DateTimeField(_("inscrit le"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(_("sorti de la liste d'attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    session_label = models.CharField(
        _("session supprimée"),
        max_length=255,
        blank=True,
        help_text=_("Rempli quand la session est supprimée de la formation."),
    )
    session_end = models.DateTimeField(_("fin de la session supprimée"), null=True, blank=True)

    objects = RegistrationManager()

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("inscription à une formation")
        verbose_name_plural = _("inscriptions aux formations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_email_and_session",
                violation_error_message=_("Cette adresse est déjà inscrite à cette session."),
            )
        ]

    def __str__(self):
        # No name here: this label is copied into the admin's history, which the purge does not reach.
        return f"Inscription n°{self.pk} — {self.session_display}"

    @property
    def session_display(self):
        if self.session_id:
            return str(self.session)
        return self.session_label or str(_("session supprimée"))

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    def waiting_rank(self):
        """1 for the first on the waiting list, None when not waiting."""
        if self.status != RegistrationStatus.WAITING or not self.session_id:
            return None
        ahead = Registration.objects.filter(session_id=self.session_id).waiting_list()
        return ahead.filter(Q(position__lt=self.position) | Q(position=self.position, pk__lt=self.pk)).count() + 1


@receiver(pre_delete, sender="resources.TrainingSession")
def keep_registrations_of_deleted_session(sender, instance, **kwargs):
    """Write the session into its registrations before the foreign key is emptied."""
    label = f"{instance.page.title} — {timezone.localtime(instance.start):%d/%m/%Y %H:%M}"[:255]
    Registration.objects.filter(session=instance).update(
        session_label=label, session_end=instance.end, training_id=instance.page_id
    )


@receiver(page_published, sender=TrainingPage)
def promote_waiting_after_publication(sender, instance, **kwargs):
    """An editor may have raised a session's capacity: give the new places to the waiting list."""
    from resources.registrations import fill_free_places

    waiting = Registration.objects.filter(session__page=instance, status=RegistrationStatus.WAITING)
    for session in instance.sessions.filter(pk__in=waiting.values("session_id"), start__gt=timezone.now()):
        fill_free_places(session)
