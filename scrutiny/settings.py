"""Scrutiny settings. Every value a deployment may change comes from an environment variable with a safe
default; a value that is present but malformed stops start-up with a message naming it."""

import os
import re
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")
    return raw == "true"


def env_number(name: str, default: float, *, low: float, high: float, whole: bool = True) -> float:
    """A number from the environment within [low, high]; anything else stops start-up naming it."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ImproperlyConfigured(f"{name} must be {kind}, not {raw!r}") from None
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name} must be between {low:g} and {high:g}, not {raw}")
    return value


def env_choice(name: str, default: str, choices: list[str]) -> str:
    raw = os.environ.get(name, default)
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """The folder for the SQLite database and uploads: ./data unless SCRUTINY_DATA_DIR names another."""
    path = Path(os.environ.get("SCRUTINY_DATA_DIR") or BASE_DIR / "data").resolve()
    path.mkdir(parents=True, exist_ok=True)
    # The database (with two-factor keys) and the uploads are the service's alone: whatever made the
    # folder or its files, nobody else can open anything under it.
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def secret_key(folder: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data directory."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DATA_DIR = data_dir()
DEBUG = env_flag("DEBUG", default=False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",  # first, so its templates (admin/base_site.html) override Django's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "modelsearch",
    # Scrutiny's apps, lowest layer first (docs/architecture.md); each registers itself in ready().
    "directory",
    "accounts",
    "documents",
    "reports",
    "responses",
    "partnerships",
    "custody",
    "tracking",
    "search",
    "scrutiny",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.middleware.refuse_nul_characters",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.two_factor_required",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.limits.no_store_when_signed_in",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Per network address (see core/limits.py): the published response as PDF or Word, and sign-in attempts.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def env_rate(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[1-9][0-9]{0,5}/[1-9]?[0-9]?[smhd]", value):
        raise ImproperlyConfigured(f"{name} must be a count per period such as 30/m or 200/h, not {value!r}")
    return value


SCRUTINY_PUBLIC_DOCUMENT_RATE = env_rate("SCRUTINY_PUBLIC_DOCUMENT_RATE", "30/m")
SCRUTINY_PUBLIC_SEARCH_RATE = env_rate("SCRUTINY_PUBLIC_SEARCH_RATE", "60/m")
SCRUTINY_SIGN_IN_RATE = env_rate("SCRUTINY_SIGN_IN_RATE", "20/m")
RATELIMIT_IP_META_KEY = "core.limits.client_address"  # a forwarded address only from a trusted proxy

ROOT_URLCONF = "scrutiny.urls"
WSGI_APPLICATION = "scrutiny.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "scrutiny.context_processors.service",
                "accounts.context_processors.permissions",
            ],
        },
    },
]


def partnership_page(partnership) -> str:
    from django.urls import reverse

    return reverse("partnerships:partnership-detail", kwargs={"pk": partnership.pk})


# The pages of a lower layer's records live in the apps above it: the project names them here, so that
# directory (and core) name no app's pages. Django gives each model a get_absolute_url from this.
ABSOLUTE_URL_OVERRIDES = {"directory.safeguardingpartnership": partnership_page}

# SQLite under the data directory by default; DATABASE_URL (postgres://…) for shared deployments.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "scrutiny.sqlite3",
            # WAL lets pages be read while someone writes; IMMEDIATE takes the write lock when a transaction
            # starts (no deadlock between two that read and then write); a writer waits up to 20 s for
            # another to finish instead of failing at once with "database is locked".
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use a file too (one per process), not the in-memory database, whose shared cache fails
            # a second writer at once ("table is locked") where the real file would make it wait.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"scrutiny-test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# GOV.UK Frontend is installed from npm and built into build/static by `npm run build`; never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
WHITENOISE_USE_FINDERS = DEBUG

SERVICE_NAME = "Scrutiny"
OTP_TOTP_ISSUER = SERVICE_NAME  # authenticator apps list the account as "Scrutiny: username"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6.0 default, opted into now
FORM_RENDERER = "core.forms.GovukFormRenderer"

# Scripts and styles come only from this server; the few inline scripts carry a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"

# Sign-in: Argon2 password hashes (older hashes are upgraded at the next sign-in); sessions end after
# SCRUTINY_SESSION_HOURS without a request, and when the browser closes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env_number("SCRUTINY_SESSION_HOURS", 8, low=0.25, high=24 * 30, whole=False) * 3600)
SESSION_SAVE_EVERY_REQUEST = True  # so the age counts from the last request: an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Lockout (django-axes): after SCRUTINY_LOCKOUT_FAILURES wrong passwords for one username, that username
# is locked for SCRUTINY_LOCKOUT_MINUTES; a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("SCRUTINY_LOCKOUT_FAILURES", 5, low=1, high=100)
AXES_COOLOFF_TIME = timedelta(minutes=env_number("SCRUTINY_LOCKOUT_MINUTES", 30, low=1, high=24 * 60))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 suggests locking by IP address too; an office's staff share one address behind its network,
# so one person's mistakes would lock out the whole office. Guessing is limited per username instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "token"]
LOGIN_URL = "accounts:sign-in"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # a reset or invitation link works for three days

# A proxy's forwarded headers (the scheme, the client's address) are believed only when the service is
# configured to sit behind one, and only from the proxy's own addresses; otherwise anyone could send them.
BEHIND_PROXY = env_flag("SCRUTINY_BEHIND_PROXY", default=False)


def env_addresses(name: str, default: str) -> list[str]:
    import ipaddress

    value = os.environ.get(name, default)
    addresses = [part.strip() for part in value.split(",") if part.strip()]
    for address in addresses:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses separated by commas, not {address!r}"
            ) from None
    return addresses


SCRUTINY_PROXY_ADDRESSES = env_addresses("SCRUTINY_PROXY_ADDRESSES", "127.0.0.1,::1") if BEHIND_PROXY else []

# Production: one switch turns on secure cookies, HTTPS redirects and HSTS, and refuses DEBUG.
PRODUCTION = env_flag("SCRUTINY_PRODUCTION", default=False)
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("SCRUTINY_PRODUCTION=true cannot run with DEBUG=true")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 365 * 24 * 3600, low=0, high=2 * 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)
    if BEHIND_PROXY:  # TLS ends at a proxy that sets the header
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Background work (Django's tasks framework): queued in the database, run by `scrutiny worker`, which
# `make run` starts beside the server. SCRUTINY_TASKS=immediate runs each task inside the request that
# asks for it (tests do; a deployment should not).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env_choice("SCRUTINY_TASKS", "database", ["database", "immediate"])]
    }
}

# The search index (modelsearch) lives in the database in use: SQLite's FTS5 or PostgreSQL's full-text
# search, named outright so a SQLite without FTS5 fails loudly instead of falling back to slow scans.
# A deployment that outgrows its database points it at a cluster in its own settings module (docs/reference.md).
SEARCH_BACKEND_FOR_ENGINE = {
    "django.db.backends.sqlite3": {"BACKEND": "modelsearch.backends.database.sqlite.sqlite"},
    "django.db.backends.postgresql": {
        "BACKEND": "modelsearch.backends.database.postgres.postgres",
        "SEARCH_CONFIG": "english",
    },
}
if DATABASES["default"]["ENGINE"] not in SEARCH_BACKEND_FOR_ENGINE:
    raise ImproperlyConfigured(
        f"Scrutiny runs on SQLite or PostgreSQL, not {DATABASES['default']['ENGINE']} (DATABASE_URL)"
    )
MODELSEARCH_BACKENDS = {"default": SEARCH_BACKEND_FOR_ENGINE[DATABASES["default"]["ENGINE"]]}

# Uploaded and ingested documents larger than this are refused (SCRUTINY_MAX_UPLOAD_MB, default 100).
SCRUTINY_MAX_UPLOAD_BYTES = int(
    env_number("SCRUTINY_MAX_UPLOAD_MB", 100, low=0.01, high=2048, whole=False) * 1024 * 1024
)
# Custody record files are larger than reports (a million detentions is some 150 MB of CSV): their own limit.
SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES = int(
    env_number("SCRUTINY_CUSTODY_MAX_UPLOAD_MB", 500, low=0.01, high=4096, whole=False) * 1024 * 1024
)
# PDFs with more pages than this are refused, and scans (read by OCR) with more than the second.
SCRUTINY_MAX_PAGES = env_number("SCRUTINY_MAX_PAGES", 3000, low=1, high=100_000)
SCRUTINY_MAX_OCR_PAGES = env_number("SCRUTINY_MAX_OCR_PAGES", 400, low=1, high=100_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Section 55: the date an office gives its chief officer for comments, counted from the invitation.
SCRUTINY_COMMENTS_DAYS = env_number("SCRUTINY_COMMENTS_DAYS", 21, low=1, high=365)
# `scrutiny remind`: responses due within this many days get a due-soon e-mail.
SCRUTINY_REMIND_DAYS = env_number("SCRUTINY_REMIND_DAYS", 7, low=0, high=365)
# `scrutiny remind`: a chief officer whose comments are late is chased the day after they were wanted,
# then every this many days until they arrive.
SCRUTINY_CHASE_EVERY_DAYS = env_number("SCRUTINY_CHASE_EVERY_DAYS", 7, low=1, high=365)
# Where people reach Scrutiny (https://scrutiny.example.org): e-mails sent by commands link to it.
SCRUTINY_BASE_URL = os.environ.get("SCRUTINY_BASE_URL", "").rstrip("/")
# An API token works for this many days from when it is made; expired and revoked tokens are deleted a month
# later.
SCRUTINY_API_TOKEN_DAYS = env_number("SCRUTINY_API_TOKEN_DAYS", 90, low=1, high=366)
# Custody: the key of the keyed hashes that stand for children and custody records (set it, and keep it,
# in production: a new key makes re-imports new records), and how long detentions are kept.
SCRUTINY_CUSTODY_KEY = os.environ.get("SCRUTINY_CUSTODY_KEY") or f"custody:{SECRET_KEY}"
SCRUTINY_CUSTODY_RETENTION_DAYS = env_number(
    "SCRUTINY_CUSTODY_RETENTION_DAYS", 6 * 365, low=1, high=100 * 365
)
# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_number("EMAIL_PORT", 25, low=1, high=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "scrutiny@localhost")

# Optional single sign-on (OpenID Connect, mozilla-django-oidc): on when SCRUTINY_OIDC_CLIENT_ID is set. It
# signs in only people an administrator invited, matched by e-mail. For Microsoft Entra ID give
# SCRUTINY_OIDC_ENTRA_TENANT; for another provider its four endpoints (OIDC_OP_*_ENDPOINT).
OIDC_ENABLED = bool(os.environ.get("SCRUTINY_OIDC_CLIENT_ID"))
if OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = os.environ["SCRUTINY_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("SCRUTINY_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    OIDC_PROVIDER_NAME = os.environ.get("SCRUTINY_OIDC_PROVIDER_NAME", "Microsoft")
    tenant = os.environ.get("SCRUTINY_OIDC_ENTRA_TENANT")
    entra = f"https://login.microsoftonline.com/{tenant}"
    entra_endpoints = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{entra}/oauth2/v2.0/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{entra}/oauth2/v2.0/token",
        "OIDC_OP_USER_ENDPOINT": "https://graph.microsoft.com/oidc/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{entra}/discovery/v2.0/keys",
    }
    for endpoint in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
        key = f"OIDC_OP_{endpoint}_ENDPOINT"
        value = os.environ.get(key) or (entra_endpoints[key] if tenant else "")
        if not value:
            raise ImproperlyConfigured(
                f"SCRUTINY_OIDC_CLIENT_ID is set, so give {key} or SCRUTINY_OIDC_ENTRA_TENANT"
            )
        globals()[key] = value
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "accounts.oidc.InvitedPeople"]
    INSTALLED_APPS.append("mozilla_django_oidc")
    LOGIN_REDIRECT_URL = "/"
    LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?single-sign-on=failed"
