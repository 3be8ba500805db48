"""Uploaded files: size-checked temporary copies under their own names, and content hashes."""

import hashlib
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from documents.model import DocumentError


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def uploaded_copy(uploaded):
    """A size-checked temporary copy of an uploaded file (web page or API), kept under its own name so
    messages can name it; removed when the block ends."""
    name = Path(uploaded.name).name or "upload"
    limit = settings.SCRUTINY_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise DocumentError(
            name, f"the file is {uploaded.size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit"
        )
    with tempfile.TemporaryDirectory(prefix="scrutiny-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            for chunk in uploaded.chunks():
                handle.write(chunk)
        yield path
