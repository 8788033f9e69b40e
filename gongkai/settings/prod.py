"""Production: everything from the environment; refuses to start with the dev secret key."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, production_caches
from .dev import DEV_SECRET_KEY

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set to a random value of at least 40 characters")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("GONGKAI_ALLOWED_HOSTS must list the host names the site answers to")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

SECURE_SSL_REDIRECT = os.environ.get("GONGKAI_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", 25))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Two caches (base.production_caches): "default" shared by the workers (file-based; GONGKAI_CACHE_BACKEND/
# LOCATION for Redis or Memcached across hosts), "pages" in each worker's memory (GONGKAI_PAGE_CACHE_BACKEND/
# LOCATION to share pages between workers through Redis or Memcached).
_CACHE_ENVIRONMENT = {"shared_backend": "GONGKAI_CACHE_BACKEND", "page_backend": "GONGKAI_PAGE_CACHE_BACKEND",
                      "page_location": "GONGKAI_PAGE_CACHE_LOCATION", "page_entries": "GONGKAI_PAGE_CACHE_ENTRIES"}
CACHES = production_caches(
    shared_location=os.environ.get("GONGKAI_CACHE_LOCATION", str(VAR_DIR / "cache")),
    **{arg: int(os.environ[name]) if arg == "page_entries" else os.environ[name]
       for arg, name in _CACHE_ENVIRONMENT.items() if os.environ.get(name)},
)
GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS = "pages"
GONGKAI_DISCLOSURE_GENERATION_CACHE_ALIAS = "default"
