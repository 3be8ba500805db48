from django.contrib import admin
from django.db import models

from reports.models import Finding, Report


class FindingInline(admin.StackedInline):
    model = Finding
    fk_name = "report"
    extra = 0
    fields = [
        "position",
        "kind",
        "label",
        "text",
        "addressees",
        "deadline_text",
        "deadline_on",
        "parent",
        "anchors",
        "confidence",
        "reviewed",
    ]
    raw_id_fields = ["parent"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "report_type", "published_on", "all_forces"]
    list_filter = ["report_type", "inspectorates", "all_forces"]
    date_hierarchy = "published_on"
    search_fields = ["title"]
    readonly_fields = ["file_hash", "created_at", "updated_at", "created_by", "reviewed_at", "reviewed_by"]
    inlines = [FindingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "report", "reviewed"]
    list_filter = ["kind", "reviewed", "report__report_type"]
    search_fields = ["label", "text", "report__title"]
    raw_id_fields = ["report", "parent"]
    list_select_related = ["report"]
