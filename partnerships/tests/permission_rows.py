"""Who may open each of partnerships' pages and call its API operations (see core/matrix.py)."""

from core.tests.matrix import (
    ADMINS_ONLY,
    API_READ,
    DENIED,
    MISSING,
    OFFICE_ONLY,
    OK,
    SIGNED_IN,
    UNAUTHENTICATED,
    outcomes,
)
from directory.models import SafeguardingPartnership
from partnerships.models import CoverageImport, Referral

# The office's staff; its partnership contributors for the referrals to their partnership; an officer of
# another office does not find the referral at all.
REFERRAL = outcomes(force=DENIED, panel=DENIED, other_office=MISSING)
READS_REFERRALS = outcomes(force=DENIED, panel=DENIED)
STAFF = outcomes(force=DENIED, partnership=DENIED, panel=DENIED)
OFFICE_PAGE = STAFF | {"superuser": MISSING}  # deployment administrators have no office to refer from
API_REFERRALS = READS_REFERRALS | {"anonymous": UNAUTHENTICATED}
API_REFERRAL = REFERRAL | {"anonymous": UNAUTHENTICATED}
API_STAFF = STAFF | {"anonymous": UNAUTHENTICATED}

PAGES = {
    "partnerships:partnership-list": ("get", lambda w: {}, SIGNED_IN),
    "partnerships:partnership-detail": ("get", lambda w: {"pk": w["warrington"].pk}, SIGNED_IN),
    "partnerships:partnership-edit": ("get", lambda w: {"pk": w["warrington"].pk}, ADMINS_ONLY),
    "partnerships:coverage": ("get", lambda w: {}, SIGNED_IN),
    "partnerships:coverage-export": ("get", lambda w: {}, SIGNED_IN),
    "partnerships:coverage-authority": ("get", lambda w: {"code": "E06000006"}, SIGNED_IN),
    "partnerships:inspection-add": ("get", lambda w: {}, STAFF),
    "partnerships:coverage-import": ("get", lambda w: {}, STAFF),
    "partnerships:import-detail": ("get", lambda w: {"pk": w["coverage_import"].pk}, OFFICE_ONLY),
    "partnerships:referral-list": ("get", lambda w: {}, READS_REFERRALS),
    "partnerships:referrals-export": ("get", lambda w: {}, READS_REFERRALS),
    "partnerships:referral-template": ("get", lambda w: {}, OFFICE_PAGE),
    "partnerships:referral-detail": ("get", lambda w: {"pk": w["warrington_referral"].pk}, REFERRAL),
    "partnerships:refer": ("get", lambda w: {"pk": w["report"].pk}, OFFICE_PAGE),
}

OPERATIONS = {
    "partnerships_api_list_partnerships": (lambda w: {}, API_READ),
    "partnerships_api_get_partnership": (lambda w: {"partnership_id": w["warrington"].pk}, API_READ),
    "partnerships_api_coverage_matrix": (lambda w: {}, API_READ),
    "partnerships_api_list_inspections": (lambda w: {}, API_READ),
    "partnerships_api_add_inspection": (lambda w: {}, API_STAFF),
    "partnerships_api_list_referrals": (lambda w: {}, API_REFERRALS),
    "partnerships_api_get_referral": (lambda w: {"referral_id": w["warrington_referral"].pk}, API_REFERRAL),
    "partnerships_api_refer": (lambda w: {}, API_STAFF),
    # An empty body is refused (422) before the referral is looked up, so another office gets no 404 here;
    # partnerships/tests/test_scoping.py shows it cannot record an outcome on another office's referral.
    "partnerships_api_record_outcome": (
        lambda w: {"referral_id": w["warrington_referral"].pk},
        API_REFERRAL | {"other-office": OK},
    ),
}

ADMIN_SAMPLE = [("admin:partnerships_referral_change", lambda w: {"object_id": w["warrington_referral"].pk})]


def world(world: dict) -> None:
    world["warrington"] = SafeguardingPartnership.objects.get(
        name="Warrington Safeguarding Children Partnership"
    )
    referrals = Referral.objects.filter(office=world["office"], report=world["report"])
    world["warrington_referral"] = referrals.get(partnership=world["warrington"])
    world["coverage_import"] = CoverageImport.objects.create(
        office=world["office"], file_name="coverage.csv", state=CoverageImport.State.IMPORTED
    )
