from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/attach/", views.document_attach, name="document_attach"),
    path("<int:pk>/do/<str:action>/", views.document_action, name="document_action"),
    path("<int:pk>/interpret/", views.interpretation_create, name="interpretation_create"),
    path("jd/", views.interpretation_list, name="interpretations"),
    path("jd/<int:pk>/", views.interpretation_detail, name="interpretation"),
    path("jd/<int:pk>/do/<str:action>/", views.interpretation_action, name="interpretation_action"),
    path("alerts/", views.alerts, name="alerts"),
    path("cleanup/", views.cleanup_list, name="cleanups"),
    path("cleanup/new/", views.cleanup_create, name="cleanup_create"),
    path("cleanup/<int:pk>/", views.cleanup_detail, name="cleanup"),
    path("gazette/", views.gazette_list, name="gazette"),
    path("gazette/<int:pk>/", views.gazette_issue, name="gazette_issue"),
    path("scheme/", views.scheme, name="scheme"),
]
