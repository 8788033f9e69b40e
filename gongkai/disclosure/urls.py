"""Staff workspace of the disclosure platform (/staff/disclosure/)."""

from django.urls import path

from . import views_staff as views

app_name = "disclosure"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("items/new/", views.item_create_view, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("items/<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment_remove"),
    path("items/<int:pk>/submit/", views.item_submit_view, name="item_submit"),
    path("items/<int:pk>/review/", views.item_review_view, name="item_review"),
    path("items/<int:pk>/withdraw/", views.item_withdraw_view, name="item_withdraw"),
    path("files/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("columns/", views.column_list, name="column_list"),
    path("columns/new/", views.column_edit, name="column_create"),
    path("columns/<int:pk>/edit/", views.column_edit, name="column_edit"),
    path("catalogue/", views.catalogue_list, name="catalogue_list"),
    path("catalogue/<int:pk>/", views.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<int:pk>/entries/new/", views.entry_edit, name="entry_create"),
    path("catalogue/entries/<int:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("catalogue/new/", views.catalogue_create_view, name="catalogue_create"),
    path("freshness/", views.freshness_dashboard, name="freshness"),
    path("freshness/export.xlsx", views.freshness_export, name="freshness_export"),
    path("settings/review/", views.review_settings, name="review_settings"),
    path("settings/words/", views.wordlist_list, name="wordlists"),
    path("settings/words/new/", views.wordlist_edit, name="wordlist_create"),
    path("settings/words/<int:pk>/edit/", views.wordlist_edit, name="wordlist_edit"),
]
