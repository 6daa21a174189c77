"""How an image is described to partners: alt text and absolute rendition URLs."""

from django.conf import settings

IMAGE_RENDITIONS = {"card": "fill-640x360", "large": "max-1600x1200"}


def absolute_url(url):
    """Make a site-relative URL absolute with the public base URL of the API."""
    if url and url.startswith("/"):
        return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url
    return url


def image_summary(image, context=None):
    """Alt text, size and card / large renditions of an image, with absolute URLs."""
    renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
    data = {"id": image.pk, "title": image.title, "alt": image.default_alt_text}
    for name, spec in IMAGE_RENDITIONS.items():
        rendition = renditions[spec]
        data[name] = {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return data
