from django.urls import path, re_path

from custody import views

app_name = "custody"
urlpatterns = [
    path("custody/", views.figures_page, name="figures"),
    path("custody/import/", views.import_page, name="import"),
    path("custody/template.csv", views.template_download, name="template"),
    path("custody/imports/", views.batch_list, name="batches"),
    path("custody/imports/<int:pk>/", views.batch_detail, name="batch"),
    path("custody/imports/<int:pk>/delete/", views.batch_delete, name="batch-delete"),
    path("custody/records/", views.records, name="records"),
    re_path(r"^custody/records\.(?P<kind>xlsx|csv)$", views.records_export, name="records-export"),
    path("custody/rules/", views.rules_page, name="rules"),
    path("custody/rules/<int:pk>/delete/", views.rule_delete, name="rule-delete"),
    re_path(r"^custody/return\.(?P<kind>xlsx|csv)$", views.quarterly_return, name="return"),
    path("custody/briefing.docx", views.briefing, name="briefing"),
]
