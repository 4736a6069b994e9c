"""Joining PNG strips into one image (tracker.fetch.png), checked pixel by pixel with the
tests' own encoder and decoder, with each codec the join may use (ISA-L, and zlib where ISA-L
is not installed)."""

from __future__ import annotations

import random
import subprocess
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.png_support import SIGNATURE, chunk, decode, encode, read_chunks
from tracker.fetch import png
from tracker.fetch.png import Codec, PngError, PngJoiner

CODECS = {"isal": png._isal_codec(), "zlib": png._zlib_codec()}


@pytest.fixture(params=sorted(CODECS), autouse=True)
def codec(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Codec]:
    """Every test runs once with each codec (the module's default set to it)."""
    chosen = CODECS[request.param]
    assert chosen is not None, "isal is a dependency: pip install -e ."
    monkeypatch.setattr(png, "CODEC", chosen)
    yield chosen


def join_vertically(strips: Iterable[bytes]) -> bytes:
    return png.join_vertically(strips)


def lines_of(width: int, height: int, seed: int, bpp: int = 3) -> list[bytes]:
    """Lines that exercise every filter: noise, flat runs, and runs equal to the line above."""
    rng = random.Random(seed)
    lines: list[bytes] = []
    for row in range(height):
        if row % 3 == 2 and lines:
            lines.append(lines[-1])
        elif row % 3 == 1:
            lines.append(bytes([rng.randrange(256)] * bpp) * width)
        else:
            lines.append(bytes(rng.randrange(256) for _ in range(width * bpp)))
    return lines


@pytest.mark.parametrize("first_filter", [0, 1, 2, 3, 4])
def test_strips_join_to_the_image_of_all_their_lines(first_filter: int) -> None:
    """Whatever filter a strip's first line has (each was filtered against a line of zeros),
    the joined image decodes to the strips' lines in order."""
    width = 7
    strips = [lines_of(width, height, seed) for seed, height in enumerate((5, 1, 9, 4))]
    pngs = [
        encode(lines, width, filters=[first_filter] + [(i % 5) for i in range(1, len(lines))])
        for lines in strips
    ]
    joined = join_vertically(pngs)
    got_width, got_height, got = decode(joined)
    expected = [line for lines in strips for line in lines]
    assert (got_width, got_height) == (width, len(expected))
    assert got == expected


def test_strips_decompressed_a_few_lines_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(png, "LINES_AT_ONCE", 2)
    strips = [lines_of(6, height, seed) for seed, height in enumerate((7, 2, 5))]
    joined = join_vertically([encode(lines, 6) for lines in strips])
    assert decode(joined)[2] == [line for lines in strips for line in lines]


def test_rgba_strips_and_image_data_split_over_chunks() -> None:
    width = 5
    strips = [lines_of(width, 6, seed, bpp=4) for seed in range(3)]
    pngs = [encode(lines, width, colour=6, idat_pieces=3) for lines in strips]
    assert decode(join_vertically(pngs))[2] == [line for lines in strips for line in lines]


def test_one_strip_comes_back_as_it_was() -> None:
    png = encode(lines_of(4, 3, 1), 4)
    assert join_vertically([png]) == png


def test_the_first_strips_colour_chunks_are_kept() -> None:
    srgb = (b"sRGB", b"\x00")
    pngs = [encode(lines_of(3, 2, seed), 3, extra=[srgb]) for seed in range(2)]
    kinds = [kind for kind, _ in read_chunks(join_vertically(pngs))]
    assert kinds[:3] == [b"IHDR", b"sRGB", b"IDAT"] and kinds[-1] == b"IEND"
    assert kinds.count(b"sRGB") == 1


def test_strips_that_cannot_be_joined_are_refused() -> None:
    narrow, wide = encode(lines_of(3, 2, 1), 3), encode(lines_of(4, 2, 2), 4)
    with pytest.raises(PngError, match="widths"):
        join_vertically([narrow, wide])
    broken = bytearray(narrow)
    broken[-20] ^= 0xFF  # inside the image data: its CRC fails
    with pytest.raises(PngError, match="CRC"):
        join_vertically([narrow, bytes(broken)])
    with pytest.raises(PngError, match="not a PNG"):
        join_vertically([narrow, b"GIF89a"])
    short = read_chunks(narrow)
    header = short[0][1][:4] + (3).to_bytes(4, "big") + short[0][1][8:]  # says 3 lines, has 2
    lying = SIGNATURE + b"".join(
        chunk(kind, header if kind == b"IHDR" else body) for kind, body in short
    )
    with pytest.raises(PngError, match="header's size"):
        join_vertically([narrow, lying])
    with pytest.raises(PngError, match="no strips"):
        PngJoiner().finish()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda header: header[:12], "header of 12 bytes"),
        (lambda header: header[:10] + b"\x01" + header[11:], "compression method 1"),
        (lambda header: header[:11] + b"\x01" + header[12:], "filter method 1"),
    ],
)
def test_a_malformed_header_is_a_png_error(change: object, message: str) -> None:
    strip = encode(lines_of(3, 2, 1), 3)
    chunks = read_chunks(strip)
    bad = SIGNATURE + b"".join(
        chunk(kind, change(body) if kind == b"IHDR" else body)  # type: ignore[operator]
        for kind, body in chunks
    )
    with pytest.raises(PngError, match=message):
        join_vertically([strip, bad])


def test_broken_image_data_is_a_png_error_whatever_the_codec() -> None:
    """Image data that does not inflate (its chunk's CRC right) is a PngError, not the
    codec's own exception."""
    good = encode(lines_of(3, 2, 1), 3)
    chunks = read_chunks(good)
    broken = [(k, (b[:2] + bytes(len(b) - 2)) if k == b"IDAT" else b) for k, b in chunks]
    bad = SIGNATURE + b"".join(chunk(kind, body) for kind, body in broken)
    with pytest.raises(PngError, match="does not decompress"):
        join_vertically([good, bad])


def test_the_codecs_join_to_the_same_lines(codec: Codec) -> None:
    """Whichever codec joins them (the PNG's bytes may differ), the image data inflates to the
    same filtered lines, so the same pixels."""
    strips = [encode(lines_of(9, height, seed), 9) for seed, height in enumerate((6, 3, 8))]
    joined = {name: png.join_vertically(strips, other) for name, other in CODECS.items()}
    data = {
        name: zlib.decompress(b"".join(b for k, b in read_chunks(out) if k == b"IDAT"))
        for name, out in joined.items()
    }
    assert data["isal"] == data["zlib"]
    assert decode(joined["isal"]) == decode(joined["zlib"])


def test_zlib_joins_where_isal_is_missing() -> None:
    """Without the isal package the module falls back to zlib, and still joins: checked in a
    fresh interpreter where ``import isal`` fails (reloading the module here would swap the
    classes the other tests hold)."""
    script = (
        "import sys; sys.modules['isal'] = None\n"
        "from tests.png_support import decode, encode\n"
        "from tracker.fetch import png\n"
        "assert png.CODEC.name == 'zlib', png.CODEC.name\n"
        "lines = [bytes([y % 251] * 12) for y in range(40)]\n"
        "joiner = png.PngJoiner()\n"
        "joiner.add(encode(lines[:25], 4)); joiner.add(encode(lines[25:], 4))\n"
        "assert decode(joiner.finish()) == decode(encode(lines, 4))\n"
        "print(png.CODEC.name)\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "zlib"


def test_a_pngs_size_is_read_from_its_header() -> None:
    assert png.png_size(encode(lines_of(7, 5, 2), 7)) == (7, 5)
    for broken in (b"", b"GIF89a" + bytes(30), SIGNATURE + chunk(b"IEND", b"")):
        with pytest.raises(PngError):
            png.png_size(broken)
