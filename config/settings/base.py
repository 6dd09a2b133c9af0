"""Settings shared by every environment. The environment is read here, in one place."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# Persistent connections, checked once in each request that uses the database (a page served from the page
# cache does not): a connection a database restart broke is replaced before the view's first query.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A fresh cluster may default to the C locale, under which Cyrillic does not fold case.
    DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that it sees the translated fields
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "csp",
    "guarantees",
    "axes",  # last, as its documentation asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "guarantees.middleware.ResponsePolicies",
    # Compresses what every later layer produced (pages from the cache included), adds Vary: Accept-Encoding
    # and weakens the ETag, which ConditionalGetMiddleware below compares weakly.
    "django.middleware.gzip.GZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Straight after the static files: a stored page passes no more layers than a file does. What the layers
    # below add (Vary, Content-Language, Content-Length, CSP, X-Frame-Options) is stored with it.
    "guarantees.page_cache.PageCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "guarantees.middleware.RejectNulBytes",
    "guarantees.middleware.DatabaseUnavailable",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "guarantees.middleware.RejectBadAdminIds",
    "guarantees.middleware.CanonicalQueryString",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a sign-in axes locked out into its lockout answer
]

# Rendered public pages, shared by every worker and host through Redis when REDIS_URL (or CACHE_URL) names a
# server, kept per process in local memory otherwise (see guarantees/page_cache.py). Redis bounds its entries
# by the server's maxmemory and eviction policy (allkeys-lru), local memory by MAX_ENTRIES; both take no page
# above PAGE_CACHE_MAX_BYTES. CACHE_KEY_PREFIX keeps apart sites that share one Redis database.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")


def cache_backend(name: str, max_entries: int) -> dict:
    if CACHE_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"{os.environ.get('CACHE_KEY_PREFIX', 'guarantees')}:{name}",
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": name,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


# The counts behind the limits (the API's anonymous throttle) are kept where every worker and host sees them
# and where a restart leaves them: in Redis when one is configured, else in the database, in the table that
# migration 0018 creates (Django's DatabaseCache).
LIMITS_CACHE_TABLE = "guarantees_limits_cache"


def limits_backend() -> dict:
    if CACHE_URL:
        return cache_backend("limits", max_entries=0)
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": LIMITS_CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }


CACHES = {
    "default": cache_backend("default", max_entries=300),
    "pages": cache_backend("pages", max_entries=500),
    "limits": limits_backend(),
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))  # 0 turns the page cache off
PAGE_CACHE_MAX_BYTES = 1_000_000
# How long a process trusts the content version it read (guarantees/content_version.py): another process's
# publication reaches anonymous readers within this time; 0 reads it on every request.
CONTENT_VERSION_SECONDS = float(os.environ.get("CONTENT_VERSION_SECONDS", "1"))
# Counts over the whole content (facets, coverage) kept per content version, with the page cache on or off.
AGGREGATE_CACHE_SECONDS = int(os.environ.get("AGGREGATE_CACHE_SECONDS", "600"))

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
#: one date and number format per language (config/formats/<language>/formats.py)
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Only our own origin: no inline scripts or styles, no third-party resources.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page uses, refused for the site and anything it embeds (the Permissions-Policy header).
PERMISSIONS_POLICY_DENIED = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "interest-cohort",
    "browsing-topics",
]
# The read-only API: anonymous clients are rate limited; any origin may read it.
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/minute")
# Proxies in front that append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

REST_FRAMEWORK = {
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["guarantees.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    # OPTIONS answers 405 with Allow: there is nothing to describe on a read-only API, and the Swagger page
    # cannot render DRF's description. CORS preflights are answered before any view, by corsheaders.
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Electoral-rights guarantees API",
    "DESCRIPTION": "Read-only access to the published knowledge base: guarantees, their assessment in each "
    "jurisdiction, the provisions that carry them, and the comparison matrix.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # text_kind and text_en_kind share one choice set: name it once.
    "ENUM_NAME_OVERRIDES": {"TextKindEnum": "guarantees.choices.TextKind"},
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Admin sign-in: django-axes records each failed attempt in the database (every worker sees it, a restart
# keeps it) and locks the client address out at the fifth failure for 15 minutes. The address is the one every
# limit uses (TRUSTED_PROXY_COUNT); a successful sign-in clears its failures. No log of successful sign-ins is
# kept (AXES_DISABLE_ACCESS_LOG): the failed attempts are the only addresses stored.
ADMIN_LOGIN_ATTEMPTS = 5
ADMIN_LOGIN_LOCKOUT_SECONDS = 15 * 60
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = ADMIN_LOGIN_ATTEMPTS
AXES_COOLOFF_TIME = datetime.timedelta(seconds=ADMIN_LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "guarantees.clients.client_address"
AXES_LOCKOUT_CALLABLE = "guarantees.limits.sign_in_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
