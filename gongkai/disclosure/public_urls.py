"""Public URLs of the 政府信息公开 platform. They are stable: a unit's platform, a column by its code,
an item by its 索引号 (or id before one is assigned)."""

from django.urls import path

from . import views_public as views

app_name = "disclosure_public"

# Column codes that would collide with these fixed paths are refused (forms.RESERVED_SLUGS).
urlpatterns = [
    path("", views.platform_index, name="index"),
    path("item/<path:key>/", views.item_detail, name="item"),
    path("file/<int:pk>/", views.attachment_download, name="file"),
    path("file/<int:pk>/<str:name>", views.attachment_download, name="file_named"),
    path("<int:unit_id>/", views.platform, name="platform"),
    path("<int:unit_id>/catalogue/", views.catalogue_public, name="catalogue"),
    path("<int:unit_id>/<slug:slug>/", views.column_detail, name="column"),
    path("<int:unit_id>/<slug:slug>/feed/", views.ColumnFeed(), name="column_feed"),
]
