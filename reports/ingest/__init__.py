"""Reading inspection reports and extracting their findings.

`read_document(path)` turns a PDF, scanned PDF, HTML page, Word document or text file into a `Document`:
blocks of text in reading order with their page or section. `extract(document)` finds the report's
metadata and findings in it. Neither stores anything; `reports.services.ingest_file` does.
"""

from reports.ingest.document import Block, Document, IntakeError
from reports.ingest.extract import ExtractedFinding, Extraction, extract
from reports.ingest.readers import read_document

__all__ = ["Block", "Document", "ExtractedFinding", "Extraction", "IntakeError", "extract", "read_document"]
