from django.urls import path

from . import views_public

app_name = "reports_public"

urlpatterns = [
    path("", views_public.report_index, name="index"),
    path("<int:pk>/", views_public.report_public, name="detail"),
    path("<int:pk>/download/<str:fmt>/", views_public.report_public_download, name="download"),
    path("<int:pk>/chart/<str:name>.png", views_public.report_public_chart, name="chart"),
]
