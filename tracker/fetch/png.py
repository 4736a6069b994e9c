"""One PNG from PNG strips of the same width laid top to bottom (a full-page screenshot taken
in strips: see :mod:`tracker.fetch.browser`).

Pure: bytes in, bytes out. Each strip is decompressed a few hundred lines at a time (never the
whole page's pixels in memory) and its lines are compressed again into the one image's stream,
by ISA-L (the ``isal`` package: standard zlib streams, its inflate and deflate about 1.7 and
5 times as fast as zlib's here) or, where it is not installed, by :mod:`zlib` (see :data:`CODEC`).
A PNG scanline is filtered against the line above it; the first line of a strip was
filtered against nothing (a line of zeros), so it is unfiltered and written again with filter
type 0 (none), which depends on no other line. Every other line is kept as its strip filtered
it: the line above it is the same in the whole image. The ancillary chunks before the first
strip's image data (colour space, gamma, physical pixel size) are kept.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Channels of each colour type (greyscale, RGB, -, -, greyscale+alpha, RGBA); palettes
#: (type 3) are not expected from a browser and are refused.
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
#: Lines of a strip decompressed at a time (about 1 MB of pixels at 1,280 RGB pixels a line).
LINES_AT_ONCE = 256


class _Deflater(Protocol):
    def compress(self, data: bytes | memoryview, /) -> bytes: ...
    def flush(self) -> bytes: ...


class _Inflater(Protocol):
    @property
    def unconsumed_tail(self) -> bytes: ...
    @property
    def eof(self) -> bool: ...
    def decompress(self, data: bytes, /, max_length: int = ...) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Codec:
    """The deflate and inflate that join the strips (any that reads and writes zlib streams:
    the joined PNG decodes to the same pixels whichever did it)."""

    name: str
    deflater: Callable[[], _Deflater]
    inflater: Callable[[], _Inflater]
    #: what its inflate raises on broken data
    errors: tuple[type[Exception], ...]


def _zlib_codec() -> Codec:
    """zlib at level 1 (the fastest, as the browser's ``optimizeForSpeed``)."""
    return Codec("zlib", lambda: zlib.compressobj(1), zlib.decompressobj, (zlib.error,))


def _isal_codec() -> Codec | None:
    """ISA-L at level 2 (its default): on the bench page's 63 MB of lines (16,384 x 1,280
    pixels) the join took 0.055 instead of 0.21 s of CPU (inflate 0.051 instead of 0.086,
    deflate 0.03 instead of 0.15), the PNG 4.9 instead of 4.0 MB; on a page with a colour
    gradient behind it, 17.5 instead of 17.9 MB. Its level 0 was as fast and larger (5.7 MB),
    level 1 the same as 2, level 3 slower. None when the package is not installed."""
    try:
        from isal import isal_zlib
    except ImportError:
        return None
    error: type[Exception] = isal_zlib.error  # type: ignore[assignment]  # its stub says an instance
    return Codec(
        "isal", lambda: isal_zlib.compressobj(2), isal_zlib.decompressobj, (error, zlib.error)
    )


#: The codec that joins strips: ISA-L when installed (a dependency), else zlib.
CODEC: Codec = _isal_codec() or _zlib_codec()


class PngError(ValueError):
    """The strips are not PNGs that can be joined (broken, or of different kinds)."""


@dataclass(frozen=True, slots=True)
class _Strip:
    width: int
    height: int
    depth: int
    colour: int
    interlace: int
    #: ancillary chunks before the image data, as (type, data)
    extra: tuple[tuple[bytes, bytes], ...]
    data: bytes  # the zlib stream (the IDAT chunks' data, joined)

    @property
    def kind(self) -> tuple[int, int, int, int]:
        return (self.width, self.depth, self.colour, self.interlace)


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    if not png.startswith(SIGNATURE):
        raise PngError("not a PNG (no signature)")
    at = len(SIGNATURE)
    while at + 12 <= len(png):
        (length,) = struct.unpack_from(">I", png, at)
        kind = png[at + 4 : at + 8]
        end = at + 8 + length
        if end + 4 > len(png):
            raise PngError(f"PNG chunk {kind!r} runs past the end")
        data = png[at + 8 : end]
        (crc,) = struct.unpack_from(">I", png, end)
        if zlib.crc32(kind + data) != crc:
            raise PngError(f"PNG chunk {kind!r} fails its CRC")
        yield kind, data
        if kind == b"IEND":
            return
        at = end + 4
    raise PngError("PNG ends without IEND")


def _strip(png: bytes) -> _Strip:
    header: tuple[int, ...] | None = None
    extra: list[tuple[bytes, bytes]] = []
    data: list[bytes] = []
    for kind, body in _chunks(png):
        if kind == b"IHDR":
            if len(body) != 13:
                raise PngError(f"PNG header of {len(body)} bytes, not 13")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data.append(body)
        elif kind != b"IEND" and not data and kind[0:1].islower():  # ancillary, before the pixels
            extra.append((kind, body))
        elif kind[0:1].isupper() and kind not in (b"IEND",):
            raise PngError(f"PNG has a critical chunk {kind!r} that cannot be joined")
    if header is None or not data:
        raise PngError("PNG without header or image data")
    width, height, depth, colour, compression, filtering, interlace = header
    if compression != 0 or filtering != 0:
        raise PngError(f"PNG of compression method {compression}, filter method {filtering}")
    if colour not in CHANNELS or depth not in (8, 16) or interlace != 0:
        raise PngError(f"PNG of colour type {colour}, depth {depth}, interlace {interlace}")
    return _Strip(width, height, depth, colour, interlace, tuple(extra), b"".join(data))


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, from its header (the first chunk). Raises PngError."""
    if not png.startswith(SIGNATURE) or png[12:16] != b"IHDR" or len(png) < 24:
        raise PngError("not a PNG with a header")
    width, height = struct.unpack_from(">II", png, 16)
    return width, height


def _unfilter_first_line(line: bytes, pixel_bytes: int) -> bytes:
    """The first line of an image (the line above it: zeros), unfiltered, as filter type 0."""
    kind, data = line[0], bytearray(line[1:])
    if kind in (0, 2):  # none; up (against zeros: itself)
        pass
    elif kind in (1, 4):  # sub; paeth (against a line of zeros it picks the left byte: sub)
        for i in range(pixel_bytes, len(data)):
            data[i] = (data[i] + data[i - pixel_bytes]) & 0xFF
    elif kind == 3:  # average of left and (zero) above
        for i in range(pixel_bytes, len(data)):
            data[i] = (data[i] + (data[i - pixel_bytes] >> 1)) & 0xFF
    else:
        raise PngError(f"PNG line with unknown filter type {kind}")
    return b"\x00" + bytes(data)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class PngJoiner:
    """Lays PNG strips (same width, depth and colour type, not interlaced) top to bottom,
    one :meth:`add` at a time; :meth:`finish` returns the one PNG. Only a few hundred lines
    of pixels are in memory at a time (in :meth:`add`), and the joined image's compressed
    data. One
    strip alone comes back as it was given. Raises :class:`PngError`."""

    def __init__(self, codec: Codec | None = None) -> None:
        self._codec = codec or CODEC
        self._first: _Strip | None = None
        self._first_png = b""
        self._height = 0
        self._compressor = self._codec.deflater()
        self._data: list[bytes] = []
        self.strips = 0

    def add(self, png: bytes) -> None:
        strip = _strip(png)
        if self._first is None:
            self._first, self._first_png = strip, png
        elif strip.kind != self._first.kind:
            raise PngError("PNG strips of different widths or kinds")
        elif self.strips == 1:  # a second strip: the first one's lines go in first
            self._first_png = b""
            self._compress(self._first, first=True)
            self._first = replace(self._first, data=b"")
        if self.strips >= 1:
            self._compress(strip, first=False)
        self._height += strip.height
        self.strips += 1

    def _compress(self, strip: _Strip, *, first: bool) -> None:
        """Decompress ``strip``'s lines a piece at a time and compress them into the image's
        stream (its first line made independent of the line above, unless it is the first
        strip)."""
        pixel_bytes = CHANNELS[strip.colour] * strip.depth // 8
        stride = 1 + strip.width * pixel_bytes
        inflater = self._codec.inflater()
        pending, total, fix = strip.data, 0, not first
        try:
            while lines := inflater.decompress(pending, stride * LINES_AT_ONCE):
                pending = inflater.unconsumed_tail
                total += len(lines)
                if fix and len(lines) >= stride:
                    line = _unfilter_first_line(lines[:stride], pixel_bytes)
                    self._data.append(self._compressor.compress(line))
                    self._data.append(self._compressor.compress(memoryview(lines)[stride:]))
                    fix = False
                else:
                    self._data.append(self._compressor.compress(lines))
        except self._codec.errors as exc:
            raise PngError(f"PNG image data does not decompress: {exc}") from None
        if not inflater.eof or total != stride * strip.height or fix:
            raise PngError("PNG image data is not its header's size")

    def finish(self) -> bytes:
        """The joined PNG (the strip itself when there was one)."""
        first = self._first
        if first is None:
            raise PngError("no strips to join")
        if self.strips == 1:
            return self._first_png
        self._data.append(self._compressor.flush())
        header = struct.pack(
            ">IIBBBBB", first.width, self._height, first.depth, first.colour, 0, 0, 0
        )
        out = bytearray(SIGNATURE)
        out += _chunk(b"IHDR", header)
        for kind, body in first.extra:
            out += _chunk(kind, body)
        for piece in self._data:
            if piece:
                out += _chunk(b"IDAT", piece)
        self._data = []
        out += _chunk(b"IEND", b"")
        return bytes(out)


def join_vertically(strips: Iterable[bytes], codec: Codec | None = None) -> bytes:
    """One PNG: ``strips`` laid top to bottom (see :class:`PngJoiner`)."""
    joiner = PngJoiner(codec)
    for png in strips:
        joiner.add(png)
    return joiner.finish()
