"""The exact summaries behind the custody figures, rebuilt in the database (INSERT … SELECT … GROUP BY)
by each import, batch deletion and purge: one statement a breakdown, whatever the number of rows."""

from django.db import connection, transaction

from custody.models import Detention, FigureSummary

# breakdown → the detention column it groups by ("total" groups by month alone).
DIMENSIONS = {
    "total": None,
    "local_authority": "local_authority_id",
    "suite": "suite",
    "age_band": "age_band",
    "sex": "sex",
    "ethnic_group": "ethnic_group",
}
COUNTED = ["overnight", "weekend", "post_charge"]


def rebuild(office_ids) -> None:
    """Summaries of the offices, afresh from their detentions."""
    office_ids = list(office_ids)
    if not office_ids:
        return
    quote = connection.ops.quote_name
    source, target = quote(Detention._meta.db_table), quote(FigureSummary._meta.db_table)
    marks = ", ".join(["%s"] * len(office_ids))
    with transaction.atomic():
        FigureSummary.objects.filter(office__in=office_ids).delete()
        for dimension, column in DIMENSIONS.items():
            key = (
                f"COALESCE(CAST({quote(column)} AS TEXT), '')" if column else "''"
            )  # PostgreSQL groups by no constant
            flags = ", ".join(f"SUM(CASE WHEN {quote(name)} THEN 1 ELSE 0 END)" for name in COUNTED)
            sql = (
                f"INSERT INTO {target} (office_id, month, dimension, {quote('key')}, tenths, detentions, "
                f"overnight, weekend, post_charge, requested, transferred) "
                f"SELECT office_id, month, %s, {key}, minutes_held / 6, COUNT(*), {flags}, "
                f"SUM(CASE WHEN transfer_requested_at IS NULL THEN 0 ELSE 1 END), "
                f"SUM(CASE WHEN transferred_at IS NULL THEN 0 ELSE 1 END) "
                f"FROM {source} WHERE office_id IN ({marks}) "
                f"GROUP BY office_id, month, {key + ', ' if column else ''}minutes_held / 6"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [dimension, *office_ids])
