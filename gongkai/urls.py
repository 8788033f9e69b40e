from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from gongkai.core.urls import auth_urlpatterns

admin.site.site_header = "政务公开平台 · 基础数据管理"
admin.site.site_title = "政务公开平台"

# Staff workspace under /staff/<module>/, the public site at its customary short paths,
# the API under /api/<module>/.
urlpatterns = [
    path("", include("gongkai.core.urls")),
    *auth_urlpatterns,
    path("admin/", admin.site.urls),
    path("staff/org/", include("gongkai.organisations.urls")),
    path("staff/plans/", include("gongkai.workplan.urls")),
    path("staff/disclosure/", include("gongkai.disclosure.urls")),
    path("staff/policies/", include("gongkai.policies.urls")),
    path("staff/foi/", include("gongkai.foi_requests.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/search/", include("gongkai.search.urls")),
    path("xxgk/", include("gongkai.disclosure.public_urls")),  # 政府信息公开平台
    path("zcwj/", include("gongkai.policies.public_urls")),  # 政策文件库、政策解读、政府公报
    path("ysqgk/", include("gongkai.foi_requests.public_urls")),  # 依申请公开
    path("ndbg/", include("gongkai.reports.public_urls")),  # 政府信息公开工作年度报告
    path("search/", include("gongkai.search.public_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/core/", include("gongkai.core.api_urls")),
    path("api/org/", include("gongkai.organisations.api_urls")),
    path("api/plans/", include("gongkai.workplan.api_urls")),
    path("api/disclosure/", include("gongkai.disclosure.api_urls")),
    path("api/policies/", include("gongkai.policies.api_urls")),
    path("api/foi/", include("gongkai.foi_requests.api_urls")),
    path("api/reports/", include("gongkai.reports.api_urls")),
    path("api/search/", include("gongkai.search.api_urls")),
]
