from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the deploy check)

        signals.connect()
