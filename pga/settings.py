"""Settings for PGA casusregie, read from the environment (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A production start without a key would sign sessions with a guessable value.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(a long random string) or run with DEBUG=true for local development only."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "pga.apps.PGAAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # Django's own widget templates, for FORM_RENDERER below
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Not "rest_framework": the API needs none of its templates or models, and its Dutch
    # catalogue would override Django's own words ("Dit veld is vereist." for "… verplicht.")
    # on every form. The API writes its Dutch itself (cases/api/errors.py).
    "drf_spectacular",
    "pga",
    "partners",
    "cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pga.middleware.SecurityHeadersMiddleware",
    "pga.middleware.DutchNotFoundMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Around everything below, so that what they refuse (an expired session, a missing
    # second factor, odd input) is logged like any other refusal.
    "pga.access_log.AccessLogMiddleware",
    "pga.middleware.SessionLimitsMiddleware",
    "pga.middleware.RefuseOddInputMiddleware",
    "pga.two_factor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lock-out response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pga.urls"

# Bounded input: no request body over 1 MB is read (the largest form, every field at its
# maximum in four-byte characters, is about half of that); RefuseOddInputMiddleware answers
# with a Dutch page before anything else reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

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
                "pga.context_processors.navigation",
            ],
        },
    },
]

# Widgets render with the project's template settings, so a widget template of our own can
# live in templates/ (includes/widgets/); Django's own come from "django.forms" above.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "pga.wsgi.application"


def with_session_options(database: dict) -> dict:
    """PostgreSQL compiles a plan to machine code (JIT) when its estimated cost passes
    ``jit_above_cost``: worth it for an hour-long report, but a list page whose estimate
    ran high spent 1.5 s compiling a 47 ms query (README, Performance). Off for our
    sessions; DATABASE_SESSION_OPTIONS overrides."""
    if "postgresql" in database.get("ENGINE", ""):
        options = os.environ.get("DATABASE_SESSION_OPTIONS", "-c jit=off")
        database.setdefault("OPTIONS", {})["options"] = options
    return database


DATABASES = {
    "default": with_session_options(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        )
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An index's INCLUDE columns (Involvement's involvement_open_partner_idx) cover PostgreSQL's
# index-only scans; SQLite (the demo) builds the same index without them, which is fine.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its account/address pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, loading role and organisation with the user (pga/auth.py).
    "pga.auth.PGABackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Guardian's anonymous user would be a real account that can hold grants; we never grant
# anything to anonymous visitors, so we do without it.
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Dates as dd-mm-jjjj and times on a 24-hour clock wherever a template shows one without a
# format of its own ({{ value|date }}); Django's own 'nl' formats ("j F Y") would win over
# DATE_FORMAT here, so the project's formats sit in a format module of its own.
FORMAT_MODULE_PATH = ["pga.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# Sessions: out after SESSION_IDLE_MINUTES without a request, and after SESSION_MAX_HOURS in
# any case (pga.middleware.SessionLimitsMiddleware); gone when the browser closes. Activity
# renews the idle limit at most once a minute, not with a write on every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_MAX_HOURS = float(os.environ.get("SESSION_MAX_HOURS", "12"))
LOGIN_URL_PATH = "/inloggen/"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production: HTTPS only. Behind the city's proxy, TLS ends there; it tells us with
    # X-Forwarded-Proto (set TRUSTED_PROXY_SSL_HEADER=false if it does not).
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("TRUSTED_PROXY_SSL_HEADER", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step and every CSS rule it skips.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # its lock-outs are warnings; its start banner is not
    },
}

# Two-factor login (TOTP, with backup codes) for every account. Only a local DEBUG run may
# switch it off; production settings cannot.
TWO_FACTOR_REQUIRED = True if not DEBUG else env_bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "PGA casusregie"

# Brute force: after LOGIN_FAILURE_LIMIT failed logins the pair (account, client address) is
# locked for LOGIN_LOCKOUT_MINUTES. Locking the pair, not the address, keeps everyone else
# behind the city's proxy (one address) working.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_VERBOSE = True
# Client addresses (lock-out and access log): behind TRUSTED_PROXY_COUNT proxies the client
# is that many entries from the right in X-Forwarded-For; with 0, REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "pga.client_ip.client_ip"
# A typed name that belongs to no account is counted, and stored, as a fingerprint only.
AXES_USERNAME_CALLABLE = "pga.login_names.username_for_lockout"

# The reason of a change (shown in the Historie) is as long as the forms allow (1000
# characters); simple-history's default column holds 100 and would refuse a longer one.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History is read, never restored from the admin (pga.admin.HistoryAdmin refuses the POST).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Bewaartermijn: a closed case is removed this many years after closure (purge_expired_cases).
CASE_RETENTION_YEARS = int(os.environ.get("CASE_RETENTION_YEARS", "5"))

# The informing letter (informatiebrief) names who runs the PGA and where a youth or parent
# asks for access, correction or deletion, or objects. The defaults are fictional (the demo);
# a deployment sets its own.
PGA_ORGANISATION = os.environ.get("PGA_ORGANISATION", "Gemeente Rotterdam, Directie Veiligheid")
PRIVACY_CONTACT = {
    "name": os.environ.get("PRIVACY_CONTACT_NAME", "Gemeente Rotterdam, team Privacy PGA"),
    "address": os.environ.get("PRIVACY_CONTACT_ADDRESS", "Postbus 0000, 3000 AA Rotterdam"),
    "email": os.environ.get("PRIVACY_CONTACT_EMAIL", "privacy-pga@example.org"),
}

# The footer's pages (/privacyverklaring/, /toegankelijkheid/, /helpdesk/). Their texts are
# templates (templates/statements/) a municipality may override; these settings fill them in.
PGA_HELPDESK = {
    "phone": os.environ.get("PGA_HELPDESK_PHONE", "14 010"),
    "email": os.environ.get("PGA_HELPDESK_EMAIL", "helpdesk-pga@example.org"),
    "hours": os.environ.get("PGA_HELPDESK_HOURS", "maandag tot en met vrijdag, 8.30 tot 17.00 uur"),
}
# Where the municipality publishes its accessibility statement (the register at
# toegankelijkheidsverklaring.nl); the /toegankelijkheid/ page links to it when set.
PGA_ACCESSIBILITY_STATEMENT_URL = os.environ.get("PGA_ACCESSIBILITY_STATEMENT_URL", "")

# Proportionality (docs/privacy.md). An involvement gives access until its end date: by
# default this many months after its start, at most the maximum; it is renewed with a reason.
INVOLVEMENT_DEFAULT_MONTHS = int(os.environ.get("INVOLVEMENT_DEFAULT_MONTHS", "6"))
INVOLVEMENT_MAX_MONTHS = int(os.environ.get("INVOLVEMENT_MAX_MONTHS", "12"))
# The coordinator's dashboard lists involvements that end within this many days.
INVOLVEMENT_EXPIRY_WARNING_DAYS = int(os.environ.get("INVOLVEMENT_EXPIRY_WARNING_DAYS", "14"))
# The information level a new involvement gets unless the coordinator chooses: 'dat' (that
# the case exists and who is involved), or 'wat' (the shared content) for the legal grounds
# listed here (an exchange under the convenant, or consent).
INVOLVEMENT_DEFAULT_LEVEL = os.environ.get("INVOLVEMENT_DEFAULT_LEVEL", "dat")
INVOLVEMENT_WAT_LEGAL_BASES = tuple(
    os.environ.get("INVOLVEMENT_WAT_LEGAL_BASES", "convenant,toestemming").split(",")
)
# Every active case has a proportionaliteitstoets this many days after the last (or its
# start, or earlier at its review); a toets this many days overdue is flagged on every page.
PROPORTIONALITY_INTERVAL_DAYS = int(os.environ.get("PROPORTIONALITY_INTERVAL_DAYS", "91"))
# A choice list longer than this is a search field (pga.widgets.ComboBox) instead of a
# select: the page then holds no list that grows with the city.
COMBOBOX_THRESHOLD = int(os.environ.get("COMBOBOX_THRESHOLD", "50"))
PROPORTIONALITY_LONG_OVERDUE_DAYS = int(os.environ.get("PROPORTIONALITY_LONG_OVERDUE_DAYS", "30"))
# Afschalen is suggested when, among other facts, no police or OM contact was logged in
# this many months.
SCALE_DOWN_QUIET_MONTHS = int(os.environ.get("SCALE_DOWN_QUIET_MONTHS", "6"))

# Sturingsinformatie (/sturing/): a cell that counts fewer people than this shows as "< 5"
# (also a median, and a share whose denominator is smaller), in the page and every export.
REPORT_MIN_CELL = int(os.environ.get("REPORT_MIN_CELL", "5"))
# The Sturingsinformatie's figures are counted in the background (they read every case of
# the period); a page asked again within this many minutes shows the ones counted then.
REPORT_FIGURES_MINUTES = int(os.environ.get("REPORT_FIGURES_MINUTES", "15"))
# The longest period the Sturingsinformatie covers at once, in months.
REPORT_MAX_MONTHS = int(os.environ.get("REPORT_MAX_MONTHS", "36"))

# How long the access log (inzagelog) is kept; purge_access_log removes older rows.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", str(5 * 365)))

# The group whose members are procescoördinatoren: it alone holds model-level case permissions.
COORDINATORS_GROUP = "Procescoördinatoren"
# Functioneel beheer: maintains partners, accounts and reference lists in /beheer/; only its
# members reach /beheer/ (the staff flag alone opens nothing).
ADMINISTRATORS_GROUP = "Functioneel beheer"
# Toezicht / privacyfunctionaris: reads the access log (/toezicht/inzagelog/), nothing else.
SUPERVISORS_GROUP = "Toezicht (privacyfunctionaris)"
# Management (directie, bureau burgemeester): reads /sturing/, aggregated figures with small
# numbers suppressed; never a person, a case number or free text.
MANAGEMENT_GROUP = "Management (sturingsinformatie)"

# Background work: Celery with Redis (pga/celery.py). CELERY_BROKER_URL, e.g.
# redis://127.0.0.1:6379/0, sends tasks to workers (`make worker`, or the services of the
# README); without it every task runs at once in the process that asks for it (the demo).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False  # as with a worker: a failing task is recorded, not raised
# Results live in our own tables (jobs, archived PDFs, notifications), not in the broker.
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it is done, not when it starts: a worker that dies hands its
# task to another (tasks are idempotent). One task at a time per process: PDFs are long.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# WeasyPrint's memory grows over many PDFs: a worker process is replaced after this many.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_MAX_TASKS_PER_CHILD", "50"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis redelivers a task nobody acknowledged after this long: longer than the longest.
    "visibility_timeout": 2 * 3600,
    # A web request that queues a task while Redis is down gives up in well under a second
    # (kombu's default keeps it trying for seconds): the work is saved and the scheduler's
    # sweep queues it when Redis is back (pga/jobs.py).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Hours a background job's result (a PDF, an export) stays for the user who asked for it.
JOB_RESULT_HOURS = int(os.environ.get("JOB_RESULT_HOURS", "24"))
CELERY_IMPORTS = (
    "pga.tasks",
    "pga.jobs",
    "pga.notifications",
    "cases.notifications.tasks",
    "cases.overviews.tasks",
    "cases.privacy.tasks",
    "cases.proportionality.tasks",
)
# The one scheduler (celery beat, `make worker` or its own service): the schedule is code,
# reviewed and the same on every machine, so there is no schedule in the database to drift
# (django-celery-beat would add one). Times are Amsterdam's. Each entry's task is
# idempotent, so a second beat by mistake does no harm.
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "maandoverzichten": {
        # The first of the month, early: the previous month's overviews, one task each.
        "task": "cases.generate_monthly_overviews",
        "schedule": crontab(minute=0, hour=3, day_of_month=1),
    },
    "inzagelog-opschonen": {
        "task": "pga.purge_access_log",
        "schedule": crontab(minute=15, hour=2),
    },
    "casussen-opschonen": {
        "task": "cases.purge_expired_cases",
        "schedule": crontab(minute=30, hour=2),
    },
    "taken-opnieuw-in-de-wachtrij": {
        # Jobs asked for while the broker was down (or left by a dead worker) are queued.
        "task": "pga.queue_waiting_jobs",
        "schedule": 60.0,
    },
    "taakresultaten-opruimen": {
        "task": "pga.remove_expired_jobs",
        "schedule": crontab(minute=40),
    },
    "betrokkenheden-laten-verlopen": {
        "task": "cases.expire_involvements",
        "schedule": crontab(minute=5, hour=0),
    },
    "herinneringen": {
        # Agreements due in 3 days or overdue, access that ends in 14 days, the
        # coordinators' daily overview: made before the digests go out.
        "task": "cases.send_reminders",
        "schedule": crontab(minute=30, hour=6),
    },
    "dagelijkse-meldingen": {
        # One e-mail per user with the notifications they chose to get once a day.
        "task": "pga.send_digests",
        "schedule": crontab(minute=0, hour=7),
    },
    "e-mails-opnieuw-in-de-wachtrij": {
        # E-mails recorded while the broker was down (or left by a dead worker) are queued.
        "task": "pga.queue_waiting_emails",
        "schedule": crontab(minute="*/5"),
    },
}

# E-mail (notifications, pga/notifications.py). With EMAIL_HOST set, mail goes to that SMTP
# server; without it (the demo) each e-mail is printed on the console. Links in the e-mails
# start with PGA_SITE_URL, the address users know the product by.
PGA_SITE_URL = os.environ.get("PGA_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "PGA casusregie <noreply-pga@example.org>"
)
# A meeting's calendar entry lasts this long (a meeting has a start, not an end).
MEETING_CALENDAR_MINUTES = int(os.environ.get("MEETING_CALENDAR_MINUTES", "120"))

# Cache: the API's rate limits count here. With CACHE_URL (redis://…) every worker process
# counts together; without it each process counts on its own (the demo, tests).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The read-only API (/api/, cases/api/). A system account reads with a token that
# functioneel beheer proposes and a second beheerder approves (partners.tokens).
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "50"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "366"))
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/minute")
API_RATE_LIMIT_REFUSED = os.environ.get("API_RATE_LIMIT_REFUSED", "30/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["cases.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [
        "cases.api.throttling.CountRefused",
        "rest_framework.permissions.IsAuthenticated",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "cases.api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": ["cases.api.throttling.PerAccount"],
    "DEFAULT_THROTTLE_RATES": {"api": API_RATE_LIMIT, "api_refused": API_RATE_LIMIT_REFUSED},
    "EXCEPTION_HANDLER": "cases.api.errors.problem_details",
    "DEFAULT_SCHEMA_CLASS": "cases.api.schema.ApiSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS describes nothing: the schema does
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PGA casusregie API",
    "DESCRIPTION": (
        "Alleen lezen. Een systeemaccount ziet precies wat de medewerkers van zijn "
        "organisatie zien; een account met de rol management alleen de cijfers van de "
        "sturingsinformatie, met kleine aantallen onderdrukt."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "SERVE_AUTHENTICATION": [
        "cases.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SECURITY": [{"token": []}],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "Authorization: Bearer <token van functioneel beheer>",
            }
        }
    },
    "AUTHENTICATION_WHITELIST": [],
}
