"""Evidence photos as published: upright, at most 1600 px wide, no metadata; originals untouched.

Also what a hostile photo or cache cannot do: a header declaring more than 24
megapixels is never decoded, one photo is decoded at a time, a PDF is never published,
and nothing committed into ``.cache/`` is published in place of a clean copy.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import hostile
import pytest
from PIL import Image

from scoring.site.photos import MAX_PIXELS, MAX_WIDTH, PhotoStore, publish, sha256_file

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own cache key, as each user has."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def store(tmp_path: Path) -> PhotoStore:
    """Copies cached in ``tmp_path/.cache/kaoping/photos`` (the records at ``tmp_path/records``)."""
    return PhotoStore(tmp_path / "records", tmp_path / "scratch")


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
    published = publish(source, digest, store(tmp_path))
    assert published is not None
    assert published.parent == tmp_path / ".cache/kaoping/photos"
    assert source.read_bytes() == before  # the original stays as it is
    with Image.open(published) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        # orientation 6 turns the 4000×2000 photo upright (2000×4000), then 1600 wide
        assert image.size == (MAX_WIDTH, 3200)
    assert publish(source, digest, store(tmp_path)) == published  # the cached copy


def test_a_store_lists_its_copies_once(tmp_path: Path) -> None:
    """The copies in the cache are listed when the first is looked for: a copy the store
    made since is found, what the folder held then is used as it is (a regular file)."""
    first, second = tmp_path / "a.jpg", tmp_path / "b.jpg"
    _photo_with_gps(first, 800)
    _photo_with_gps(second, 900)
    kept = store(tmp_path)
    made = publish(first, sha256_file(first), kept)
    assert made is not None
    made.write_bytes(b"as the cache holds it")
    assert publish(first, sha256_file(first), kept) == made  # kept since the listing
    assert made.read_bytes() == b"as the cache holds it"
    other = publish(second, sha256_file(second), store(tmp_path))
    assert other is not None and other != made
    assert publish(second, sha256_file(second), store(tmp_path)) == other
    with Image.open(other) as image:
        assert image.format == "JPEG"


def test_unreadable_image_gets_a_placeholder(tmp_path: Path) -> None:
    source = tmp_path / "broken.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    published = publish(source, sha256_file(source), store(tmp_path))
    assert published is not None
    with Image.open(published) as image:
        assert image.format == "PNG"


def test_pdf_is_never_published(tmp_path: Path) -> None:
    """A PDF can open with JavaScript (/OpenAction): the site lists it, never serves it."""
    source = tmp_path / "notice.pdf"
    source.write_bytes(hostile.PDF_WITH_SCRIPT)
    assert publish(source, sha256_file(source), store(tmp_path)) is None


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("bomb.png", (12_000, 12_000)),  # above Pillow's own warning limit
        ("bomb.webp", (6_300, 6_300)),  # 39.7 MP: below the old 40 MP limit, above 24 MP
        ("wide.png", (24_001, 1_000)),  # just above 24 MP
    ],
)
def test_a_photo_above_24_megapixels_is_not_decoded(
    tmp_path: Path, name: str, size: tuple[int, int]
) -> None:
    """A small file declaring more than 24 MP gets the placeholder, never its pixels."""
    source = tmp_path / name
    hostile.write_declared(source, size)
    assert source.stat().st_size < 5 * 1024 * 1024
    assert size[0] * size[1] > MAX_PIXELS
    published = publish(source, sha256_file(source), store(tmp_path))
    assert published is not None
    with Image.open(published) as image:
        assert image.size == (320, 240)  # the placeholder


def test_a_photo_of_24_megapixels_is_published(tmp_path: Path) -> None:
    source = tmp_path / "large.png"
    hostile.write_declared(source, (6_000, 4_000))
    published = publish(source, sha256_file(source), store(tmp_path))
    assert published is not None
    with Image.open(published) as image:
        assert image.size == (MAX_WIDTH, 1067)


def test_photos_are_decoded_one_at_a_time(tmp_path: Path) -> None:
    """Twelve 24-megapixel photos (72 MB each decoded) in a process of 1 GiB of address
    space: only one decoded photo (and its resized copy) may be held at a time."""
    folder = tmp_path / "evidence"
    folder.mkdir()
    hostile.write_declared(folder / "p0.png", (6_000, 4_000))
    data = (folder / "p0.png").read_bytes()
    for number in range(1, 12):
        (folder / f"p{number}.png").write_bytes(data + bytes([number]))  # after IEND: ignored
    code = (
        "import sys; from pathlib import Path; from scoring.site.photos import *\n"
        "folder = Path(sys.argv[1]); kept = PhotoStore(folder.parent / 'records', folder.parent / 's')\n"
        "paths = [publish(p, sha256_file(p), kept) for p in sorted(folder.iterdir())]\n"
        "assert all(p is not None and not p.name.startswith('unreadable') for p in paths), paths\n"
        "print(len(set(paths)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=hostile.limit_memory,
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "12"


# ---------------------------------------------------------------- the cache as an attack


def test_a_link_in_the_cache_is_never_published(tmp_path: Path) -> None:
    """Whatever the cache holds at a name (a link to /etc/passwd, another photo), the
    build uses its own clean copy."""
    source = tmp_path / "shed.jpg"
    _photo_with_gps(source, 800)
    digest = sha256_file(source)
    photos = tmp_path / ".cache/kaoping/photos"
    photos.mkdir(parents=True)
    keyed = store(tmp_path).name(digest, ".jpg")
    (photos / f"{digest}-2.jpg").symlink_to("/etc/passwd")  # names a committer could guess
    (photos / f"{digest}-1.jpg").symlink_to("/etc/passwd")
    (photos / keyed).symlink_to("/etc/passwd")  # even at the keyed name: a link is no copy
    published = publish(source, digest, store(tmp_path))
    assert published == photos / keyed and not published.is_symlink()
    with Image.open(published) as image:
        assert image.format == "JPEG" and not image.getexif()
    assert (tmp_path / ".cache/kaoping/.gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_linked_cache_folder_is_not_used(tmp_path: Path) -> None:
    source = tmp_path / "shed.jpg"
    _photo_with_gps(source, 800)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / ".cache").symlink_to(outside)
    published = publish(source, sha256_file(source), store(tmp_path))
    assert published is not None and published.parent == tmp_path / "scratch"
    assert list(outside.iterdir()) == []


def test_without_a_key_copies_stay_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "no-home"
    home.write_text("a file where the cache home should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    source = tmp_path / "shed.jpg"
    _photo_with_gps(source, 800)
    published = publish(source, sha256_file(source), store(tmp_path))
    assert published is not None and published.parent == tmp_path / "scratch"
    assert not (tmp_path / ".cache").exists()
