from django.urls import path

from . import public_views as views

app_name = "policies_public"

urlpatterns = [
    path("", views.library, name="library"),
    path("xxyx/", views.in_force, name="in_force"),  # 现行有效规范性文件目录
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/original/", views.document_original, name="document_original"),
    path("jd/", views.interpretation_list, name="interpretations"),
    path("jd/<int:pk>/", views.interpretation_detail, name="interpretation"),
    path("jd/<int:pk>/media/", views.interpretation_media, name="interpretation_media"),
    path("gb/", views.gazette_list, name="gazette"),
    path("gb/<int:pk>/", views.gazette_issue, name="gazette_issue"),
    path("gb/<int:pk>/pdf/", views.gazette_pdf, name="gazette_pdf"),
    path("gb/article/<int:pk>/", views.gazette_article, name="gazette_article"),
]
