"""A look at a ZIP's central directory before anything is inflated.

python-docx parses XML with `huge_tree=True`, so a DOCX is judged by its directory first: how many
entries, how big once inflated, and how hard it compresses. Real Word files have tens of entries
and ratios around 5-20; a decompression bomb has ratios near 1000 or overlapping entries.
"""

import zipfile
from typing import BinaryIO

from ..errors import DocumentError

MAX_ENTRIES = 1000
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024
MAX_ENTRY_UNCOMPRESSED = 100 * 1024 * 1024
# Ratios are only suspicious for entries big enough to hurt; a tiny repetitive XML part can
# compress 200:1 legitimately.
RATIO_CHECK_MIN_BYTES = 2 * 1024 * 1024
MAX_RATIO = 150


def _bomb(reason: str) -> DocumentError:
    return DocumentError("archive_bomb", f"The file was refused before reading it: {reason}.")


def inspect_zip(source: BinaryIO | str) -> list[str]:
    """Return the entry names of a sane ZIP, or raise `archive_bomb` / `truncated_file`."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            archive_size = _archive_size(archive)
    except zipfile.BadZipFile as exc:
        raise DocumentError(
            "truncated_file", "The file looks like a ZIP/DOCX but its directory is missing or damaged."
        ) from exc
    if len(infos) > MAX_ENTRIES:
        raise _bomb(f"{len(infos)} entries in the archive (at most {MAX_ENTRIES})")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _bomb(f"it would inflate to {total // (1024 * 1024)} MB")
    if archive_size and sum(info.compress_size for info in infos) > archive_size:
        raise _bomb("entries overlap each other, a known zip-bomb construction")
    for info in infos:
        if info.file_size > MAX_ENTRY_UNCOMPRESSED:
            raise _bomb(f"entry {info.filename!r} would inflate to {info.file_size // (1024 * 1024)} MB")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_MIN_BYTES and ratio > MAX_RATIO:
            raise _bomb(f"entry {info.filename!r} compresses {ratio:.0f}:1")
    return [info.filename for info in infos]


def _archive_size(archive: zipfile.ZipFile) -> int:
    handle = archive.fp
    if handle is None:
        return 0
    position = handle.tell()
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(position)
    return size
