"""The public page "Intégrer nos contenus": a partner picks what to show and the filters, sees the widget,
and copies the snippet with the matching API, RSS, iCal and GeoJSON addresses.

It works as a plain GET form: the server renders the preview cards, the snippet and the addresses;
static/js/embed-builder.js only updates them live as the partner changes a field.
"""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .filtering import InvalidFilter, parse_filters
from .models import Audience, Department, Theme
from .widget_data import WIDGETS

KINDS = [
    ("initiatives", "Initiatives d'habitants"),
    ("formations", "Prochaines formations"),
    ("centres", "Centres sociaux et EVS d'une commune"),
]
# The filters each kind of widget offers on this page, in the order of the snippet's attributes.
KIND_FILTERS = {
    "initiatives": ["department", "theme"],
    "formations": ["department", "theme", "audience"],
    "centres": ["department", "theme", "commune"],
}
LIMIT_CHOICES = [(str(n), str(n)) for n in (1, 2, 3, 4, 6, 8, 12)]


class EmbedForm(forms.Form):
    """What the partner wants to show; every filter is optional."""

    kind = forms.ChoiceField(label="Contenu à afficher", choices=KINDS, initial="initiatives")
    department = forms.ChoiceField(label="Département", required=False)
    theme = forms.ChoiceField(label="Thème", required=False)
    audience = forms.ChoiceField(label="Public", required=False, help_text="Pour les formations seulement.")
    commune = forms.CharField(
        label="Commune",
        required=False,
        max_length=100,
        help_text="Pour les centres seulement : nom ou code INSEE, par exemple Montauban ou 82121.",
    )
    limit = forms.ChoiceField(label="Nombre de cartes", choices=LIMIT_CHOICES, initial="3")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", "Tous")]
        self.fields["department"].choices = everything + [
            (item.code, f"{item.code} — {item.name}") for item in Department.objects.order_by("code")
        ]
        self.fields["theme"].choices = everything + [(item.slug, item.name) for item in Theme.objects.order_by("name")]
        self.fields["audience"].choices = everything + [
            (item.slug, item.name) for item in Audience.objects.order_by("name")
        ]

    def clean(self):
        """Check the filters as the widget's endpoint will, so the snippet never shows an error."""
        data = super().clean()
        kind = data.get("kind")
        if kind:
            params = self.widget_parameters()
            try:
                data["filters"] = parse_filters(params, WIDGETS[kind][0])
            except InvalidFilter as error:
                field = error.param if error.param in self.fields else None
                self.add_error(field, error.message)
        return data

    def widget_parameters(self):
        """The snippet's data-* attributes: the chosen kind's filters that are set, and the number of cards."""
        data = self.cleaned_data
        params = {name: data[name] for name in KIND_FILTERS[data["kind"]] if data.get(name)}
        if "commune" in params:
            params.pop("department", None)  # a commune is in one département: both would only risk an empty list
        params["limit"] = data.get("limit") or "3"
        return params


def public_origin(request):
    """Where partners reach the site: the API's public base URL, else the host of this request."""
    return (getattr(settings, "WAGTAILAPI_BASE_URL", "") or request.build_absolute_uri("/")).rstrip("/")


def snippet_for(origin, kind, params):
    attributes = "".join(f' data-{name}="{escape(value)}"' for name, value in params.items())
    script = f'<script src="{origin}{static("js/widget.js")}" async></script>'
    return f'<div data-figo-widget="{kind}"{attributes}></div>\n{script}'


def format_urls(origin, kind, params, filters):
    """The same content in every format partners use, with the filters each one understands."""

    def absolute(path, query=None):
        query = {name: ",".join(value) if isinstance(value, list) else value for name, value in (query or {}).items()}
        return origin + path + (f"?{urlencode(query)}" if query else "")

    filters = {name: value for name, value in filters.items() if name != "limit"}
    urls = [("Données du widget (JSON)", absolute(reverse(f"widget_{kind}"), params))]
    if kind == "initiatives":
        urls += [
            ("API (JSON)", absolute("/api/v2/pages/", {"type": "blog.InitiativePage", "fields": "*", **filters})),
            ("Flux RSS", absolute(reverse("feed_initiatives_rss"), filters)),
            ("Flux Atom", absolute(reverse("feed_initiatives_atom"), filters)),
        ]
    elif kind == "formations":
        workshop_filters = {name: value for name, value in filters.items() if name != "audience"}
        urls += [
            (
                "API (JSON)",
                absolute(
                    "/api/v2/pages/", {"type": "resources.TrainingPage", "fields": "*", "upcoming": "true", **filters}
                ),
            ),
            ("Agenda iCal des formations", absolute(reverse("feed_trainings_ics"), filters)),
            ("Agenda iCal des ateliers", absolute(reverse("feed_workshops_ics"), workshop_filters)),
        ]
    else:
        urls += [
            ("API (JSON)", absolute("/api/v2/pages/", {"type": "centres.CentrePage", "fields": "*", **filters})),
            ("Carte (GeoJSON)", absolute(reverse("centres_geojson"), filters)),
            ("Export data·inclusion", absolute(reverse("centres_data_inclusion"), filters)),
        ]
    return urls


@require_safe
def embed_page(request):
    """GET /integrer/ — the form, the preview cards, the snippet and the addresses, rendered on the server."""
    form = EmbedForm(request.GET or {"kind": "initiatives", "limit": "3"})
    if form.is_valid():
        kind, params, filters = form.cleaned_data["kind"], form.widget_parameters(), form.cleaned_data["filters"]
    else:
        kind, params, filters = "initiatives", {"limit": "3"}, {"limit": 3}
    build = WIDGETS[kind][1]
    filters = {name: value for name, value in filters.items() if name != "limit"}
    preview = build(request, filters, min(int(params["limit"]), 12))
    origin = public_origin(request)
    context = {
        "form": form,
        "kind": kind,
        "params": params,
        "preview": preview,
        "snippet": snippet_for(origin, kind, params),
        "urls": format_urls(origin, kind, params, filters),
        "widget_script": static("js/widget.js"),
        "kind_filters": KIND_FILTERS,
    }
    return render(request, "api/embed_page.html", context)
