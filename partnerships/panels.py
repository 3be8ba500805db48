"""What partnerships shows on other apps' pages (registered in `PartnershipsConfig.ready`)."""

from django.utils import timezone

from accounts.access import is_office_staff
from partnerships.access import is_partnership_contributor, reads_referrals
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


def home(request, _=None) -> dict | None:
    """On a partnership contributor's home page: the referrals its office sent to the partnership, the
    ones still waiting for the partnership's outcome first."""
    user = request.user
    if not is_partnership_contributor(user):
        return None
    referrals = list(
        Referral.objects.visible_to(user).select_related("report").order_by("outcome_on", "-sent_on", "pk")
    )
    waiting = [referral for referral in referrals if not referral.outcome]
    return {
        "partnership": user.partnership,
        "office": user.office,
        "referrals": referrals,
        "waiting": waiting,
        "answered": [referral for referral in referrals if referral.outcome],
    }
