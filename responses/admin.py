from django.contrib import admin

from responses.models import CalendarFeed, OfficeSettings, ResponseObligation


@admin.register(ResponseObligation)
class ResponseObligationAdmin(admin.ModelAdmin):
    list_display = ["report", "body", "statutory", "status", "published_on", "not_applicable"]
    list_filter = ["status", "statutory", "not_applicable"]
    search_fields = ["report__title", "body__name"]
    raw_id_fields = ["report"]
    list_select_related = ["report", "body"]
    readonly_fields = ["created_at", "updated_at", "updated_by"]


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(admin.ModelAdmin):
    list_display = ["body", "answer_areas_for_improvement", "signatory_name"]
    search_fields = ["body__name"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["body", "created_at"]
    readonly_fields = ["token", "created_at"]
