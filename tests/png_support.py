"""A small PNG encoder and decoder for the tests (8-bit greyscale, RGB or RGBA, every filter
type): independent of :mod:`tracker.fetch.png`, to check what it joins pixel by pixel."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 6: 4}


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter(kind: int, line: bytes, above: bytes, bpp: int) -> bytes:
    out = bytearray(len(line))
    for i, value in enumerate(line):
        a = line[i - bpp] if i >= bpp else 0
        b = above[i]
        c = above[i - bpp] if i >= bpp else 0
        predictor = (0, a, b, (a + b) >> 1, _paeth(a, b, c))[kind]
        out[i] = (value - predictor) & 0xFF
    return bytes([kind]) + bytes(out)


def encode(
    lines: Sequence[bytes],
    width: int,
    *,
    colour: int = 2,
    filters: Sequence[int] | None = None,
    extra: Sequence[tuple[bytes, bytes]] = (),
    idat_pieces: int = 1,
) -> bytes:
    """A PNG of ``lines`` (raw pixels, one bytes per line), each line filtered with the
    filter type given for it (default: cycling through all five)."""
    bpp = CHANNELS[colour]
    filtered = bytearray()
    above = bytes(width * bpp)
    for index, line in enumerate(lines):
        assert len(line) == width * bpp
        kind = filters[index] if filters is not None else index % 5
        filtered += _filter(kind, line, above, bpp)
        above = line
    data = zlib.compress(bytes(filtered))
    step = -(-len(data) // idat_pieces)
    header = struct.pack(">IIBBBBB", width, len(lines), 8, colour, 0, 0, 0)
    parts = [SIGNATURE, chunk(b"IHDR", header)]
    parts += [chunk(kind, body) for kind, body in extra]
    parts += [chunk(b"IDAT", data[at : at + step]) for at in range(0, len(data), step)]
    return b"".join([*parts, chunk(b"IEND", b"")])


def read_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png.startswith(SIGNATURE)
    at, found = len(SIGNATURE), []
    while at < len(png):
        (length,) = struct.unpack_from(">I", png, at)
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        assert struct.unpack_from(">I", png, at + 8 + length)[0] == zlib.crc32(kind + data)
        found.append((kind, data))
        at += 12 + length
    return found


def _add_bytes(x: bytes, y: bytes) -> bytes:
    """Byte by byte (x + y) mod 256 of two equal-length strings, as big integers."""
    n = len(x)
    high = int.from_bytes(b"\x80" * n, "big")
    low = int.from_bytes(b"\x7f" * n, "big")
    a, b = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    return (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big")


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, raw lines) of an 8-bit, non-interlaced PNG; lines filtered ``none`` or
    ``up`` (what Chromium writes) are unfiltered fast, the others byte by byte."""
    chunks = read_chunks(png)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert chunks[0][0] == b"IHDR" and depth == 8 and interlace == 0
    bpp = CHANNELS[colour]
    data = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = 1 + width * bpp
    assert len(data) == stride * height
    lines: list[bytes] = []
    above = bytes(width * bpp)
    for row in range(height):
        kind, line = data[row * stride], data[row * stride + 1 : (row + 1) * stride]
        if kind == 0:
            raw = line
        elif kind == 2:
            raw = _add_bytes(line, above)
        else:
            out = bytearray(len(line))
            for i, value in enumerate(line):
                a = out[i - bpp] if i >= bpp else 0
                b = above[i]
                c = above[i - bpp] if i >= bpp else 0
                predictor = (0, a, b, (a + b) >> 1, _paeth(a, b, c))[kind]
                out[i] = (value + predictor) & 0xFF
            raw = bytes(out)
        lines.append(raw)
        above = raw
    return width, height, lines
