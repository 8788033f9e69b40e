from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("generate/", views.report_generate, name="generate"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/table2/", views.report_section2, name="section2"),
    path("<int:pk>/table2/uploads/<int:upload_pk>/", views.section2_upload_download, name="section2_upload"),
    path("<int:pk>/adjust/", views.report_adjust, name="adjust"),
    path("<int:pk>/recompute/", views.report_recompute, name="recompute"),
    path("<int:pk>/redraft/", views.report_redraft, name="redraft"),
    path("<int:pk>/action/<str:action>/", views.report_transition, name="transition"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("<int:pk>/chart/<str:name>.png", views.report_chart, name="chart"),
]
