from django.urls import path

from . import views, views_supervision, views_unit

app_name = "workplan"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.plan_import, name="import"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/original/", views.import_original, name="import_original"),
    path("mine/", views_unit.my_tasks, name="my_tasks"),
    path("notifications/", views_unit.notification_list, name="notifications"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/reimport/", views.plan_import, name="reimport"),
    path("<int:pk>/versions/", views.plan_versions, name="plan_versions"),
    path("<int:pk>/versions/<int:number>/original/", views.version_original, name="version_original"),
    path("<int:pk>/status/", views.plan_publish, name="plan_status"),
    path("<int:pk>/ledger.xlsx", views.ledger_export, name="ledger_export"),
    path("<int:pk>/progress-import/", views.progress_import, name="progress_import"),
    path("<int:pk>/bulletins/", views_supervision.bulletin_list, name="bulletin_list"),
    path("<int:pk>/assessment/", views_supervision.assessment_view, name="assessment"),
    path("<int:pk>/lookback/", views_supervision.lookback_view, name="lookback"),
    path("<int:pk>/review/", views_supervision.review_list, name="review_list"),
    path("<int:pk>/cascade/", views_supervision.cascade_view, name="cascade"),
    path("<int:pk>/coverage/<int:child_pk>/", views_supervision.coverage_view, name="coverage"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/units/", views.task_add_unit, name="task_add_unit"),
    path("tasks/<int:pk>/split/", views.task_split, name="task_split"),
    path("assignments/<int:pk>/", views_unit.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/status/", views_unit.assignment_status, name="assignment_status"),
    path("assignments/<int:pk>/remove/", views.assignment_remove, name="assignment_remove"),
    path("attachments/<int:pk>/", views_unit.attachment_download, name="attachment"),
    path("bulletins/<int:pk>/", views_supervision.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/download.<str:fmt>", views_supervision.bulletin_download, name="bulletin_download"),
]
