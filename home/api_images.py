"""How an image is described to partners: alt text and absolute rendition URLs."""

from django.conf import settings

IMAGE_RENDITIONS = {"card": "fill-640x360", "large": "max-1600x1200"}


def absolute_url(url):
    """Make a site-relative URL absolute with the public base URL of the API."""
    if url and url.startswith("/"):
        return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url
    return url


def image_summary(image, context=None):
    """Alt text, title, size and card / large renditions of an image, with absolute URLs."""
    from home.api_deferred import image_data

    return image_data(image)
