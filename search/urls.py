from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/save/", views.save_search, name="search-save"),
    path("search/saved/", views.saved_list, name="saved-list"),
    path("search/saved/<int:pk>/", views.saved_change, name="saved-change"),
]
