"""The scenario's referrals and inspection coverage (design.md, step 2 and 3): the findings sent to the
four Cheshire partnerships on 10 March 2020, each at its own stage, and the JTAIs of Cheshire West and
Chester (report November 2017) and Halton (August 2019), imported from CSV; Cheshire East and Warrington
have had none."""

from datetime import date

from directory.models import PartnershipMeeting
from partnerships import services
from partnerships.coverage import import_coverage
from partnerships.models import Inspection, Referral
from partnerships.testing import make_referrals, with_contacts

SENT_ON = date(2020, 3, 10)
MEETINGS = {
    "Cheshire West and Chester": date(2020, 3, 26),
    "Halton": date(2020, 4, 2),
    "Warrington": date(2020, 4, 22),
    "Cheshire East": date(2020, 5, 6),
}
REFERRED = ["Recommendation 3", "Recommendation 5", "5a", "Recommendation 6"]
COVERAGE_CSV = b"""local_authority,inspection,published_on,inspectorates,theme,report_url
Cheshire West and Chester,JTAI,2017-11-16,ofsted;cqc;hmicfrs;hmi-probation,,
Halton,JTAI,2019-08-23,ofsted;cqc;hmicfrs;hmi-probation,,
"""
CWAC_WORDS = (
    "The partnership's executive agreed three actions: a joint audit of strategy discussions held out of "
    "hours, a protocol with the custody suites for requests for local authority accommodation, and a "
    "quarterly report of overnight detentions of children to the executive."
)


def load(demo: dict) -> None:
    """Each step once: running the demo again changes nothing."""
    office, report, officer = demo["office"], demo["report"], demo["officer"]
    partnerships = {
        partnership.name.split(" Safeguarding")[0]: partnership for partnership in with_contacts("cheshire")
    }
    for name, held_on in MEETINGS.items():
        PartnershipMeeting.objects.get_or_create(
            partnership=partnerships[name], held_on=held_on, defaults={"note": "Executive board"}
        )
    if not Inspection.objects.filter(local_authority__code="E06000050").exists():
        import_coverage(content=COVERAGE_CSV, name="cheshire-coverage.csv", user=officer)
    if not Referral.objects.filter(office=office, report=report).exists():
        findings = list(report.findings.filter(label__in=REFERRED))
        referrals = make_referrals(
            office=office,
            report=report,
            partnerships=partnerships.values(),
            findings=findings,
            sent_on=SENT_ON,
            follow_up_on=date(2020, 4, 14),
            user=officer,
            send=False,
        )
        by_name = {referral.partnership.name.split(" Safeguarding")[0]: referral for referral in referrals}
        cwac = by_name["Cheshire West and Chester"]
        services.record_acknowledged(referral=cwac, on=date(2020, 3, 11), user=officer)
        services.record_discussed(referral=cwac, on=date(2020, 3, 26), user=officer)
        services.record_outcome(
            referral=cwac,
            outcome=Referral.Outcome.ACTIONS_AGREED,
            text=CWAC_WORDS,
            on=date(2020, 3, 27),
            user=officer,
        )
        halton = by_name["Halton"]
        services.record_acknowledged(referral=halton, on=date(2020, 3, 12), user=officer)
        services.record_discussed(referral=halton, on=date(2020, 4, 2), user=officer)
        services.record_acknowledged(referral=by_name["Warrington"], on=date(2020, 3, 16), user=officer)
        # Cheshire East has not replied: its follow-up date has passed.
    demo["referrals"] = list(Referral.objects.filter(office=office, report=report))
