from django.contrib import admin

from partnerships.models import CoverageImport, Inspection, Referral, ReferralTemplate


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["report", "partnership", "office", "state", "sent_on", "follow_up_on"]
    list_filter = ["state", "outcome"]
    search_fields = ["report__title", "partnership__name"]
    raw_id_fields = ["report", "findings"]
    list_select_related = ["report", "partnership", "office"]
    readonly_fields = ["created_at", "created_by", "updated_at", "outcome_by"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["local_authority", "kind", "published_on", "theme"]
    list_filter = ["kind"]
    search_fields = ["local_authority__name", "theme"]


@admin.register(CoverageImport)
class CoverageImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "state", "rows", "created", "imported_at", "imported_by"]
    readonly_fields = ["errors", "imported_at"]


@admin.register(ReferralTemplate)
class ReferralTemplateAdmin(admin.ModelAdmin):
    list_display = ["office", "updated_at"]
