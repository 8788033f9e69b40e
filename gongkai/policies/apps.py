from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    verbose_name = "政策文件"
