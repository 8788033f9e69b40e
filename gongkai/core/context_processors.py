from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.GONGKAI_SITE_NAME}
