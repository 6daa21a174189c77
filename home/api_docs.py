"""The API's contract and its browsable documentation: /api/v2/openapi.json and /api/v2/docs/."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from home.openapi import build_openapi


def openapi_view(router):
    """A view serving the OpenAPI document of `router`'s endpoints."""

    @require_safe
    def view(request):
        document = build_openapi(router)
        return HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json")

    return view


@require_safe
def docs_view(request):
    """Swagger UI on the OpenAPI document, from local static files (drf-spectacular-sidecar), no CDN."""
    response = render(request, "api/docs.html")
    response["Cache-Control"] = "public, max-age=3600"
    return response
