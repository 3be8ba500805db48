"""What partnerships shows on other apps' pages (registered in `PartnershipsConfig.ready`)."""

from django.utils import timezone

from accounts.access import is_office_staff
from partnerships.access import reads_referrals
from partnerships.coverage import JOINT_KIND, coverage_matrix
from partnerships.models import SHORT_KIND, Referral


def report(request, report) -> dict | None:
    """On a report's page: the office's referrals of it, and the one click that refers it to every
    partnership in the force area; a partnership contributor sees its own referrals of it."""
    user = request.user
    if not reads_referrals(user):
        return None
    referrals = Referral.objects.visible_to(user).filter(report=report).select_related("partnership")
    office = user.office if user.office_id else None
    return {
        "report": report,
        "referrals": referrals,
        "may_refer": is_office_staff(user) and office is not None,
        "force": office.force if office else None,
    }


def force(request, force) -> dict | None:
    """On a force's page: its joint inspection coverage at a glance, with links to the matrix."""
    matrix = coverage_matrix(force, timezone.localdate())
    kind = JOINT_KIND[force.country]
    return {
        "force": force,
        "kind_label": SHORT_KIND[kind],
        "covered": matrix.covered(kind),
        "gaps": matrix.gaps(kind),
        "total": len(matrix.rows),
    }
