"""Excel exports of the coverage matrix and of referrals. Every value written goes through
`core.text.for_xml`: openpyxl refuses control characters, which letters and pasted text can hold."""

from openpyxl import Workbook

from core.exports import sheet, workbook_response  # noqa: F401  (the views send workbooks through it)


def coverage_workbook(matrix, inspections, partnerships) -> Workbook:
    """The matrix (last date, years since, or GAP per kind), every inspection behind it, and the force
    area's partnerships with their partners and contacts."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = ["Local authority", "GSS code"]
    for _, label in matrix.columns:
        header += [f"{label}: last report", f"{label}: years since"]
    rows = []
    for row in matrix.rows:
        values = [row.authority.name, row.authority.code]
        for item in row.cells:
            values += [item.latest.published_on, item.years_since] if item.latest else ["GAP", ""]
        rows.append(values)
    sheet(workbook, f"Coverage {matrix.force.area}"[:31], header, rows)
    sheet(
        workbook,
        "Inspections",
        ["Local authority", "Inspection", "Published", "Inspectorates", "Theme", "Report"],
        (
            [
                inspection.local_authority.name,
                inspection.kind_label,
                inspection.published_on,
                ", ".join(item.short_name for item in inspection.inspectorates.all()),
                inspection.theme,
                inspection.report_url,
            ]
            for inspection in inspections.select_related("local_authority").prefetch_related("inspectorates")
        ),
    )
    sheet(
        workbook,
        "Partnerships",
        [
            "Partnership",
            "Kind",
            "Local authorities",
            "Health partner",
            "Police",
            "Contact",
            "E-mail",
            "Arrangements",
            "Yearly report",
        ],
        (
            [
                partnership.name,
                partnership.get_kind_display(),
                ", ".join(authority.name for authority in partnership.local_authorities.all()),
                partnership.health_partner,
                ", ".join(force.name for force in partnership.police_forces()),
                partnership.contact_name,
                partnership.contact_email,
                partnership.arrangements_url,
                partnership.yearly_report_url,
            ]
            for partnership in partnerships
        ),
    )
    return workbook


def referrals_workbook(referrals) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet(
        workbook,
        "Referrals",
        [
            "Report",
            "Referred",
            "Partnership",
            "Sent to",
            "Sent",
            "State",
            "Acknowledged",
            "Discussed",
            "Outcome",
            "In the partnership's words",
            "Follow up on",
            "Followed up",
        ],
        (
            [
                referral.report.title,
                referral.what,
                referral.partnership.name,
                referral.sent_to,
                referral.sent_on,
                referral.get_state_display(),
                referral.acknowledged_on,
                referral.discussed_on,
                referral.get_outcome_display(),
                referral.outcome_text,
                referral.follow_up_on,
                referral.followed_up_on,
            ]
            for referral in referrals
        ),
    )
    return workbook
