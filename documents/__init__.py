"""Reading any uploaded file into blocks of text: PDF (scans through Tesseract), HTML, Word, text.

`read_document(path)` sniffs the file's type by its content, checks its size, and returns a `Document`:
blocks of text in reading order, each knowing its kind, page or section. Intake, the chief officer's
comments, evidence files and imports all read documents through here; nothing here stores anything.
"""

from documents.model import Block, Document, DocumentError
from documents.readers import read_document

__all__ = ["Block", "Document", "DocumentError", "read_document"]
