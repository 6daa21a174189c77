"""Headless preview for partner front-ends (wagtail-headless-preview), when it is configured.

With HEADLESS_PREVIEW_CLIENT_URL set, the admin's preview shows the partner front-end, which fetches
the draft from /api/v2/page_preview/ with the signed token it receives; without it, Wagtail's own
preview is unchanged.
"""

from django.conf import settings
from wagtail_headless_preview.models import HeadlessPreviewMixin


def headless_preview_enabled():
    return bool(getattr(settings, "WAGTAIL_HEADLESS_PREVIEW", {}).get("CLIENT_URLS"))


class HeadlessPreviewIfConfigured(HeadlessPreviewMixin):
    """Page mixin: the partner front-end's preview when configured, Wagtail's own preview otherwise."""

    def serve_preview(self, request, preview_mode):
        if headless_preview_enabled():
            return super().serve_preview(request, preview_mode)
        return super(HeadlessPreviewMixin, self).serve_preview(request, preview_mode)
