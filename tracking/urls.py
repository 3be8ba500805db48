from django.urls import path, re_path

from tracking.views import actions as views
from tracking.views import choosing as views_choosing
from tracking.views import imports as views_import
from tracking.views import office as views_office
from tracking.views import outputs as views_outputs

app_name = "tracking"
urlpatterns = [
    path("tracker/", views.action_list, name="action-list"),
    path("tracker/bulk/", views.bulk, name="bulk-edit"),
    re_path(r"^tracker/export\.(?P<kind>xlsx|csv)$", views_outputs.export, name="export"),
    path("tracker/dashboard/", views_outputs.dashboard, name="dashboard"),
    path("tracker/panel-report/", views_outputs.panel_report_page, name="panel-report"),
    re_path(
        r"^tracker/panel-report/(?P<quarter>\d{4}Q[1-4])\.(?P<kind>docx|pdf|xlsx)$",
        views_outputs.panel_report_download,
        name="panel-report-download",
    ),
    path("tracker/force/", views.force_actions, name="force-actions"),
    path("tracker/actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("tracker/evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("tracker/evidence/<int:pk>/remove/", views.evidence_remove, name="evidence-remove"),
    path("tracker/import/", views_import.upload, name="import"),
    path("tracker/import/<int:pk>/", views_import.mapping, name="import-map"),
    path("tracker/import/<int:pk>/summary/", views_import.summary, name="import-summary"),
    path("tracker/statuses/", views_office.statuses, name="statuses"),
    path("reports/<int:pk>/actions/open/", views_choosing.choose_findings, name="open-actions"),
    path("reports/<int:pk>/tracker/publish/", views_office.publish_report, name="publish"),
    path("public/<int:office>/tracker/", views_office.public_tracker, name="public-tracker"),
    path("public/<int:office>/tracker.csv", views_office.public_tracker_csv, name="public-tracker-csv"),
]
