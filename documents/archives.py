"""Word (.docx) and Excel (.xlsx) files are ZIP archives, and a small one can unpack to gigabytes (a
decompression bomb) or declare XML entities that expand (a "billion laughs"). Every reader of them checks
the archive here first, from its directory and the first bytes of its XML parts only, so a bomb is
refused in milliseconds with a message naming the file, before anything is inflated.

Member sizes are those the archive declares; Python's zipfile never inflates a member past its declared
size, so a member that lies about its size is cut short there (and then fails its checksum).
"""

import io
import zipfile
import zlib
from pathlib import Path

MAX_MEMBERS = 10_000  # Word and Excel write tens of parts; thousands are only found in made-up archives
MAX_RATIO = 100  # text XML packs 5 to 20 times; a bomb packs hundreds to thousands of times
RATIO_FROM = 10 * 1024 * 1024  # small files may pack better than that, harmlessly


class ArchiveRefused(ValueError):
    """Why the archive is refused, in words for people (the caller names the file)."""


def check_archive(source: Path | bytes, what: str, max_unpacked: int) -> None:
    """Refuse (ArchiveRefused) an archive that is damaged, has too many members, would unpack past
    `max_unpacked` bytes or far past its own size, or whose XML declares entities. `what` names the kind
    of file in the message ("the Word document", "the Excel workbook")."""
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(opened) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_MEMBERS:
                raise ArchiveRefused(
                    f"{what} holds {len(entries):,} parts; refused as a possible decompression bomb"
                )
            total = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if total > max_unpacked or (total > RATIO_FROM and total / packed > MAX_RATIO):
                raise ArchiveRefused(
                    f"{what} would expand to {total / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB; refused as a "
                    "possible decompression bomb"
                )
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    with archive.open(entry) as part:
                        head = part.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        # Office never writes a document type; one here can only expand entities (or fetch them)
                        raise ArchiveRefused(f"{what}'s {entry.filename} declares entities; refused")
    except zipfile.BadZipFile:
        raise ArchiveRefused(f"{what} is damaged (not a readable ZIP archive)") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # a part whose header, compression or checksum is damaged (or encrypted, which Office does not do)
        raise ArchiveRefused(f"{what} is damaged ({error})") from None
