from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from accounts.audit import audit
        from core import registry
        from directory.models import PartnershipMeeting, SafeguardingPartnership
        from partnerships import drafting, grants, panels
        from partnerships.access import reads_referrals
        from partnerships.models import CoverageImport, Inspection, Referral, ReferralTemplate

        audit(Referral)
        audit(ReferralTemplate)
        audit(Inspection)
        audit(CoverageImport)
        audit(SafeguardingPartnership)  # contacts and links the offices keep
        audit(PartnershipMeeting)

        registry.routes.add(registry.Routes("", "partnerships.urls"))
        registry.api_routers.add(registry.ApiRouter("/", "partnerships.api:router"))
        registry.navigation.add(
            registry.NavItem("Referrals", "partnerships:referral-list", "/referrals/", reads_referrals),
            order=45,
        )
        registry.navigation.add(
            registry.NavItem("Coverage", "partnerships:coverage", "/coverage/", grants.reads_coverage),
            order=50,
        )
        registry.report_panels.add(registry.Panel("partnerships/includes/report_panel.html", panels.report))
        registry.force_panels.add(registry.Panel("partnerships/includes/force_panel.html", panels.force))
        registry.home_panels.add(
            registry.Panel("partnerships/includes/home_panel.html", panels.home), order=20
        )
        registry.response_sections.add(
            registry.SectionSource(
                "partnerships", "Safeguarding partnerships and inspections", drafting.draft
            )
        )
        registry.reminders.add(
            registry.DailyReminder(
                "Referral follow-ups", "partnerships.reminders:send_due", "partnerships.reminders:count_due"
            )
        )
        registry.demo_steps.add(
            registry.DemoStep("referrals and inspection coverage", "partnerships.demo:load"), order=40
        )
