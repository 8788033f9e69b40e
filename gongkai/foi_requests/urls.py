from django.urls import path

from . import views

app_name = "foi_requests"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.register, name="register"),
    path("import/", views.import_cases, name="import"),
    path("export.xlsx", views.export_cases, name="export"),
    path("remedies/", views.remedies, name="remedies"),
    path("remedies/<int:pk>/decide/", views.remedy_decide, name="remedy_decide"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/letters/new/<str:kind>/", views.letter_new, name="letter_new"),
    path("<int:pk>/remedies/new/", views.remedy_new, name="remedy_new"),
    path("letters/<int:pk>/", views.letter_detail, name="letter"),
    path("letters/<int:pk>.<str:fmt>", views.letter_download, name="letter_download"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
