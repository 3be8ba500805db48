"""The Django admin, for deployment administrators: actions and their settings can be read and changed
there, but updates are immutable, so they are shown read-only."""

from django.contrib import admin

from tracking.models import Action, ActionUpdate, Status, Theme


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["finding", "force", "office", "target_on", "category"]
    list_filter = ["category"]
    raw_id_fields = ["finding", "office", "force", "owner_user", "restated_in"]
    readonly_fields = ["category", "closed_on", "last_update_on"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ["action", "effective_on", "author_name", "view", "status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Status)
admin.site.register(Theme)
