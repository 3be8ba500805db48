from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "custody"
    verbose_name = "Children in custody"

    def ready(self):
        from accounts.audit import audit
        from custody.models import ImportBatch, OvernightRule

        # Detentions themselves are not audited row by row: an import is one audited event (its batch),
        # and record-level reads are one entry each (custody.services.record_read).
        audit(ImportBatch, exclude_fields=["errors", "warnings"])
        audit(OvernightRule)
