from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "office", "role", "is_active", "last_login"]
    list_filter = ["role", "office", "is_active", "custody_access"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Office and role", {"fields": ["office", "role", "force", "partnership", "custody_access"]}),
    ]
    # Plain selects (a few hundred bodies at most): the autocomplete widget's combobox has no accessible
    # name. The sign-in dates are records, not settings, so they are shown as text.
    readonly_fields = ["last_login", "date_joined"]
    # Django's two-box picker carries ARIA the accessibility audit rejects; plain lists instead.
    filter_horizontal = ()
