"""The public forms sent from the field: their spam trap, their consent and "Proposer une initiative".

`PublicForm` is shared with "Signaler une modification" (centres/corrections.py).
"""

import io
import struct

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from centres.models import CentrePage
from home.models import Theme

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 25_000_000  # decoding one costs ~100 MB of memory
# Pillow's name for a format → the file extension it is stored under.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

HONEYPOT_FIELD = "fax"
# What Pillow raises on a file that is not the image it claims to be.
IMAGE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


class PublicForm(forms.Form):
    """A form anyone may send: a field only robots fill in, and the consent to the use of the data."""

    consent_label = _("J'accepte que la fédération utilise ces informations pour traiter ma demande")
    consent_help = ""
    # How long the data are kept ({months}: FIELD_REPORT_RETENTION_MONTHS, see purge_field_reports).
    retention_notice = ""

    fax = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Cochez la case de consentement pour que nous puissions traiter votre envoi.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = self.consent_label
        retention = str(self.retention_notice).format(months=settings.FIELD_REPORT_RETENTION_MONTHS)
        self.fields["consent"].help_text = " ".join(filter(None, [str(self.consent_help), retention]))
        self.fields["consent"] = self.fields.pop("consent")  # last, after the fields it is about

    @property
    def caught_in_trap(self):
        """Whether the invisible field was filled in: only robots see it."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned_data = super().clean()
        if self.caught_in_trap:
            raise ValidationError(
                _(
                    "Votre envoi a été bloqué par notre protection contre les envois automatiques. "
                    "Si vous n'êtes pas un robot, rechargez la page et recommencez."
                ),
                code="honeypot",
            )
        return cleaned_data


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS photos, each a real JPEG, PNG or WebP image (by its content, not its name) of limited size."""

    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("Vous pouvez envoyer au plus %(max)d photos.") % {"max": MAX_PHOTOS}, code="too_many"
            )
        return [check_photo(upload) for upload in files]


def megabytes(size):
    """A size in bytes as French readers write it: "4,2 Mo"."""
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def check_photo(upload):
    """Raise a French ValidationError unless `upload` is a JPEG, PNG or WebP image Pillow can fully decode.

    Returns the upload with `clean_bytes`: the photo re-encoded, upright and without its metadata (a phone's
    photo records where it was taken), which is what gets stored.
    """
    name = upload.name
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("« %(name)s » pèse %(size)s : une photo ne doit pas dépasser %(max)s.")
            % {"name": name, "size": megabytes(upload.size), "max": megabytes(MAX_PHOTO_BYTES)},
            code="too_large",
        )
    not_a_photo = ValidationError(
        _("« %(name)s » n'est pas une photo au format JPEG, PNG ou WebP lisible.") % {"name": name},
        code="not_an_image",
    )
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            photo_format = image.format
            width, height = image.size
            image.verify()  # checks the file's structure (PNG checksums…) without decoding it
    except (*IMAGE_ERRORS, PILImage.DecompressionBombError) as error:
        raise not_a_photo from error
    if photo_format not in PHOTO_FORMATS:
        raise not_a_photo
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _("« %(name)s » est trop grande (%(width)d × %(height)d pixels) : réduisez-la avant de l'envoyer.")
            % {"name": name, "width": width, "height": height},
            code="too_many_pixels",
        )
    try:
        upload.clean_bytes = reencode(upload, photo_format)  # decodes every pixel: truncated files fail here
    except IMAGE_ERRORS as error:
        raise not_a_photo from error
    upload.photo_format = photo_format
    return upload


def reencode(upload, photo_format):
    """The photo saved again in its own format, upright, without EXIF or other metadata."""
    upload.seek(0)
    with PILImage.open(upload) as image:
        image.load()
        image = ImageOps.exif_transpose(image)
        if photo_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        output = io.BytesIO()
        options = {"quality": 90} if photo_format in ("JPEG", "WEBP") else {}
        image.save(output, format=photo_format, **options)
    return output.getvalue()


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, centre):
        return f"{centre.title} ({centre.commune.name})"


class InitiativeProposalForm(PublicForm):
    """ "Proposer une initiative": what will be published after moderation, then who to contact (never published)."""

    consent_label = _(
        "J'accepte que la fédération conserve mes coordonnées pour me recontacter au sujet de cette proposition"
    )
    consent_help = _(
        "Votre nom, votre courriel, votre téléphone et votre structure sont réservés à l'équipe de la fédération : "
        "ils ne sont jamais publiés ni transmis à des tiers. Vous pouvez demander à tout moment à les consulter, "
        "les corriger ou les supprimer en écrivant à la fédération."
    )
    retention_notice = _("Ils sont effacés {months} mois après la réception de votre proposition.")

    title = forms.CharField(
        label=_("Titre de l'initiative"),
        max_length=120,
        help_text=_("Par exemple : « Un jardin partagé au pied des immeubles »."),
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases (400 caractères au plus)."),
    )
    description = forms.CharField(
        label=_("Description de l'action"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Qui en a eu l'idée, ce que vous faites, avec qui, ce que cela change pour les habitants."),
    )
    centre = CentreChoiceField(
        label=_("Centre social ou EVS organisateur"),
        queryset=CentrePage.objects.none(),
        empty_label=_("Choisissez un centre"),
        help_text=_("Le centre social ou l'espace de vie sociale qui accompagne l'initiative."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date = forms.DateField(
        label=_("Date de l'initiative"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Le début de l'action ou sa date marquante, au format jj/mm/aaaa."),
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=format_lazy(
            _(
                "Facultatif. Jusqu'à {max} photos JPEG, PNG ou WebP de {size} au plus chacune. "
                "Les personnes reconnaissables doivent avoir donné leur accord."
            ),
            max=MAX_PHOTOS,
            size=megabytes(MAX_PHOTO_BYTES),
        ),
    )
    photo_descriptions = forms.CharField(
        label=_("Que montrent les photos ?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une ligne par photo, dans l'ordre : elle sera lue aux personnes qui ne voient pas les images."),
    )
    proposer_name = forms.CharField(
        label=_("Votre nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    proposer_email = forms.EmailField(
        label=_("Votre courriel"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Pour vous prévenir de la publication ou vous poser une question."),
    )
    proposer_phone = forms.CharField(
        label=_("Votre téléphone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    structure = forms.CharField(
        label=_("Votre structure ou votre groupe d'habitants"),
        max_length=200,
        help_text=_("Le centre, l'association ou le collectif au nom duquel vous écrivez."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = CentrePage.objects.live().public().select_related("commune").order_by("title")

    def photo_alt_texts(self):
        """One description per photo, from the lines the proposer wrote; empty where none was given."""
        lines = [line.strip() for line in self.cleaned_data.get("photo_descriptions", "").splitlines() if line.strip()]
        photos = self.cleaned_data.get("photos") or []
        return [lines[index] if index < len(lines) else "" for index in range(len(photos))]
