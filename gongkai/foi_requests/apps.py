from django.apps import AppConfig


class FoiRequestsConfig(AppConfig):
    name = "gongkai.foi_requests"
    verbose_name = "依申请公开"
