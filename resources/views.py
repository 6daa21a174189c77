"""Public views of training registrations: register to a session, see the receipt, cancel by signed link."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from .models import RegistrationStatus, TrainingSession
from .models.registrations import closed_reason
from .registrations import (
    CANCEL_SALT,
    RATE_LIMIT,
    RECEIPT_MAX_AGE,
    RECEIPT_SALT,
    RegistrationForm,
    RegistrationRefused,
    cancel,
    receipt_token,
    register,
    registration_from_token,
)


def _session_or_404(session_id):
    """A session of a live, public training; drafts and private trainings take no registrations."""
    sessions = TrainingSession.objects.of_live_trainings().select_related(
        "page", "place_centre__commune", "place_commune"
    )
    return get_object_or_404(sessions, pk=session_id)


@never_cache
@require_http_methods(["GET", "POST"])
def session_register(request, session_id):
    """The registration form of one session, or why it is closed."""
    session = _session_or_404(session_id)
    availability = session.registrations.availability()
    form = RegistrationForm(request.POST or None)
    refusal = None
    status = 200
    if request.method == "POST":
        if is_ratelimited(request, group="registrations", key="ip", rate=RATE_LIMIT, method="POST", increment=True):
            refusal = _("Trop d'inscriptions envoyées depuis cette connexion. Réessayez dans une heure.")
            status = 429
        elif form.is_valid():
            if form.is_bot:
                return redirect("resources:registration_received")
            try:
                registration = register(session, form.registration_data())
            except RegistrationRefused as error:
                refusal = error.message
                status = 409
            else:
                return redirect("resources:registration_done", token=receipt_token(registration))
        else:
            status = 400
    context = {
        "session": session,
        "training": session.page,
        "availability": availability,
        "form": form,
        "refusal": refusal,
        "closed_reason": closed_reason(session),
    }
    return render(request, "registrations/register.html", context, status=status)


@never_cache
def registration_done(request, token):
    """The receipt after registering: confirmed, or rank on the waiting list."""
    registration = registration_from_token(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    if registration is None:
        raise Http404
    context = {
        "registration": registration,
        "session": registration.session,
        "training": registration.session.page if registration.session else registration.training,
        "waiting_rank": registration.waiting_rank(),
        "statuses": RegistrationStatus,
    }
    return render(request, "registrations/done.html", context)


def registration_received(request):
    """The neutral receipt (what a bot filling the honeypot gets, too)."""
    return render(request, "registrations/done.html", {"registration": None})


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """Ask to confirm, then cancel the registration a signed link points to."""
    registration = registration_from_token(token, salt=CANCEL_SALT)
    if registration is None:
        return render(request, "registrations/cancel_invalid.html", status=404)
    context = {
        "registration": registration,
        "session": registration.session,
        "training": registration.session.page if registration.session else registration.training,
        "statuses": RegistrationStatus,
        "refusal": None,
        "cancelled_now": False,
    }
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            cancel(registration)
        except RegistrationRefused as error:
            context["refusal"] = error.message
            return render(request, "registrations/cancel.html", context, status=409)
        registration.refresh_from_db()
        context["cancelled_now"] = True
    return render(request, "registrations/cancel.html", context)
