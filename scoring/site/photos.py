"""Evidence photos as the site publishes them: metadata removed, a sensible size.

An inspector's photo can carry where and with what it was taken (EXIF GPS, camera,
time). The site never publishes the original: each image is re-encoded from its
pixels alone (turned upright first, as its EXIF orientation says), scaled down to at
most ``MAX_WIDTH`` pixels wide, and saved without any metadata. The originals stay in
git untouched; the site records each original's SHA-256 so a silent swap shows.
Re-encoded copies are cached by the original's hash in ``.cache/kaoping/photos/``.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from pathlib import Path

from PIL import Image, ImageOps

MAX_WIDTH = 1600
MAX_PIXELS = 40_000_000  # a declared size above this is not decoded (a decompression bomb)
VERSION = "1"  # part of the cache key: bump when the processing changes
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _clean(source: Path, target: Path) -> None:
    image_format = _FORMATS[source.suffix.lower()]
    with warnings.catch_warnings():  # the size is checked below, before any decoding
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        _reencode(source, target, image_format)


def _reencode(source: Path, target: Path, image_format: str) -> None:
    with Image.open(source) as opened:  # reads the header only
        if opened.width * opened.height > MAX_PIXELS:
            raise ValueError(f"{source.name} declares {opened.width}×{opened.height} pixels")
        opened.seek(0)
        image = ImageOps.exif_transpose(opened)  # upright, then the orientation tag is moot
        if image.width > MAX_WIDTH:
            height = round(image.height * MAX_WIDTH / image.width)
            image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        pixels = Image.new(image.mode, image.size)  # a fresh image: no info, no EXIF, no ICC
        pixels.paste(image)
        if image.mode == "P":
            pixels.putpalette(image.getpalette() or [])
        options: dict[str, object] = {"optimize": True}
        if image_format == "JPEG":
            options["quality"] = 85
        pixels.save(target, format=image_format, **options)


def publish(source: Path, digest: str, cache: Path) -> Path:
    """The copy of ``source`` the site publishes (an image cleaned, a PDF as it is)."""
    if source.suffix.lower() not in _FORMATS:
        return source
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{digest}-{VERSION}{source.suffix.lower()}"
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        try:
            _clean(source, partial)
        except (OSError, ValueError, Image.DecompressionBombError):
            partial.unlink(missing_ok=True)
            return _placeholder(cache)
        shutil.move(partial, target)
    return target


def _placeholder(cache: Path) -> Path:
    """What stands in for an image that cannot be decoded: a small grey PNG."""
    target = cache / f"unreadable-{VERSION}.png"
    if not target.exists():
        Image.new("L", (320, 240), 200).save(target, format="PNG")
    return target
