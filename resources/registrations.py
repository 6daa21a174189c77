"""Registering to a training session and cancelling: the public form, the signed links and the emails.

Capacity is enforced under a row lock on the session (`select_for_update()`) inside one transaction:
registrations, cancellations and promotions of one session queue behind each other on that lock, so
concurrent registrations never exceed the capacity. Past capacity, people go on the waiting list;
when a confirmed person cancels, the first waiting is promoted in the same transaction and emailed.
"""

import logging

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.models import Audience

from .models import Registration, RegistrationStatus, TrainingSession
from .models.registrations import closed_reason

logger = logging.getLogger(__name__)

CANCEL_SALT = "resources.registration.cancel"
RECEIPT_SALT = "resources.registration.receipt"
# POSTs of the registration form allowed per IP address (a centre may register a few colleagues).
RATE_LIMIT = "10/h"
HONEYPOT_FIELD = "website"
# The receipt page shows an email address: its link works for a day (the cancellation link, until the purge).
RECEIPT_MAX_AGE = 24 * 60 * 60


class RegistrationRefused(Exception):
    """A registration the rules refuse; `message` is French, for the person registering."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RegistrationForm(forms.ModelForm):
    """What a person gives to register: contact, role, needs and consent (plus a honeypot for bots)."""

    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "structure",
            "role",
            "accessibility_needs",
            "meal",
            "dietary_requirements",
            "consent",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "structure": forms.TextInput(attrs={"autocomplete": "organization"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "consent": _(
                "J'accepte que la fédération conserve ces informations pour organiser la formation "
                "et me contacter à son sujet."
            ),
        }
        help_texts = {
            "email": _("Vous y recevrez la confirmation et le lien pour annuler."),
            "consent": _(
                "Seule l'équipe fédérale les voit ; elles sont supprimées au plus tard %(months)s mois après "
                "la session. Vous pouvez annuler à tout moment avec le lien reçu par courriel."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Audience.objects.order_by("name")
        self.fields["role"].empty_label = _("— Choisir —")
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "Cochez cette case pour que nous puissions enregistrer votre inscription."
        )
        self.fields["consent"].help_text = self.fields["consent"].help_text % {"months": retention_months()}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # Duplicates are checked by register() under the session's lock, where they cannot race.
        pass

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def registration_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def retention_months():
    return getattr(settings, "REGISTRATION_RETENTION_MONTHS", 12)


def _lock_session(session_id):
    return TrainingSession.objects.select_for_update(of=("self",)).select_related("page").get(pk=session_id)


def register(session, data):
    """Register a person to `session`: confirmed while places remain, on the waiting list after.

    `data` holds the form's fields. Raises RegistrationRefused (closed session, email already
    registered). The confirmation email leaves once the transaction is committed.
    """
    with transaction.atomic():
        session = _lock_session(session.pk)
        reason = closed_reason(session)
        if reason:
            raise RegistrationRefused(reason)
        email = data["email"].strip().lower()
        registrations = Registration.objects.filter(session=session)
        if registrations.active().filter(email__iexact=email).exists():
            raise RegistrationRefused(_("Cette adresse est déjà inscrite à cette session."))
        confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        full = session.capacity is not None and confirmed >= session.capacity
        last_position = registrations.aggregate(last=Max("position"))["last"] or 0
        registration = Registration(
            **{**data, "email": email},
            session=session,
            training_id=session.page_id,
            status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
            position=last_position + 1,
        )
        try:
            registration.full_clean()
            registration.save()
        except (ValidationError, IntegrityError) as error:
            # Only reachable if someone bypassed the lock (raw SQL, another tool): refuse cleanly.
            raise RegistrationRefused(_("Cette adresse est déjà inscrite à cette session.")) from error
        transaction.on_commit(lambda: send_registration_email(registration, "registered"), robust=True)
    return registration


def promote_waiting(session):
    """Confirm the first waiting registrations while places are free; call it holding the session's lock."""
    if session.start <= timezone.now():
        return []
    registrations = Registration.objects.filter(session=session)
    if session.capacity is None:
        free = None
    else:
        free = session.capacity - registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if free <= 0:
            return []
    promoted = list(registrations.waiting_list()[:free] if free is not None else registrations.waiting_list())
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(
            lambda registration=registration: send_registration_email(registration, "promoted"), robust=True
        )
    return promoted


def fill_free_places(session):
    """Promote waiting people after an editor raised the capacity or removed the limit."""
    with transaction.atomic():
        return promote_waiting(_lock_session(session.pk))


def cancel(registration):
    """Cancel a registration and, if it held a place, promote the first waiting. Returns the promoted.

    Cancelling twice does nothing. Raises RegistrationRefused once the session has started.
    """
    with transaction.atomic():
        session = _lock_session(registration.session_id) if registration.session_id else None
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        if session and session.start <= timezone.now():
            raise RegistrationRefused(
                _("Cette session a commencé : l'annulation en ligne n'est plus possible. Écrivez à la fédération.")
            )
        held_a_place = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        transaction.on_commit(lambda: send_registration_email(registration, "cancelled"), robust=True)
        if held_a_place and session:
            return promote_waiting(session)
        return []


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def receipt_token(registration):
    return signing.dumps(registration.pk, salt=RECEIPT_SALT)


def registration_from_token(token, salt=CANCEL_SALT, max_age=None):
    """The registration a signed link points to, or None if the link was altered, expired or the data purged."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired included
        return None
    return Registration.objects.select_related("session__page").filter(pk=pk).first()


def site_root_url(registration):
    """The public site's root URL for links in emails (the training's site, else the admin's base URL)."""
    if registration.training_id:
        site = registration.training.get_site()
        if site:
            return site.root_url
    return settings.WAGTAILADMIN_BASE_URL


def cancel_url(registration):
    path = reverse("resources:registration_cancel", args=[cancel_token(registration)])
    return site_root_url(registration) + path


EMAIL_SUBJECTS = {
    "registered": _("Votre inscription : %(training)s"),
    "promoted": _("Une place s'est libérée : %(training)s"),
    "cancelled": _("Annulation de votre inscription : %(training)s"),
}


def send_registration_email(registration, kind):
    """Email the registrant: "registered" (confirmed or waiting), "promoted" or "cancelled"."""
    registration = Registration.objects.select_related("session__page", "training").get(pk=registration.pk)
    session = registration.session
    training = session.page if session else registration.training
    with translation.override("fr"):
        context = {
            "registration": registration,
            "session": session,
            "training": training,
            "training_url": training.get_full_url() if training else "",
            "cancel_url": cancel_url(registration),
            "waiting_rank": registration.waiting_rank(),
            "start": timezone.localtime(session.start) if session else None,
            "end": timezone.localtime(session.end) if session else None,
            "retention_months": retention_months(),
        }
        body = render_to_string(f"emails/registration_{kind}.txt", context)
        subject = str(EMAIL_SUBJECTS[kind] % {"training": training.title if training else registration.session_label})
    send_mail(subject, body, None, [registration.email])
