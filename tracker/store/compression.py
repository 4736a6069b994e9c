"""How a blob's bytes are compressed (:mod:`tracker.store.blobs` stores them): imports no
database library, so the extraction pool's processes compress a page's blobs without loading
SQLAlchemy (see :mod:`tracker.run.extraction_pool`)."""

from __future__ import annotations

import zstandard

COMPRESSION = "zstd"
#: Measured on the scale bench's pages (docs/PERFORMANCE.md, sixteenth round): a raw page
#: and its text cost 1.1 ms of CPU at level 4 for 6.06x and 2.97x, against 4.6 ms at level 10
#: for 6.69x and 3.19x (10% more bytes stored, the database still 0.26x the pages fetched);
#: the first night is CPU-bound on two cores, so the CPU counts more than the bytes. From 5 on
#: each level costs about 0.5 ms more a page for 1-4% fewer bytes.
ZSTD_LEVEL = 4
#: The level for bytes compressed already, such as a screenshot's PNG (deflate inside): on
#: the browser bench's 4.87 MB PNG, level 10 took 198 ms of CPU for 3.87 MB (and about 28 MB
#: of the tracker's memory for its tables while it ran), level 3 35 ms for 4.25 MB (9 MB),
#: level 1 11 ms for 4.54 MB.
PACKED_ZSTD_LEVEL = 3


def compress(data: bytes, level: int = ZSTD_LEVEL) -> bytes:
    """``data`` as a blob stores it (:data:`COMPRESSION`, at zstd's ``level``)."""
    return zstandard.compress(data, level)
