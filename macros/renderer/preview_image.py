"""Social preview images (Open Graph, 1200 × 630 PNG), drawn at build time without a network.

One image per report and one for the rest of the site: a few images whatever the number of
pages, so the build stays linear. The font is vendored (polices/LISEZMOI.md): no system font
is needed, none is downloaded. The PNG bytes depend only on the text: builds are identical.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
_FONT = Path(__file__).parent / "polices" / "DejaVuSans-Bold.ttf"
_BACKGROUND = "#283593"  # the indigo of the site, dark enough for white text
_BAND = "#ffffff"
_TEXT = "#ffffff"
_MUTED = "#dfe3f5"


@dataclass(frozen=True)
class Preview:
    slug: str  # file name, without .png
    title: str  # large text
    subtitle: str  # small text under the title

    @property
    def uri(self) -> str:
        return f"assets/images/partage/{self.slug}.png"


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(_FONT), size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Words into lines no wider than `width` pixels."""
    lines: list[str] = []
    # Split on ordinary spaces only: a no-break space keeps « PTCE : » on one line.
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw(preview: Preview, site_name: str) -> bytes:
    """The PNG of a preview, kept between builds: the same text gives the same bytes, and
    loading Pillow and the font would double the time of a small build."""
    key = hashlib.sha256("\0".join((preview.title, preview.subtitle, site_name)).encode() + Path(__file__).read_bytes()).hexdigest()
    cached = Path(tempfile.gettempdir()) / "labo-ess-apercus" / f"{key}.png"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    image = _draw(preview, site_name)
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(f".{key[:8]}.partiel")
        partial.write_bytes(image)
        partial.replace(cached)
    except OSError:
        pass  # no cache: drawn again next time
    return image


def _draw(preview: Preview, site_name: str) -> bytes:
    """Site name, title (as large as fits), subtitle, on the site's indigo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    pen = ImageDraw.Draw(image)
    margin = 80
    pen.rectangle((0, 0, 24, HEIGHT), fill=_BAND)
    pen.text((margin, 70), site_name, font=_font(34), fill=_MUTED)
    # The largest title size whose lines fit in the space left.
    for size in (72, 64, 56, 50, 44, 38):
        font = _font(size)
        lines = _wrap(pen, preview.title, font, WIDTH - 2 * margin)
        if len(lines) * size * 1.25 <= 300:
            break
    y = 160
    for line in lines:
        pen.text((margin, y), line, font=font, fill=_TEXT)
        y += int(size * 1.25)
    small = _font(32)
    y = max(y + 30, 470)
    for line in _wrap(pen, preview.subtitle, small, WIDTH - 2 * margin)[:2]:
        pen.text((margin, y), line, font=small, fill=_MUTED)
        y += 44
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()
