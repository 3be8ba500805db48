"""Uploaded files: checked by size and content while they are received, kept private until read.

A page or the API stages an upload (`stage`): its bytes are written to a file of its own under the data
directory (private to the service's user), hashed as they come, and refused at once, naming the file,
when they are too large, empty, or not a kind Scrutiny reads. The background worker reads the staged file
and removes it (`discard`), whatever happens; a request that fails removes it too.
"""

import hashlib
import os
import re
import shutil
import unicodedata
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from documents import sniff
from documents.model import DocumentError

STAGING = "staging"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_name(name: str) -> str:
    """The uploaded file's own name, made safe to keep and show: no folders, no control characters, and
    short enough for any file system (a name over 255 bytes is cut, keeping its extension)."""
    name = Path(str(name).replace("\\", "/")).name
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .") or "upload"
    stem, suffix = os.path.splitext(name)
    suffix = suffix[:10]
    while len((stem + suffix).encode()) > 150:
        stem = stem[:-1]
    return (stem.strip() or "upload") + suffix


def check_size(name: str, size: int, limit: int | None = None) -> None:
    """Refuse, naming the file, one over `limit` bytes (by default SCRUTINY_MAX_UPLOAD_BYTES)."""
    limit = limit or settings.SCRUTINY_MAX_UPLOAD_BYTES
    if size > limit:
        raise DocumentError(
            name, f"the file is {sniff.megabytes(size)}, over the {sniff.megabytes(limit)} limit"
        )


@dataclass
class Staged:
    """An upload waiting to be read: where it is, what it was called, its SHA-256 and kind."""

    path: Path
    original_name: str
    sha256: str
    media_type: str


def staging_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / STAGING
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def stage(uploaded) -> Staged:
    """Receive an upload into a private file of its own, refusing at once (naming it) one that is too big,
    empty, or not a PDF, Word, HTML or text file; nothing is left behind when it is refused."""
    name = safe_name(getattr(uploaded, "name", "") or "upload")
    check_size(name, uploaded.size or 0)
    folder = staging_root() / uuid.uuid4().hex
    folder.mkdir(mode=0o700)
    path = folder / name
    digest = hashlib.sha256()
    try:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            for chunk in uploaded.chunks():
                digest.update(chunk)
                handle.write(chunk)
        media_type = sniff.media_type_of(path)
        sniff.check_extension(path, media_type)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Staged(path=path, original_name=name, sha256=digest.hexdigest(), media_type=media_type)


def staged_at(path: str | Path) -> Path:
    """A staged file named by a task: only ever one under the staging folder."""
    path = Path(path).resolve()
    if staging_root().resolve() not in path.parents:
        raise DocumentError(Path(path).name, "is not an upload waiting to be read")
    return path


def discard(path: str | Path) -> None:
    """Remove a staged upload and its folder, once read (or refused)."""
    path = Path(path)
    if path.parent.parent.resolve() == staging_root().resolve():
        shutil.rmtree(path.parent, ignore_errors=True)


@contextmanager
def uploaded_copy(uploaded):
    """A staged copy of an uploaded file for reading in this request (small work only), removed when the
    block ends."""
    staged = stage(uploaded)
    try:
        yield staged.path
    finally:
        discard(staged.path)
