"""Extracting a report's metadata and findings from a document read by `documents.read_document`.

`extract(document)` finds the report's metadata and findings. It stores nothing;
`reports.services.ingest_file` does.
"""

from reports.extraction.findings import STOP as ANSWER_INLINE
from reports.extraction.findings import STOP_BLOCK as ANSWER_BLOCK
from reports.extraction.findings import ExtractedFinding, Extraction, normalise
from reports.extraction.kind import DocumentKind
from reports.extraction.reading import extract

# What other apps may use: the extraction, `normalise` (the text folding findings are compared with) and
# the patterns that start an answer to a restated finding, inline ("Response: …") or as a block.
__all__ = [
    "ANSWER_BLOCK",
    "ANSWER_INLINE",
    "DocumentKind",
    "ExtractedFinding",
    "Extraction",
    "extract",
    "normalise",
]
