"""Factories for referrals and inspections: plain functions used by tests and the demo."""

from datetime import date

from directory.models import Force, LocalAuthority, SafeguardingPartnership
from partnerships.coverage import record_inspection
from partnerships.models import Inspection
from partnerships.services import refer, template_for


def with_contacts(force_code: str) -> list[SafeguardingPartnership]:
    """The force area's partnerships, each given a made-up contact address (example.org) if it has none."""
    partnerships = list(SafeguardingPartnership.objects.in_force_area(Force.objects.get(code=force_code)))
    for partnership in partnerships:
        if not partnership.contact_email:
            slug = partnership.name.lower().replace(" ", "-")[:40]
            partnership.contact_name = "Business manager"
            partnership.contact_email = f"{slug}@partnerships.example.org"
            partnership.save(update_fields=["contact_name", "contact_email"])
    return partnerships


def make_referrals(
    *, office, report, partnerships, findings=(), sent_on=date(2020, 3, 10), user=None, **fields
):
    template = template_for(office)
    return refer(
        office=office,
        report=report,
        findings=findings,
        partnerships=partnerships,
        subject=template.subject,
        letter=template.letter,
        sent_on=sent_on,
        user=user,
        **fields,
    )


def make_inspection(
    code: str, kind: str = "jtai", published_on: date = date(2019, 8, 23), **fields
) -> Inspection:
    return record_inspection(
        local_authority=LocalAuthority.objects.get(code=code),
        kind=kind,
        published_on=published_on,
        user=None,
        **fields,
    )
