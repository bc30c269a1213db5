"""Evidence photos as the site publishes them: metadata removed, a sensible size.

An inspector's photo can carry where and with what it was taken (EXIF GPS, camera,
time). The site never publishes the original: each image is re-encoded from its
pixels alone (turned upright first, as its EXIF orientation says), scaled down to at
most ``MAX_WIDTH`` pixels wide, and saved without any metadata. The originals stay in
git untouched; the site records each original's SHA-256 so a silent swap shows. A PDF
is never published (``publish`` returns None): it can carry script, and the page
names it with its SHA-256 instead.

A photo whose header declares more than ``MAX_PIXELS`` (24 megapixels, DESIGN §6) is
never decoded (validation refuses it; here it gets the placeholder). One photo is
decoded at a time, and every intermediate image is closed as soon as the next exists.

Clean copies are kept in ``.cache/kaoping/photos/`` (``PhotoStore``) under a name that
is an HMAC of the original's SHA-256 under the user's cache key: anything committed
into ``.cache/`` (a link to ``/etc/passwd``, a photo with its GPS position) cannot sit
at a name the build uses, and what sits there is used only when it is a regular file,
not a link, within ``MAX_COPY_BYTES`` (``scoring/cachefiles.py``). Without a key, or
when the cache folder is a link, the copies go to the build's own temporary folder.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from scoring.cachefiles import (
    cache_folder,
    opened_folder,
    regular_status,
    signing_key,
    write_replacing,
)
from scoring.records import EVIDENCE_MAX_PIXELS

MAX_WIDTH = 1600
MAX_PIXELS = EVIDENCE_MAX_PIXELS  # a declared size above this is not decoded
MAX_COPY_BYTES = 64 * 1024 * 1024  # a cached copy above this is made again
VERSION = "2"  # part of the cache name: bump when the processing changes
_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
_SUBFOLDER = "photos"


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class PhotoStore:
    """Where clean copies are kept: the cache under keyed names, else ``scratch``.

    The cache's copies are listed once, when the first is looked for: a site has
    thousands of photos, and opening the folders on the way for each (``opened_folder``)
    cost more than the rest of the evidence together."""

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root = root
        self.scratch = scratch
        self.key = signing_key()
        self.copies = cache_folder(root) / _SUBFOLDER
        self._listed: set[str] | None = None  # the copies found usable, once listed

    def name(self, digest: str, suffix: str) -> str:
        if self.key is None:
            return f"{digest}-{VERSION}{suffix}"
        keyed = hmac.new(self.key, f"{VERSION}\0{digest}\0{suffix}".encode(), "sha256")
        return keyed.hexdigest() + suffix

    def find(self, name: str) -> Path | None:
        """The kept copy ``name``: a regular file within the size limit, else None."""
        if self.key is None:
            kept = self.scratch / name
            return kept if kept.is_file() and not kept.is_symlink() else None
        if self._listed is None:
            self._listed = self._usable()
        return self.copies / name if name in self._listed else None

    def _usable(self) -> set[str]:
        """The names of the copies in the cache: regular files within the size limit."""
        usable: set[str] = set()
        with opened_folder(self.root, _SUBFOLDER) as folder:
            if folder is None:
                return usable
            for name in os.listdir(folder):
                status = regular_status(folder, name)
                if status is not None and status.st_size <= MAX_COPY_BYTES:
                    usable.add(name)
        return usable

    def keep(self, name: str, data: bytes) -> Path:
        """Store a copy; in the cache when it can be written there, else in ``scratch``."""
        if self.key is not None:
            with opened_folder(self.root, _SUBFOLDER, create=True) as folder:
                if folder is not None and write_replacing(folder, name, data):
                    if self._listed is not None:
                        self._listed.add(name)
                    return self.copies / name
        self.scratch.mkdir(parents=True, exist_ok=True)
        target = self.scratch / name
        target.unlink(missing_ok=True)
        target.write_bytes(data)
        return target


def publish(source: Path, digest: str, store: PhotoStore) -> Path | None:
    """The clean copy of the photo ``source`` (the placeholder when it cannot be decoded
    or declares too many pixels); None for anything else, a PDF included."""
    suffix = source.suffix.lower()
    if suffix not in _FORMATS:
        return None
    name = store.name(digest, suffix)
    kept = store.find(name)
    if kept is not None:
        return kept
    try:
        data = cleaned(source, _FORMATS[suffix])
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return _placeholder(store)
    return store.keep(name, data)


def cleaned(source: Path, image_format: str) -> bytes:
    """The photo re-encoded from its pixels alone: upright, at most ``MAX_WIDTH`` wide.

    ``ValueError`` before decoding when its header declares more than ``MAX_PIXELS``.
    """
    with warnings.catch_warnings():  # the size is checked here, before any decoding
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(source, formats=[image_format]) as opened:  # reads the header only
            if opened.width * opened.height > MAX_PIXELS:
                raise ValueError(f"{source.name} declares {opened.width}×{opened.height} pixels")
            if image_format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that suffices
                opened.draft(None, (MAX_WIDTH, MAX_WIDTH))
            pixels = _fresh_pixels(opened, image_format)
    try:
        options: dict[str, object] = {"optimize": True}
        if image_format == "JPEG":
            options["quality"] = 85
        out = io.BytesIO()
        pixels.save(out, format=image_format, **options)
        return out.getvalue()
    finally:
        pixels.close()


def _fresh_pixels(opened: Image.Image, image_format: str) -> Image.Image:
    """Upright, scaled and converted: a new image without info, EXIF or ICC profile.
    Each intermediate image is closed when the next exists (one decoded photo at a time)."""
    image = ImageOps.exif_transpose(opened)  # upright, then the orientation tag is moot
    try:
        if image.width > MAX_WIDTH:
            height = max(1, round(image.height * MAX_WIDTH / image.width))
            image = _replaced(image, image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS))
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = _replaced(image, image.convert("RGB"))
        pixels = Image.new(image.mode, image.size)
        pixels.paste(image)
        if image.mode == "P":
            pixels.putpalette(image.getpalette() or [])
        return pixels
    finally:
        image.close()


def _replaced(old: Image.Image, new: Image.Image) -> Image.Image:
    old.close()
    return new


def _placeholder(store: PhotoStore) -> Path:
    """What stands in for an image that cannot be decoded: a small grey PNG."""
    name = store.name("unreadable", ".png")
    kept = store.find(name)
    if kept is not None:
        return kept
    out = io.BytesIO()
    Image.new("L", (320, 240), 200).save(out, format="PNG")
    return store.keep(name, out.getvalue())
