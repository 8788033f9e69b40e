"""Settings shared by every environment. Environment-specific values live in dev/test/prod."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent  # the gongkai package
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", REPO_DIR / "var"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served locally, no CDN
    "django_filters",
    "simple_history",
    "axes",
    "gongkai.core",
    "gongkai.organisations",
    "gongkai.workplan",
    "gongkai.disclosure",
    "gongkai.policies",
    "gongkai.foi_requests",
    "gongkai.reports",
    "gongkai.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL (or DB=pg with the PG* variables) selects PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60)
    elif os.environ.get("DB") == "pg":
        database = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "gongkai"),
            "USER": os.environ.get("PGUSER", "gongkai"),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
            "CONN_MAX_AGE": 60,
        }
    else:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "gongkai.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Lets the public pages' reads (disclosure/page_reads.py) use server-side prepared statements; Django
        # leaves it at None, which turns preparation off. Django's own cursors bind on the client and never
        # prepare, so nothing else changes. (Behind PgBouncer in transaction mode this needs PgBouncer ≥ 1.21
        # with max_prepared_statements set.)
        database.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
    return database


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling first
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:workspace"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (django-axes): lock a username+IP pair for 15 minutes after 5 failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve app static files directly in dev and tests; prod runs collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded originals live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
GONGKAI_UPLOAD_MAX_BYTES = int(os.environ.get("GONGKAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
GONGKAI_UPLOAD_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".txt", ".html", ".htm",
    ".jpg", ".jpeg", ".png", ".ofd", ".zip", ".csv",
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["gongkai.core.api.IsStaffMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gongkai API",
    "DESCRIPTION": "政务公开平台接口：组织机构、工作台账、政府信息公开、依申请公开、年度报告",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Site identity shown in page headers; the demo sets a city.
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政务公开平台")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Called after a holiday schedule changes, with the changed years; each returns a list of change
# descriptions (e.g. FOI deadlines moved). See gongkai.core.calendar.
GONGKAI_CALENDAR_CHANGE_HANDLERS = [
    "gongkai.foi_requests.deadlines.recompute_open_cases",
]


def production_caches(*, shared_location: str, shared_backend: str = "django.core.cache.backends.filebased.FileBasedCache",
                      page_backend: str = "django.core.cache.backends.locmem.LocMemCache",
                      page_location: str = "gongkai-pages", page_entries: int = 20_000) -> dict:
    """Production's two caches (gongkai.settings.prod, docs/deploy.md). "default" is shared by every worker
    process and holds counters all of them must see (the public platform's page generation, the holiday
    calendar's version); file-based by default, it holds few keys, which matters because Django's file cache
    lists its directory on every write. "pages" holds rendered public pages, in each worker's memory by
    default: a page is found only under the shared current generation, so invalidation stays exact
    (GONGKAI_DISCLOSURE_PAGE_CACHE_ALIAS = "pages")."""
    return {
        "default": {"BACKEND": shared_backend, "LOCATION": shared_location, "TIMEOUT": 300,
                    "OPTIONS": {"MAX_ENTRIES": 10_000}},
        "pages": {"BACKEND": page_backend, "LOCATION": page_location, "TIMEOUT": 300,
                  "OPTIONS": {"MAX_ENTRIES": page_entries}},
    }
