"""Documents for tests: real PDFs made by WeasyPrint, and hand-made ones for the odd cases."""


def make_pdf(path, html: str):
    """A real PDF, made by WeasyPrint from HTML (a dev dependency, used by tests only)."""
    import weasyprint

    weasyprint.HTML(string=f"<html lang='en-GB'><body>{html}</body></html>").write_pdf(path)
    return path


def hand_made_pdf(path, *, pages: int = 1, encrypted: bool = False):
    """A minimal PDF written byte by byte: with no pages, or with a (wrong-password) security handler."""
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
        )
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    encrypt = b" /Encrypt %d 0 R /ID [<aa><aa>]" % len(objects) if encrypted else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        encrypt,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def office_bomb(kind: str = "xlsx", unpacked_mb: int = 200) -> bytes:
    """A small Word or Excel archive (some 200 KB) whose one part unpacks to `unpacked_mb` megabytes of
    zeros: what a decompression bomb looks like to a reader."""
    import io
    import zipfile

    main = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main, "<workbook/>" if kind == "xlsx" else "<document/>")
        chunk = b"\0" * (1 << 20)
        with archive.open(
            "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/media/big.xml", "w"
        ) as part:
            for _ in range(unpacked_mb):
                part.write(chunk)
    return buffer.getvalue()
