"""Evidence files: checked by content and size through the shared document reading, virus-scanned when a
scanner is configured, and removable by an administrator, who leaves a dated note of why."""

import os
import socket
import struct
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts import access
from core.refusals import Refused
from documents import DocumentError
from documents.uploads import Staged, discard, stage
from tracking.models import ActionUpdate, Evidence


class EvidenceRefused(Refused):
    pass


def clamav_socket() -> str:
    """SCRUTINY_CLAMAV_SOCKET: the clamd Unix socket; unset, files are not scanned."""
    return os.environ.get("SCRUTINY_CLAMAV_SOCKET", "")


def scan(path: Path) -> str:
    """Ask clamd (INSTREAM) about the file: "OK" or refuse it, naming what was found."""
    where = clamav_socket()
    if not where:
        return ""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn, path.open("rb") as handle:
        conn.settimeout(60)
        conn.connect(where)
        conn.sendall(b"zINSTREAM\0")
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            conn.sendall(struct.pack("!L", len(chunk)) + chunk)
        conn.sendall(struct.pack("!L", 0))
        answer = conn.recv(4096).decode(errors="replace").strip("\0").strip()
    if answer.endswith("FOUND"):
        raise DocumentError(path, f"the virus scanner found {answer.split(':', 1)[-1].strip()}")
    if not answer.endswith("OK"):
        raise DocumentError(path, "the virus scanner could not check the file; try again later")
    return "OK"


@contextmanager
def staged_files(uploads):
    """Each uploaded file received, checked by content and size (and scanned), refused naming the file;
    the staged copies are removed when the block ends, whatever happens."""
    staged: list[Staged] = []
    try:
        for upload in uploads:
            item = stage(upload)
            staged.append(item)
            item.scanned = scan(item.path)
        yield staged
    finally:
        for item in staged:
            discard(item.path)


def attach(*, update: ActionUpdate, staged: Staged) -> Evidence:
    with staged.path.open("rb") as handle:
        evidence = Evidence(
            update=update,
            original_name=staged.original_name,
            media_type=staged.media_type,
            size=staged.path.stat().st_size,
            sha256=staged.sha256,
            scanned=getattr(staged, "scanned", ""),
        )
        evidence.file.save(staged.original_name, File(handle), save=False)
    staged.stored_as = evidence.file.name
    evidence.save()
    return evidence


def remove(*, evidence: Evidence, user, reason: str) -> Evidence:
    """Remove a file attached by mistake: the file goes; who removed it, when and why stay."""
    if not access.is_office_admin(user):
        raise EvidenceRefused("only the office's administrators can remove evidence")
    if not reason.strip():
        raise EvidenceRefused("say why the file is being removed")
    if evidence.removed:
        raise EvidenceRefused("the file has already been removed")
    with transaction.atomic():
        name, storage = evidence.file.name, evidence.file.storage
        evidence.file = ""
        evidence.removed_at, evidence.removed_by, evidence.removal_reason = (
            timezone.now(),
            user,
            reason.strip(),
        )
        evidence.save()
        transaction.on_commit(lambda: storage.delete(name))
    return evidence
