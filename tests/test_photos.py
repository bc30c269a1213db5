"""Evidence photos as published: upright, at most 1600 px wide, no metadata; originals untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image

from scoring.site.photos import MAX_WIDTH, publish, sha256_file


def _photo_with_gps(path: Path, width: int) -> None:
    image = Image.new("RGB", (width, width // 2), (90, 140, 200))
    exif = Image.Exif()
    exif[0x0110] = "Inspector's phone"  # camera model
    exif[0x0112] = 6  # orientation: rotated 90°
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (24.0, 19.0, 35.0), "E", (109.0, 25.0, 6.0)
    image.save(path, format="JPEG", exif=exif)


def test_metadata_removed_and_resized(tmp_path: Path) -> None:
    source = tmp_path / "shed.jpg"
    _photo_with_gps(source, 4000)
    before = source.read_bytes()
    digest = sha256_file(source)
    assert digest == hashlib.sha256(before).hexdigest()
    published = publish(source, digest, tmp_path / "cache")
    assert source.read_bytes() == before  # the original stays as it is
    with Image.open(published) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        # orientation 6 turns the 4000×2000 photo upright (2000×4000), then 1600 wide
        assert image.size == (MAX_WIDTH, 3200)


def test_unreadable_image_gets_a_placeholder(tmp_path: Path) -> None:
    source = tmp_path / "broken.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    published = publish(source, sha256_file(source), tmp_path / "cache")
    with Image.open(published) as image:
        assert image.format == "PNG"


def test_pdf_is_published_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "notice.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert publish(source, sha256_file(source), tmp_path / "cache") == source


def test_decompression_bomb_is_not_decoded(tmp_path: Path) -> None:
    """A small PNG that declares 12,000 × 12,000 pixels gets the placeholder, not 430 MB."""
    source = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(source, format="PNG", optimize=True)
    assert source.stat().st_size < 5 * 1024 * 1024
    published = publish(source, sha256_file(source), tmp_path / "cache")
    assert published.name.startswith("unreadable-")
