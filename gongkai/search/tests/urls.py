"""A URL configuration with only the parts the search pages link to, so that these tests do not depend
on the state of the other apps' URL modules."""

from django.contrib import admin
from django.urls import include, path

from gongkai.core.urls import auth_urlpatterns

urlpatterns = [
    path("", include("gongkai.core.urls")),
    *auth_urlpatterns,
    path("admin/", admin.site.urls),
    path("staff/org/", include("gongkai.organisations.urls")),
    path("staff/search/", include("gongkai.search.urls")),
    path("search/", include("gongkai.search.public_urls")),
    path("api/search/", include("gongkai.search.api_urls")),
]
