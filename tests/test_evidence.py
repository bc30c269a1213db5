"""Adding evidence photos (``kaoping evidence add``): phone photos in, safe JPEGs out.

Real photos made here with Pillow (JPEG with EXIF orientation, capture time, GPS and
camera; PNG; WebP) and a real iPhone-style HEIC committed in ``tests/photos/`` (see its
README): each is turned upright, scaled within 4096 px and 24 megapixels, saved as a
JPEG of at most 5 MiB whose only metadata is the capture time, under a name that never
replaces a file. A closed month and a decompression bomb are refused.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import hostile
import numpy as np
import pytest
from conftest import BASE, validate
from PIL import ExifTags, Image

from scoring.evidence import MAX_SIDE, fitted, safe_name, stems
from scoring.records import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PIXELS

KAOPING = Path(sys.executable).parent / "kaoping"
PHOTOS = Path(__file__).parent / "photos"
REPO = Path(__file__).resolve().parent.parent
TAKEN = "2026:11:12 09:30:15"
RED, BLUE = (200, 30, 30), (30, 30, 200)


def run(*args: str, root: Path, memory: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KAOPING), *args, "--records", str(root), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=root.parent,
        timeout=120,
        preexec_fn=hostile.limit_memory if memory else None,
    )


def _exif(orientation: int | None = None, taken: str | None = TAKEN) -> Image.Exif:
    """What a phone writes: camera, owner, GPS position, capture time, orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HUAWEI"
    exif[ExifTags.Base.Model] = "Inspector's phone"
    exif[ExifTags.Base.Artist] = "王芳"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if taken is not None:
        details = exif.get_ifd(ExifTags.IFD.Exif)
        details[ExifTags.Base.DateTimeOriginal] = taken
        details[ExifTags.Base.OffsetTimeOriginal] = "+08:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2], gps[3], gps[4] = "N", (24.0, 19.0, 35.0), "E", (109.0, 25.0, 6.0)
    return exif


def banded(size: tuple[int, int]) -> Image.Image:
    """Red with a blue band along the stored left edge (to see which way it was turned)."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (0, 0, size[0] // 4, size[1]))
    return image


def metadata(path: Path) -> dict[str, Any]:
    with Image.open(path) as image:
        exif = image.getexif()
        return {
            "format": image.format,
            "size": image.size,
            "base": dict(exif.items()),
            "details": dict(exif.get_ifd(ExifTags.IFD.Exif)),
            "gps": dict(exif.get_ifd(ExifTags.IFD.GPSInfo)),
            "icc": image.info.get("icc_profile"),
        }


def evidence_files(root: Path, month: str = "2026-11") -> list[str]:
    folder = root / month / "evidence"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_clean(path: Path, taken: str | None = TAKEN) -> dict[str, Any]:
    """A JPEG within the limits whose only metadata is the capture time."""
    found = metadata(path)
    assert found["format"] == "JPEG"
    assert path.stat().st_size <= EVIDENCE_MAX_BYTES
    width, height = found["size"]
    assert max(width, height) <= MAX_SIDE and width * height <= EVIDENCE_MAX_PIXELS
    assert found["gps"] == {} and found["icc"] is None
    assert set(found["base"]) <= {ExifTags.IFD.Exif}  # no camera, owner, orientation
    expected = {} if taken is None else {ExifTags.Base.DateTimeOriginal: taken}
    assert {k: v for k, v in found["details"].items() if k != ExifTags.Base.OffsetTimeOriginal} == (
        expected
    )
    return found


# ---------------------------------------------------------------- names and sizes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("IMG_1234", "img_1234"),
        ("IMG 1234 (2)", "img-1234-2"),
        ("单车棚 东侧", "单车棚-东侧"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "photo"),
        ("：：", "photo"),
        ("Ｆｉｒｅ　Lane", "fire-lane"),  # full-width letters and space
        ("a" * 100, "a" * 60),
        ("<script>alert(1)</script>", "script-alert-1-script"),
    ],
)
def test_safe_name(text: str, name: str) -> None:
    assert safe_name(text) == name


def test_stems() -> None:
    photos = [Path("IMG_1.HEIC"), Path("IMG_2.jpg")]
    assert stems(photos, None) == ["img_1", "img_2"]
    assert stems(photos, "单车棚") == ["单车棚-1", "单车棚-2"]
    assert stems(photos[:1], "bike-shed.jpg") == ["bike-shed"]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((4032, 3024), (4032, 3024)),  # a 12 MP phone photo stays as it is
        ((8064, 6048), (4096, 3072)),  # 48 MP: the long side decides
        ((3024, 4032), (3024, 4032)),
        ((4096, 4096), (4096, 4096)),
        ((12000, 1000), (4096, 341)),
        ((1000, 800), (1000, 800)),
    ],
)
def test_fitted(size: tuple[int, int], expected: tuple[int, int]) -> None:
    assert fitted(*size) == expected


# ---------------------------------------------------------------- photos as phones make them


def test_a_14_megabyte_phone_photo_goes_through(make_records, tmp_path: Path) -> None:
    """16 MP of camera noise at quality 97, stored sideways: 14 MB that validation would
    refuse; added upright, 4096 × 3072 turned, under 5 MiB, only its capture time kept."""
    rng = np.random.default_rng(16)
    gradient = np.linspace(0, 255, 4608, dtype=np.float32)[None, :, None]
    pixels = np.clip(gradient + rng.normal(0, 48, (3456, 4608, 3)), 0, 255).astype(np.uint8)
    source = tmp_path / "IMG_20261112_093015.jpg"
    Image.fromarray(pixels).save(source, quality=97, exif=_exif(orientation=6))
    assert source.stat().st_size > 14_000_000
    root = make_records()
    done = run("evidence", "add", "2026-11", str(source), root=root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(
        r"records/2026-11/evidence/img_20261112_093015\.jpg：由 IMG_20261112_093015\.jpg 转换，"
        r"3072×4096 像素，[0-9.]+ MB，拍摄于 2026-11-12 09:30:15",
        lines[0],
    ), lines[0]
    assert lines[1] == "请在记录中写上：evidence: [img_20261112_093015.jpg]"
    found = assert_clean(root / "2026-11/evidence/img_20261112_093015.jpg")
    assert found["size"] == (3072, 4096)
    assert found["details"][ExifTags.Base.OffsetTimeOriginal] == "+08:00"


def test_orientation_is_applied(make_records, tmp_path: Path) -> None:
    """Orientation 6 (the camera held upright): the stored left edge becomes the top."""
    source = tmp_path / "sideways.jpg"
    banded((400, 300)).save(source, quality=95, exif=_exif(orientation=6))
    root = make_records()
    assert run("evidence", "add", "2026-11", str(source), root=root).returncode == 0
    with Image.open(root / "2026-11/evidence/sideways.jpg") as image:
        assert image.size == (300, 400)
        assert _near(image.getpixel((150, 20)), BLUE)  # the band is now along the top
        assert _near(image.getpixel((150, 380)), RED)


def _near(found: Any, expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(found, expected, strict=True))


def test_an_iphone_heic_photo(make_records) -> None:
    """tests/photos/phone.heic: HEVC in HEIF, with camera, GPS and capture time."""
    root = make_records()
    done = run("evidence", "add", "2026-11", str(PHOTOS / "phone.heic"), root=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "records/2026-11/evidence/phone.jpg：由 phone.heic 转换，64×48 像素，1 KB，"
        "拍摄于 2026-11-12 09:30:15",
        "请在记录中写上：evidence: [phone.jpg]",
    ]
    target = root / "2026-11/evidence/phone.jpg"
    found = assert_clean(target)
    assert found["details"][ExifTags.Base.OffsetTimeOriginal] == "+08:00"
    with Image.open(target) as image:
        assert _near(image.getpixel((4, 24)), BLUE) and _near(image.getpixel((50, 24)), RED)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp(make_records, tmp_path: Path, image_format: str) -> None:
    source = tmp_path / f"screenshot.{image_format.lower()}"
    image = banded((320, 200)).convert("RGBA")
    image.paste((0, 0, 0, 0), (260, 60, 320, 140))  # transparent: laid on white
    image.save(
        source,
        format=image_format,
        exif=_exif(),
        **({"lossless": True} if image_format == "WEBP" else {}),
    )
    root = make_records()
    done = run("evidence", "add", "2026-11", str(source), "--name", "截图", root=root)
    assert done.returncode == 0, done.stderr
    found = assert_clean(root / "2026-11/evidence/截图.jpg")
    assert found["size"] == (320, 200)
    with Image.open(root / "2026-11/evidence/截图.jpg") as added:
        assert _near(added.getpixel((290, 100)), (255, 255, 255))


def test_a_multi_picture_jpeg(make_records, tmp_path: Path) -> None:
    """MPO, as many phones save a JPEG (a second, smaller picture after the first)."""
    source = tmp_path / "IMG_0002.JPG"
    first, second = banded((800, 600)), banded((200, 150))
    first.save(
        source, format="MPO", save_all=True, append_images=[second], exif=_exif(orientation=6)
    )
    with Image.open(source) as opened:
        assert opened.format == "MPO"
    root = make_records()
    assert run("evidence", "add", "2026-11", str(source), root=root).returncode == 0
    assert assert_clean(root / "2026-11/evidence/img_0002.jpg")["size"] == (600, 800)


def test_a_48_megapixel_photo_is_scaled_down(make_records, tmp_path: Path) -> None:
    """Above 24 MP (an iPhone's 48 MP mode): scaled to 4096 × 3072 as it is added."""
    source = tmp_path / "IMG_0001.JPG"
    Image.new("RGB", (8064, 6048), (90, 140, 200)).save(source, quality=90, exif=_exif())
    root = make_records()
    done = run("evidence", "add", "2026-11", str(source), root=root, memory=True)
    assert done.returncode == 0, done.stderr
    assert assert_clean(root / "2026-11/evidence/img_0001.jpg")["size"] == (4096, 3072)


def test_a_photo_without_capture_time(make_records, tmp_path: Path) -> None:
    source = tmp_path / "scan.png"
    banded((100, 80)).save(source)
    root = make_records()
    done = run("evidence", "add", "2026-11", str(source), root=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith("，照片未记录拍摄时间")
    assert_clean(root / "2026-11/evidence/scan.jpg", taken=None)


def test_added_photos_pass_validation(make_records, tmp_path: Path) -> None:
    source = tmp_path / "courtyard.jpg"
    banded((640, 480)).save(source, exif=_exif(orientation=8))
    inspection = {
        "date": "2026-11-12",
        "inspectors": ["wang", "li"],
        "location": "机关大院",
        "findings": [
            {"id": "F1", "department": "admin", "description": "单车棚堆放杂物",
             "evidence": ["courtyard.jpg"], "deduction": 0.5},
        ],
    }  # fmt: skip
    root = make_records({"2026-11/inspections/2026-11-12-courtyard.yaml": inspection})
    before = [p.code for p in validate(root).problems]
    assert "missing-evidence" in before
    assert run("evidence", "add", "2026-11", str(source), root=root).returncode == 0
    assert [p.code for p in validate(root).problems if "evidence" in p.code] == []


# ---------------------------------------------------------------- names never replace files


def test_a_taken_name_gets_a_number(make_records, tmp_path: Path) -> None:
    source = tmp_path / "shed.jpg"
    banded((64, 48)).save(source)
    root = make_records({"2026-11/evidence/Shed.JPG": b"mine"})
    first = run("evidence", "add", "2026-11", str(source), root=root)
    second = run("evidence", "add", "2026-11", str(source), root=root)
    assert first.returncode == second.returncode == 0
    assert evidence_files(root) == ["Shed.JPG", "shed-2.jpg", "shed-3.jpg"]
    assert (root / "2026-11/evidence/Shed.JPG").read_bytes() == b"mine"
    assert second.stdout.splitlines()[-1] == "请在记录中写上：evidence: [shed-3.jpg]"


def test_several_photos_under_one_name(make_records, tmp_path: Path) -> None:
    sources = []
    for number in range(3):
        source = tmp_path / f"IMG_{number}.jpg"
        banded((64, 48)).save(source)
        sources.append(str(source))
    root = make_records()
    done = run("evidence", "add", "2026-11", *sources, "--name", "fire lane", root=root)
    assert done.returncode == 0, done.stderr
    assert evidence_files(root) == ["fire-lane-1.jpg", "fire-lane-2.jpg", "fire-lane-3.jpg"]
    assert done.stdout.splitlines()[-1] == (
        "请在记录中写上：evidence: [fire-lane-1.jpg, fire-lane-2.jpg, fire-lane-3.jpg]"
    )


# ---------------------------------------------------------------- refused


def _english(root: Path) -> None:
    org = dict(BASE["org.yaml"], language="en")
    (root / "org.yaml").write_text(__import__("yaml").safe_dump(org, allow_unicode=True), "utf-8")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh", "records/2026-11：该月已归档，不能再添加照片"),
        ("en", "records/2026-11: the month is closed; no photo can be added to it"),
    ],
)
def test_a_closed_month_is_refused(
    make_records, tmp_path: Path, language: str, message: str
) -> None:
    closed = dict(BASE["2026-11/month.yaml"], status="closed", closed="2026-12-20")
    root = make_records({"2026-11/month.yaml": closed})
    if language == "en":
        _english(root)
    source = tmp_path / "late.jpg"
    banded((64, 48)).save(source)
    done = run("evidence", "add", "2026-11", str(source), root=root)
    assert done.returncode == 1
    assert done.stderr.strip() == message
    assert evidence_files(root) == []


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh", "records/2027-01：该月尚未建立（没有 month.yaml），请先运行 kaoping new-month"),
        (
            "en",
            "records/2027-01: the month has no month.yaml yet: create it first with kaoping new-month",
        ),
    ],
)
def test_a_month_not_created_is_refused(
    make_records, tmp_path: Path, language: str, message: str
) -> None:
    root = make_records()
    if language == "en":
        _english(root)
    source = tmp_path / "early.jpg"
    banded((64, 48)).save(source)
    done = run("evidence", "add", "2027-01", str(source), root=root)
    assert (done.returncode, done.stderr.strip()) == (1, message)
    assert not (root / "2027-01").exists()


def test_a_decompression_bomb_is_refused_before_decoding(make_records, tmp_path: Path) -> None:
    """400 megapixels in a few kilobytes: refused from its header, under 1 GiB of memory."""
    bomb = tmp_path / "bomb.png"
    hostile.write_declared(bomb, (20_000, 20_000))
    assert bomb.stat().st_size < 1024 * 1024
    good = tmp_path / "good.jpg"
    banded((64, 48)).save(good)
    root = make_records()
    done = run("evidence", "add", "2026-11", str(bomb), str(good), root=root, memory=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"{bomb}: 照片声明 20000×20000 像素（400 百万像素），超过 200 百万像素，不予解码"
    )
    assert evidence_files(root) == ["good.jpg"]  # the other photo is added all the same


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        (
            b"not a photo at all",
            "不是可以读取的照片（可用格式：JPEG, PNG, WebP, HEIC）",
            "not a photo that can be read (formats: JPEG, PNG, WebP, HEIC)",
        ),
        (
            None,  # a JPEG cut short
            "照片已损坏，无法读取",
            "the photo is damaged and cannot be read",
        ),
    ],
)
def test_an_unreadable_photo_is_refused(
    make_records, tmp_path: Path, content: bytes | None, zh: str, en: str
) -> None:
    source = tmp_path / "broken.jpg"
    if content is None:
        banded((640, 480)).save(source, quality=95)
        source.write_bytes(source.read_bytes()[:4000])
    else:
        source.write_bytes(content)
    root = make_records()
    done = run("evidence", "add", "2026-11", str(source), root=root)
    assert (done.returncode, done.stderr.strip()) == (1, f"{source}: {zh}")
    _english(root)
    done = run("evidence", "add", "2026-11", str(source), root=root)
    assert (done.returncode, done.stderr.strip()) == (1, f"{source}: {en}")
    assert evidence_files(root) == []


def test_english_lines(make_records, tmp_path: Path) -> None:
    root = make_records()
    _english(root)
    done = run(
        "evidence", "add", "2026-11", str(PHOTOS / "phone.heic"), "--name", "shed", root=root
    )
    assert done.stdout.splitlines() == [
        "records/2026-11/evidence/shed.jpg: from phone.heic, 64×48 pixels, 1 KB, "
        "taken 2026-11-12 09:30:15",
        "name them in the record: evidence: [shed.jpg]",
    ]


@pytest.mark.parametrize("args", [["2026-13", "x.jpg"], ["2026-11"], ["2026-11", "missing.jpg"]])
def test_usage_errors(make_records, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "x.jpg").write_bytes(b"")
    root = make_records()
    assert (
        run(
            "evidence", "add", *[a if a != "x.jpg" else str(tmp_path / a) for a in args], root=root
        ).returncode
        == 2
    )


def test_help_states_the_limits(tmp_path: Path) -> None:
    """In English outside any records (a C locale), in Chinese for a zh organisation."""
    english = subprocess.run(
        [str(KAOPING), "evidence", "add", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": ""},
    )
    text = " ".join(english.stdout.split())
    assert f"{MAX_SIDE} pixels" in text and "24 megapixels" in text and "5 MiB" in text
    chinese = subprocess.run(
        [str(KAOPING), "evidence", "add", "--help"], capture_output=True, text=True, cwd=REPO
    )
    text = "".join(chinese.stdout.split())
    assert f"{MAX_SIDE}像素" in text and "2400万" in text and "5MiB" in text
    assert EVIDENCE_MAX_PIXELS == 24_000_000 and EVIDENCE_MAX_BYTES == 5 * 1024 * 1024
    assert os.path.exists(PHOTOS / "README.md")
