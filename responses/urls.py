from django.urls import path, re_path

from responses.views import comments as views_comments
from responses.views import editor as views_editor
from responses.views import force as views_force
from responses.views import obligations as views
from responses.views import outputs as views_outputs
from responses.views import versions as views_versions

app_name = "responses"
urlpatterns = [
    path("deadlines/", views.deadlines_page, name="deadlines"),
    path("deadlines/history/", views.mark_history_page, name="mark-history"),
    re_path(r"^deadlines\.(?P<kind>csv|xlsx)$", views.deadlines_export, name="deadlines-export"),
    path("office/settings/", views.office_settings_page, name="office-settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("offices/<int:pk>/logo.png", views.office_logo, name="office-logo"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation-detail"),
    path("obligations/<int:pk>/invite/", views.invite, name="obligation-invite"),
    path("obligations/<int:pk>/response/", views_editor.editor, name="response-editor"),
    path("obligations/<int:pk>/response/sections/", views_editor.section_add, name="section-add"),
    path("obligations/<int:pk>/approve/", views_editor.approve_response, name="response-approve"),
    path("obligations/<int:pk>/submit/", views_editor.submit_response, name="response-submit"),
    path("obligations/<int:pk>/send-back/", views_editor.send_back_response, name="response-send-back"),
    path("obligations/<int:pk>/draft-comments/", views_editor.draft_comment, name="draft-comment"),
    path("obligations/<int:pk>/versions/", views_versions.versions, name="response-versions"),
    path("obligations/<int:pk>/force-comments/", views_force.force_comments, name="force-comments"),
    re_path(
        r"^obligations/(?P<pk>\d+)/response\.(?P<kind>pdf|docx)$",
        views_outputs.office_download,
        name="response-download",
    ),
    path("obligations/<int:pk>/publish/", views_outputs.publish_page, name="response-publish"),
    path("obligations/<int:pk>/copies-sent/", views_outputs.copies_sent, name="copies-sent"),
    path("obligations/<int:pk>/preview/", views_outputs.response_preview, name="response-preview"),
    path("obligations/<int:pk>/published/", views_outputs.published_page, name="response-published"),
    path("published/", views_outputs.public_index, name="public-index"),
    path("published/<int:pk>/", views_outputs.public_response, name="public-response"),
    path("published/<int:pk>/versions/<int:number>/", views_outputs.public_version, name="public-version"),
    re_path(
        r"^published/(?P<pk>\d+)/response\.(?P<kind>pdf|docx)$",
        views_outputs.public_download,
        name="public-download",
    ),
    path("sections/<int:pk>/", views_editor.section_save, name="section-save"),
    path("sections/<int:pk>/quote/", views_editor.section_requote, name="section-requote"),
    path("sections/<int:pk>/delete/", views_editor.section_delete, name="section-delete"),
    path("obligations/<int:pk>/comments/", views_comments.comments, name="obligation-comments"),
    path(
        "obligations/<int:pk>/comments/document/", views_comments.comments_document, name="comments-document"
    ),
    path("obligations/<int:pk>/comments/links/", views_comments.comment_links, name="comment-links"),
]
