from django.contrib import admin

from directory.models import (
    Force,
    Inspectorate,
    LocalAuthority,
    LocalPolicingBody,
    ReferenceDataVersion,
    ReportType,
    SafeguardingPartnership,
)


class LocalPolicingBodyInline(admin.TabularInline):
    model = LocalPolicingBody
    extra = 0


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "country"]
    list_filter = ["country"]
    search_fields = ["name", "area", "code"]
    inlines = [LocalPolicingBodyInline]


@admin.register(LocalPolicingBody)
class LocalPolicingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "force", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["name", "force__name"]
    list_select_related = ["force"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind", "forces__country"]
    search_fields = ["name", "code"]


@admin.register(SafeguardingPartnership)
class SafeguardingPartnershipAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code"]
    search_fields = ["short_name", "name"]


@admin.register(ReportType)
class ReportTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "statutory"]


@admin.register(ReferenceDataVersion)
class ReferenceDataVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "loaded_at"]
    readonly_fields = ["version", "loaded_at", "counts"]
