from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.workspace, name="workspace"),
    path("staff/calendar/", views.calendar_view, name="calendar"),
    path("staff/calendar/edit/", views.calendar_edit, name="calendar_edit"),
    path("staff/calendar/import/", views.calendar_import, name="calendar_import"),
    path("staff/audit/<str:app_label>/<str:model_name>/<str:pk>/", views.audit_record, name="audit_record"),
]

# Login and logout keep Django's own URL names ("login", "logout") outside the namespace.
auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
