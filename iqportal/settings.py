"""IQ Portal settings: one module, configured from the environment.

Local use: `bash scripts/run.sh` writes `.env` (a secret key, local hosts, console e-mail; never
committed), which this module reads, so the README's `manage.py` commands work as written and
the portal shows its own error pages. `DEBUG=true` is for Django's debug pages only.
Production: `SECRET_KEY`, `ALLOWED_HOSTS`, `DATABASE_URL=postgres://...` in the environment; a
missing one stops the start with a message naming it. `manage.py check --deploy` is clean with
the defaults below.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_env_file(path: Path) -> None:
    """``NAME=value`` lines (``#`` comments) as defaults: the real environment wins."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=value.")
        os.environ.setdefault(name.strip(), value.strip().strip("'\""))


# ENV_FILE= (empty) reads none, as the test command does.
_env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if _env_file and Path(_env_file).is_file():
    read_env_file(Path(_env_file))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set it in the environment; for local use "
            "'bash scripts/run.sh' writes one into .env."
        )
    SECRET_KEY = "django-insecure-local-development-only"

# Key rotation (docs/operations.md): the new key in SECRET_KEY, the old ones here (comma-
# separated) until the sessions and links signed with them have expired.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "pathways",
    "counselling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML (and JSON) where no proxy does: after whitenoise (which serves its own
    # precompressed static files), before every middleware that reads or writes the body.
    # GZIP_HTML=false when the proxy compresses. BREACH: see docs/operations.md. Django's, at
    # level 3 (iqportal/compression.py).
    "iqportal.compression.GZipMiddleware",
    # Outside the session, so that it also marks the pages answered after a failure there.
    "iqportal.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # ?lang=de for one page (the link to the binding German version); de/en on staff pages.
    "iqportal.languages.LanguageScopeMiddleware",
    # A NUL byte in the path, query or form: 400 in the user's language, before any view.
    "iqportal.middleware.NulByteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "iqportal.middleware.IdleTimeoutMiddleware",
    "iqportal.middleware.SecondFactorMiddleware",
    "iqportal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Versions of corrected consultations record who changed them (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

if not env_bool("GZIP_HTML", True):
    MIDDLEWARE.remove("iqportal.compression.GZipMiddleware")
# Benchmarks only (scripts/bench.sh): the bare floor view /bench/floor answers, else a 404.
BENCH_FLOOR = env_bool("BENCH_FLOOR", False)

ROOT_URLCONF = "iqportal.urls"
FORM_RENDERER = "iqportal.renderers.PortalFormRenderer"
WSGI_APPLICATION = "iqportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "iqportal.languages.languages",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default so that the portal runs with nothing installed; PostgreSQL in tests
# and production through DATABASE_URL. A read replica for reports: DATABASE_REPLICA_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["iqportal.db_routers.ReportsReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Seasons, months, cities and the portal's name plus digits: "Sommer2026", "Frankfurt1".
    {"NAME": "iqportal.security.ContextWordValidator"},
]
# Counsellors' accounts guard personal data (see iqportal/security.py): django-axes locks an
# address after AXES_FAILURE_LIMIT wrong passwords for AXES_COOLOFF_TIME; one user name gets an
# exponential delay instead of a lockout, so that nobody can lock a real user out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_CALLABLE = "iqportal.views.login_locked"
AXES_CLIENT_IP_CALLABLE = "iqportal.security.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_DELAY_FREE_FAILURES = env_int("LOGIN_DELAY_FREE_FAILURES", 3)
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 60)
# Behind a reverse proxy: the header that carries the client's address (as in request.META,
# e.g. HTTP_X_FORWARDED_FOR), believed only from TRUSTED_PROXIES. Empty: REMOTE_ADDR.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# TOTP second factor (django-otp) for every staff role; the issuer names the app's entry.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "IQ Portal")

# E-mail from the environment (Django's MAILERS): password reset is offered only where mail can
# be sent, i.e. EMAIL_BACKEND is set; scripts/run.sh writes the console backend into .env.
_email_backend = os.environ.get("EMAIL_BACKEND", "")
MAIL_CONFIGURED = bool(_email_backend)
_smtp = _email_backend == "django.core.mail.backends.smtp.EmailBackend"
# No mailer at all without EMAIL_BACKEND: nothing pretends to send.
MAILERS = (
    {
        "default": {
            "BACKEND": _email_backend,
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            }
            if _smtp
            else {},
        }
    }
    if MAIL_CONFIGURED
    else {}
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IQ Portal <no-reply@localhost>")

# A counsellor may correct their own consultation for this many days after saving it; the
# earlier version is kept (django-simple-history).
COUNSELLING_CORRECTION_DAYS = env_int("COUNSELLING_CORRECTION_DAYS", 30)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "counselling:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "de"
# Each language is named in itself in the switch, so the names are not translated.
# German is binding, English second; the others as the people who use the portal speak them.
# Bosnian-Croatian-Serbian in Latin script is "bs": Django's code for a Latin-script standard of
# the three ("sr" is Cyrillic, "hr" names Croatian alone). Farsi and Dari share "fa".
# Adding a language: a line here is the only code; see README, "Adding a language".
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("sq", "Shqip"),
    ("bs", "Bosanski / Hrvatski / Srpski"),
    ("fa", "فارسی"),
    ("fr", "Français"),
    ("es", "Español"),
]
# The counselling app (and the staff login) is German and English only.
STAFF_LANGUAGES = ("de", "en")
LOCALE_PATHS = [BASE_DIR / "iqportal" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# English dates as "2 December 2026" (Django's default for "en" is "Dec. 2, 2026").
FORMAT_MODULE_PATH = ["iqportal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "iqportal.static_storage.StaticFilesStorage"},
}

# The cache holds state every worker and server must share (the code-guessing throttles of
# pathways/throttle.py): the database cache (table created by migration pathways 0002) by
# default, Redis where REDIS_URL is set (needs the ``redis`` package). Never local memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "iqportal_cache",
        }
    }
CACHES["throttle"] = {**CACHES["default"], "KEY_PREFIX": "throttle"}
# Rendered template fragments that do not depend on the person ({% cache ... using="fragments" %},
# keyed by everything they show): per worker in memory, nothing shared, so local memory is right.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Rendered figures pages under the versions of their data (counselling.figures_cache): per
# worker, a few hundred pages of 30-100 KB each.
CACHES["figures"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "figures",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 300},
}
# Wrong questionnaire codes allowed per window, from one address and from all together.
CODE_THROTTLE_WINDOW_SECONDS = env_int("CODE_THROTTLE_WINDOW_MINUTES", 15) * 60
CODE_GUESSES_PER_ADDRESS = env_int("CODE_GUESSES_PER_ADDRESS", 10)
CODE_GUESSES_GLOBAL = env_int("CODE_GUESSES_GLOBAL", 300)

# Sessions live in the database, so any app server can answer any request. Staff sessions also
# end after SESSION_IDLE_TIMEOUT_MINUTES without a request (iqportal.middleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Behind a TLS-terminating load balancer; production defaults, relaxed by DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
# The chosen language is remembered for a year (Django's default forgets it with the browser).
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Without EMAIL_BACKEND the portal sends no mail on purpose (no password reset by mail):
# Django's warning that MAILERS has no default entry says nothing new then.
SILENCED_SYSTEM_CHECKS: list[str] = [] if MAIL_CONFIGURED else ["mail.W001"]
# The covering indexes of the figures (counselling.models) hold extra columns on PostgreSQL
# only; SQLite (the demo) gets them as plain indexes, as intended.
SILENCED_SYSTEM_CHECKS.append("models.W040")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Retention (counselling/retention.py; `manage.py apply_retention`, run daily): clients with no
# consultation for CLIENT_RETENTION_MONTHS are anonymised, questionnaire answers copied into a
# consultation are deleted after QUESTIONNAIRE_COPY_MONTHS, audit log entries are kept for
# AUDIT_LOG_RETENTION_DAYS. The database refuses to delete entries younger than 365 days
# (migration counselling 0005), so a shorter setting would only fail later.
CLIENT_RETENTION_MONTHS = env_int("CLIENT_RETENTION_MONTHS", 36)
QUESTIONNAIRE_COPY_MONTHS = env_int("QUESTIONNAIRE_COPY_MONTHS", 12)
AUDIT_LOG_MINIMUM_DAYS = 365
AUDIT_LOG_RETENTION_DAYS = env_int("AUDIT_LOG_RETENTION_DAYS", 730)
if AUDIT_LOG_RETENTION_DAYS < AUDIT_LOG_MINIMUM_DAYS:
    raise ImproperlyConfigured(
        f"AUDIT_LOG_RETENTION_DAYS must be at least {AUDIT_LOG_MINIMUM_DAYS}, "
        f"not {AUDIT_LOG_RETENTION_DAYS}."
    )
