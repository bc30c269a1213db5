"""Adding evidence photos to a month (``kaoping evidence add``), as a phone produces them.

An inspector's phone takes 12–50 megapixel photos of 3–15 MB, as JPEG, or as HEIC on
an iPhone, often stored sideways with an EXIF orientation, and full of metadata (GPS
position, camera, owner). Validation refuses what the site cannot publish safely (over
5 MiB, over 24 megapixels, other formats), so photos are added through this stage: it
reads JPEG, PNG, WebP and HEIC/HEIF (``pi-heif``, a decoder only), turns the picture
upright, scales it down to at most ``MAX_SIDE`` pixels on its long side and
``EVIDENCE_MAX_PIXELS`` in all, and saves it as a new JPEG of at most
``EVIDENCE_MAX_BYTES`` whose only metadata is the capture time (EXIF
``DateTimeOriginal`` and its ``OffsetTimeOriginal``): it shows the day of the
inspection. Colours in another profile (an iPhone's Display P3) are converted to sRGB
first, so that dropping the profile does not change them.

A source photo declaring more than ``SOURCE_MAX_PIXELS`` (the largest phone cameras
take 200 megapixels) or larger than ``SOURCE_MAX_BYTES`` is refused before a pixel is
decoded: a few kilobytes can declare a picture that takes gigabytes. A JPEG is decoded
at the smallest of 1/2, 1/4 or 1/8 scale that still gives the size wanted. Photos are
converted one at a time.

Each photo gets a safe name (``safe_name``: letters, digits, ``-`` and ``_``, lower
case, from ``--name`` or the original file name) and is written in exclusive mode: an
existing file is never replaced; a taken name gets ``-2``, ``-3``… The library never
prints: ``add_photos`` returns what it wrote and raises ``PhotoRefused`` (a code and
its parameters, rendered by the command line in the organisation's language).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageCms

from scoring.records import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PIXELS

MAX_SIDE = 4096  # pixels on the long side: a 4:3 photo keeps 4096 × 3072 (12.6 MP)
SOURCE_MAX_PIXELS = 200_000_000  # a source declaring more is a bomb, never decoded
SOURCE_MAX_BYTES = 100 * 1024 * 1024  # a source above this is not read
QUALITIES = (85, 75, 65)  # JPEG qualities tried in turn until the file fits
SHRINK = 0.8  # then each side scaled by this, until it fits
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")  # Pillow's names of what is read
EXTENSION = ".jpg"
LONGEST_STEM = 60  # characters of a name before its number and extension
DEFAULT_STEM = "photo"

_DATE_TIME_ORIGINAL = ExifTags.Base.DateTimeOriginal
_OFFSET_TIME_ORIGINAL = ExifTags.Base.OffsetTimeOriginal


class PhotoRefused(Exception):
    """A photo that is not added: ``code`` names why (a key of the command line's
    catalogue, ``photo-…``), ``params`` fill its message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class AddedPhoto:
    source: Path
    name: str  # the file name under the month's evidence/
    path: str  # relative to records/
    original_size: tuple[int, int]  # as declared, before turning upright
    size: tuple[int, int]  # as written, upright
    bytes: int
    taken: str | None  # the capture time kept (EXIF ``YYYY:MM:DD HH:MM:SS``), if any


# ---------------------------------------------------------------- names


_UNSAFE = re.compile(r"[^\w-]+")  # \w: letters and digits of any script, and _
_DASHES = re.compile(r"-{2,}")


def safe_name(text: str) -> str:
    """A file stem of letters, digits, ``-`` and ``_`` (``IMG 1234 (2)`` -> ``img-1234-2``)."""
    text = unicodedata.normalize("NFKC", text).lower()
    stem = _DASHES.sub("-", _UNSAFE.sub("-", text)).strip("-_")
    return stem[:LONGEST_STEM].rstrip("-_") or DEFAULT_STEM


def stems(sources: Sequence[Path], name: str | None) -> list[str]:
    """The stem each photo is named after: ``name`` (numbered when there are several
    photos), else the photo's own file name."""
    if name is None:
        return [safe_name(source.stem) for source in sources]
    base = safe_name(Path(name).stem if name.lower().endswith(EXTENSION) else name)
    if len(sources) == 1:
        return [base]
    return [f"{base}-{number}" for number in range(1, len(sources) + 1)]


def _candidates(stem: str) -> Iterator[str]:
    yield stem + EXTENSION
    number = 2
    while True:
        yield f"{stem}-{number}{EXTENSION}"
        number += 1


def _write_new(folder: Path, stem: str, data: bytes) -> str:
    """Write ``data`` under the first free name for ``stem``; never replaces a file.
    Names are compared without case, as Windows and macOS do."""
    taken = {entry.name.lower() for entry in folder.iterdir()}
    for candidate in _candidates(stem):
        if candidate.lower() in taken:
            continue
        try:
            with (folder / candidate).open("xb") as out:
                out.write(data)
        except FileExistsError:  # appeared meanwhile
            taken.add(candidate.lower())
            continue
        return candidate
    raise AssertionError("unreachable")  # pragma: no cover


# ---------------------------------------------------------------- reading


@contextmanager
def opened(source: Path) -> Iterator[Image.Image]:
    """The photo with its header read and nothing decoded; refused when it is no photo
    of an accepted format, or declares more than ``SOURCE_MAX_PIXELS``."""
    _register_heif()
    size = source.stat().st_size
    if size > SOURCE_MAX_BYTES:
        raise PhotoRefused(
            "photo-file-too-large", size=_megabytes(size), limit=_megabytes(SOURCE_MAX_BYTES)
        )
    with source.open("rb") as handle:
        image = _header(handle)
        try:
            width, height = image.size
            if width * height > SOURCE_MAX_PIXELS:
                raise PhotoRefused(
                    "photo-bomb",
                    width=width,
                    height=height,
                    megapixels=f"{width * height / 1_000_000:.0f}",
                    limit=SOURCE_MAX_PIXELS // 1_000_000,
                )
            yield image
        finally:
            image.close()


def _header(handle: io.BufferedReader) -> Image.Image:
    with warnings.catch_warnings():  # the size is judged by ``opened``, before decoding
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(handle, formats=FORMATS)
        except Image.DecompressionBombError:
            pass  # Pillow's own guard is below ours: read the header with the format's reader
        except (OSError, SyntaxError, ValueError):
            raise PhotoRefused("photo-format", formats="JPEG, PNG, WebP, HEIC") from None
    handle.seek(0)
    prefix = handle.read(16)
    for image_format in FORMATS:
        factory, accept = Image.OPEN[image_format]
        if accept is None or accept(prefix):
            handle.seek(0)
            try:
                return factory(handle, "")
            except Exception:  # noqa: BLE001 - whatever a hostile header raises
                break
    raise PhotoRefused(
        "photo-bomb", width="?", height="?", megapixels="?", limit=SOURCE_MAX_PIXELS // 1_000_000
    )


_registered = False


def _register_heif() -> None:
    """Teach Pillow to read HEIC/HEIF (once; thumbnails and depth maps are not read)."""
    global _registered
    if not _registered:
        import pi_heif

        pi_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
        _registered = True


def capture_time(image: Image.Image) -> tuple[str | None, str | None]:
    """EXIF ``DateTimeOriginal`` and ``OffsetTimeOriginal`` (None when absent or not text)."""
    try:
        details = image.getexif().get_ifd(ExifTags.IFD.Exif)
    except Exception:  # noqa: BLE001 - a broken EXIF block: the photo is kept without a time
        return None, None
    taken, offset = details.get(_DATE_TIME_ORIGINAL), details.get(_OFFSET_TIME_ORIGINAL)
    return (
        taken.strip("\0 ") or None if isinstance(taken, str) else None,
        offset.strip("\0 ") or None if isinstance(offset, str) else None,
    )


# ---------------------------------------------------------------- converting


def fitted(width: int, height: int) -> tuple[int, int]:
    """The size within ``MAX_SIDE`` and ``EVIDENCE_MAX_PIXELS``, proportions kept."""
    scale = min(
        1.0,
        MAX_SIDE / max(width, height),
        math.sqrt(EVIDENCE_MAX_PIXELS / (width * height)),
    )
    if scale >= 1.0:
        return width, height
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


_TRANSPOSITIONS = {  # EXIF orientation -> what turns the stored pixels upright
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_PLAIN_MODES = ("RGB", "L")
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


def orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 when absent; a HEIF decoder has applied its own already)."""
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block: as stored
        return 1
    return value if isinstance(value, int) else 1


def _replaced(old: Image.Image, new: Image.Image) -> Image.Image:
    if new is not old:
        old.close()
    return new


def _pixels(image: Image.Image, size: tuple[int, int], turn: int) -> Image.Image:
    """The decoded ``image`` as a new RGB (or greyscale) image of ``size`` (before turning),
    turned upright, in sRGB, transparency laid on white, without any metadata. Scaled
    before anything else, so that at most one full-size copy is held."""
    profile = image.info.get("icc_profile")
    has_alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
    if image.mode not in (*_PLAIN_MODES, *_ALPHA_MODES):  # palette, CMYK, 16-bit…
        current = image.convert("RGBA" if has_alpha else "RGB")
    else:
        current = image.copy() if image.size == size else image
    if current.size != size:
        current = _replaced_unless(
            image, current, current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
    if turn in _TRANSPOSITIONS:
        current = _replaced(current, current.transpose(_TRANSPOSITIONS[turn]))
    if current.mode not in _PLAIN_MODES:
        rgba = current if current.mode == "RGBA" else current.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        if rgba is not current:
            rgba.close()
        current = _replaced(current, flat)
    if profile and current.mode == "RGB":
        current = _replaced(current, _to_srgb(current, profile))
    clean = Image.new(current.mode, current.size)  # the pixels alone: no info, EXIF or ICC
    clean.paste(current)
    current.close()
    return clean


def _replaced_unless(kept: Image.Image, old: Image.Image, new: Image.Image) -> Image.Image:
    """``new``, closing ``old`` unless it is ``kept`` (the caller's image)."""
    if old is not kept:
        old.close()
    return new


def _to_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    """``image`` in sRGB (``image`` itself when its profile cannot be read)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable profile: the pixels as they are
    return converted if converted is not None else image


def _exif(taken: str | None, offset: str | None) -> bytes:
    if taken is None:
        return b""
    exif = Image.Exif()
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[_DATE_TIME_ORIGINAL] = taken
    if offset is not None:
        details[_OFFSET_TIME_ORIGINAL] = offset
    return exif.tobytes()


def _encoded(image: Image.Image, exif: bytes) -> tuple[bytes, tuple[int, int]]:
    """JPEG bytes within ``EVIDENCE_MAX_BYTES``: lower quality first, then smaller."""
    current = image
    try:
        while True:
            for quality in QUALITIES:
                out = io.BytesIO()
                current.save(out, format="JPEG", quality=quality, optimize=True, exif=exif)
                if out.tell() <= EVIDENCE_MAX_BYTES:
                    return out.getvalue(), current.size
            width, height = current.size
            smaller = (max(1, int(width * SHRINK)), max(1, int(height * SHRINK)))
            resized = current.resize(smaller, Image.Resampling.LANCZOS)
            if current is not image:
                current.close()
            current = resized
    finally:
        if current is not image:
            current.close()


def converted(source: Path) -> tuple[bytes, tuple[int, int], tuple[int, int], str | None]:
    """The photo as the JPEG to store, its declared and written sizes, its capture time."""
    with opened(source) as image:
        declared = image.size
        wanted = fitted(*declared)
        try:
            # decode at 1/2, 1/4 or 1/8 scale when that suffices; MPO is a JPEG with more
            # pictures after the first (as many phones save), read as its first
            if image.format in ("JPEG", "MPO"):
                image.draft("RGB", wanted)
            turn = orientation(image)
            taken, offset = capture_time(image)
            image.load()
            pixels = _pixels(image, fitted(*image.size), turn)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise PhotoRefused("photo-unreadable") from None
    try:
        data, size = _encoded(pixels, _exif(taken, offset))
    finally:
        pixels.close()
    return data, declared, size, taken


def add_photos(
    root: Path, month: str, sources: Sequence[Path], name: str | None = None
) -> Iterator[AddedPhoto | tuple[Path, PhotoRefused]]:
    """Convert each photo and write it under ``root/month/evidence/``, one at a time;
    yields what was added, or the photo and why it was refused. The caller checks that
    the month exists and is not closed."""
    folder = root / month / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    for source, stem in zip(sources, stems(sources, name), strict=True):
        try:
            data, declared, size, taken = converted(source)
        except PhotoRefused as refused:
            yield source, refused
            continue
        written = _write_new(folder, stem, data)
        yield AddedPhoto(
            source=source,
            name=written,
            path=f"{month}/evidence/{written}",
            original_size=declared,
            size=size,
            bytes=len(data),
            taken=taken,
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"
