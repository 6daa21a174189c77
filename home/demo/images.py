"""Pictures, logos and PDF documents drawn locally with Pillow (no network) for the demo content."""

import io
import random
import unicodedata
from functools import lru_cache

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

PICTURE_SIZE = (1200, 800)
LOGO_SIZE = (600, 300)
PDF_PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
PDF_RESOLUTION = 150.0

PALETTES = {
    "ocean": ("#0b3954", "#087e8b", "#bfd7ea", "#ff5a5f"),
    "sunset": ("#7a2e3a", "#e26d5c", "#ffe1a8", "#f2b134"),
    "meadow": ("#2d5016", "#6a994e", "#f2e8cf", "#bc4749"),
    "ember": ("#5c2a0c", "#c8553d", "#f6e7cb", "#2f6690"),
    "sky": ("#1d3557", "#457b9d", "#f1faee", "#e9c46a"),
    "brick": ("#6b2737", "#b5523b", "#f4e1d2", "#3c6e71"),
    "slate": ("#22333b", "#5e6472", "#eae0d5", "#c6ac8f"),
}

# Fonts with French accents, looked up by file name in the system's font folders; Pillow's own font
# (ASCII only) is the last resort, with accents folded so that the text stays readable.
FONT_FILES = {
    "regular": ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"],
}
ASCII_REPLACEMENTS = {"œ": "oe", "Œ": "OE", "—": "-", "–": "-", "’": "'", "«": '"', "»": '"', "€": "EUR"}


@lru_cache(maxsize=32)
def _font(weight, size):
    """A TrueType font with accents if the system has one, and whether it covers accents."""
    for name in FONT_FILES[weight]:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _text(draw, position, text, weight, size, fill):
    font, has_accents = _font(weight, size)
    draw.text(position, text if has_accents else _fold_accents(text), font=font, fill=fill)


def _fold_accents(text):
    for char, replacement in ASCII_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).encode("ascii", "ignore").decode()


def _wrap(text, weight, size, width):
    """Split `text` into lines no wider than `width` pixels."""
    font, has_accents = _font(weight, size)
    text = text if has_accents else _fold_accents(text)
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))


def _gradient(size, top, bottom):
    image = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(image)
    (r1, g1, b1), (r2, g2, b2) = _hex(top), _hex(bottom)
    height = size[1]
    for y in range(height):
        ratio = y / (height - 1)
        colour = tuple(round(start + (end - start) * ratio) for start, end in ((r1, r2), (g1, g2), (b1, b2)))
        draw.line([(0, y), (size[0], y)], fill=colour)
    return image


def _motif(draw, motif, palette, rng):
    """Simple shapes suggesting the subject; the caption says what it is."""
    dark, mid, light, accent = palette
    horizon = 560
    if motif in {"mountains", "sea", "road", "garden"}:
        draw.ellipse((880, 70, 1040, 230), fill=palette[3])
    if motif == "mountains":
        for left, peak, width in ((-100, 220, 700), (350, 160, 800), (700, 260, 650)):
            draw.polygon([(left, horizon), (left + width // 2, peak), (left + width, horizon)], fill=mid)
            draw.polygon(
                [(left + width // 2 - 60, peak + 70), (left + width // 2, peak), (left + width // 2 + 60, peak + 70)],
                fill=light,
            )
    elif motif == "sea":
        draw.rectangle((0, 430, 1200, 560), fill=mid)
        for y in range(450, 560, 28):
            for x in range(rng.randint(0, 60), 1200, 140):
                draw.arc((x, y, x + 80, y + 20), 180, 360, fill=light, width=4)
        draw.polygon([(300, 330), (300, 560), (305, 560), (305, 330)], fill=dark)
        draw.pieslice((180, 290, 430, 400), 180, 360, fill=accent)
    elif motif == "road":
        draw.polygon([(560, 420), (640, 420), (900, 600), (300, 600)], fill=dark)
        draw.line([(600, 440), (600, 600)], fill=light, width=6)
        draw.rectangle((170, 470, 390, 540), fill=accent)
        draw.ellipse((190, 520, 240, 570), fill=dark)
        draw.ellipse((320, 520, 370, 570), fill=dark)
        for cx in (830, 960):
            draw.ellipse((cx - 45, 480, cx + 45, 570), outline=light, width=8)
    elif motif == "garden":
        for column in range(6):
            x = 80 + column * 180
            draw.rectangle((x, 470, x + 140, 560), fill=dark)
            for _ in range(3):
                stem = x + rng.randint(20, 120)
                draw.line([(stem, 470), (stem, 400)], fill=mid, width=6)
                draw.ellipse((stem - 22, 370, stem + 22, 414), fill=rng.choice([mid, accent]))
    elif motif == "houses":
        for index in range(5):
            x = 60 + index * 225
            height = rng.randint(150, 280)
            colour = [light, accent, mid][index % 3]
            draw.rectangle((x, horizon - height, x + 180, horizon), fill=colour)
            draw.polygon(
                [(x - 15, horizon - height), (x + 90, horizon - height - 90), (x + 195, horizon - height)], fill=dark
            )
            for wy in range(horizon - height + 30, horizon - 60, 70):
                draw.rectangle((x + 30, wy, x + 70, wy + 40), fill=palette[3] if wy % 3 else light)
                draw.rectangle((x + 110, wy, x + 150, wy + 40), fill=light)
    elif motif == "screen":
        draw.rounded_rectangle((300, 180, 900, 520), radius=18, fill=dark)
        draw.rectangle((330, 210, 870, 490), fill=light)
        for y in range(240, 470, 45):
            draw.rectangle((360, y, 360 + rng.randint(200, 480), y + 18), fill=mid)
        draw.rectangle((560, 520, 640, 570), fill=dark)
    elif motif == "tools":
        draw.rectangle((120, 470, 1080, 520), fill=dark)
        draw.rounded_rectangle((420, 300, 760, 470), radius=30, fill=mid)
        draw.rectangle((470, 310, 530, 330), fill=dark)
        draw.rectangle((600, 310, 660, 330), fill=dark)
        draw.line([(180, 460), (330, 320)], fill=light, width=16)
        draw.ellipse((310, 290, 370, 350), outline=light, width=12)
        draw.line([(860, 460), (1000, 330)], fill=accent, width=20)
    elif motif in {"books", "shop"}:
        shelf_colours = [mid, accent, light, dark]
        for shelf in range(3):
            y = 220 + shelf * 120
            draw.rectangle((150, y + 100, 1050, y + 110), fill=dark)
            x = 170
            while x < 1020:
                width = rng.randint(30, 70) if motif == "books" else 80
                if motif == "books":
                    draw.rectangle((x, y + rng.randint(10, 40), x + width, y + 100), fill=rng.choice(shelf_colours))
                else:
                    draw.ellipse((x, y + 30, x + width - 10, y + 100), fill=rng.choice(shelf_colours))
                x += width + 8
    elif motif == "network":
        nodes = [(rng.randint(120, 1080), rng.randint(120, 520)) for _ in range(9)]
        for index, (x, y) in enumerate(nodes):
            for other in nodes[index + 1 : index + 3]:
                draw.line([(x, y), other], fill=light, width=5)
        for x, y in nodes:
            draw.ellipse((x - 38, y - 38, x + 38, y + 38), fill=rng.choice([accent, mid, light]))
    else:  # people
        for index in range(6):
            x = 130 + index * 170 + rng.randint(-20, 20)
            height = rng.randint(0, 60)
            colour = [accent, mid, light][index % 3]
            draw.ellipse((x - 45, 250 + height, x + 45, 340 + height), fill=colour)
            draw.rounded_rectangle((x - 70, 350 + height, x + 70, 600), radius=50, fill=colour)


def render_picture(caption, palette_name, motif, seed):
    """A 1200x800 JPEG: a coloured composition with a French caption and a demo mention."""
    palette = PALETTES[palette_name]
    rng = random.Random(seed)  # noqa: S311 - shapes of a picture, not security
    image = _gradient(PICTURE_SIZE, palette[1], palette[2])
    draw = ImageDraw.Draw(image)
    _motif(draw, motif, palette, rng)
    draw.rectangle((0, 590, PICTURE_SIZE[0], PICTURE_SIZE[1]), fill=palette[0])
    lines = _wrap(caption, "bold", 50, PICTURE_SIZE[0] - 120)[:2]
    for index, line in enumerate(lines):
        _text(draw, (60, 610 + index * 62), line, "bold", 50, "#ffffff")
    _text(draw, (60, 750), "FIGO — image de démonstration", "regular", 24, palette[2])
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _initials(name):
    """The acronym in brackets, else an all-capitals word, else the initials of the main words."""
    if "(" in name:
        inside = name[name.index("(") + 1 : name.rindex(")")]
        if inside.isupper():
            return inside
    words = name.split(" (")[0].replace("-", " ").replace("'", " ").split()
    for word in words:
        if len(word) > 1 and word.isupper():
            return word
    return "".join(word[0].upper() for word in words if word[0].isupper() or len(word) > 4)[:3]


def render_logo(name, background, foreground):
    """A 600x300 PNG logo: initials in a disc and the partner's name."""
    image = PILImage.new("RGB", LOGO_SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 60, 210, 240), fill=background)
    initials = _initials(name)
    size = 64 if len(initials) <= 3 else 52
    font, _ = _font("bold", size)
    width = font.getlength(_fold_accents(initials))
    _text(draw, (120 - width / 2, 150 - size * 0.6), initials, "bold", size, foreground)
    for index, line in enumerate(_wrap(name.split(" (")[0], "bold", 30, 340)[:4]):
        _text(draw, (235, 70 + index * 40), line, "bold", 30, background)
    _text(draw, (235, 250), "Logo de démonstration", "regular", 18, "#555555")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def render_pdf(title, subtitle, headings, colour):
    """A one-page A4 PDF with a title, the document's outline and a demo mention."""
    width, height = PDF_PAGE_SIZE
    image = PILImage.new("RGB", PDF_PAGE_SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 260), fill=colour)
    _text(draw, (100, 60), "Fédération Interdépartementale Garonne Occitanie", "regular", 30, "#ffffff")
    y = 120
    for line in _wrap(title, "bold", 48, width - 200)[:2]:
        _text(draw, (100, y), line, "bold", 48, "#ffffff")
        y += 60
    y = 320
    for line in _wrap(subtitle, "regular", 30, width - 200):
        _text(draw, (100, y), line, "regular", 30, "#333333")
        y += 42
    y += 40
    for number, heading in enumerate(headings, start=1):
        for line in _wrap(f"{number}. {heading}", "bold", 34, width - 200):
            _text(draw, (100, y), line, "bold", 34, colour)
            y += 48
        for line_number in range(3):
            draw.rectangle((100, y + 12, width - 100 - 90 * (line_number % 2), y + 20), fill="#d9d9d9")
            y += 34
        y += 30
    draw.line([(100, height - 150), (width - 100, height - 150)], fill=colour, width=3)
    _text(
        draw,
        (100, height - 120),
        "Document de démonstration — contenu fictif produit pour présenter le site.",
        "regular",
        26,
        "#555555",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=PDF_RESOLUTION, title=title, author="FIGO (démonstration)")
    return buffer.getvalue()
