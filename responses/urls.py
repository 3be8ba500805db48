from django.urls import path

from responses import views, views_editor

app_name = "responses"
urlpatterns = [
    path("deadlines/", views.deadlines_page, name="deadlines"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation-detail"),
    path("obligations/<int:pk>/invite/", views.invite, name="obligation-invite"),
    path("obligations/<int:pk>/response/", views_editor.editor, name="response-editor"),
    path("obligations/<int:pk>/response/sections/", views_editor.section_add, name="section-add"),
    path("obligations/<int:pk>/approve/", views_editor.approve_response, name="response-approve"),
    path("sections/<int:pk>/", views_editor.section_save, name="section-save"),
    path("sections/<int:pk>/delete/", views_editor.section_delete, name="section-delete"),
    path("obligations/<int:pk>/comments/", views.comments, name="obligation-comments"),
]
