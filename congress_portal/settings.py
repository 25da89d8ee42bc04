"""Settings, all read from the environment (see README "Configuration").

The defaults need no services: SQLite, Celery tasks run eagerly, console
email, media in a local folder. Production sets DEBUG=false and the rest.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from .environment import StrictEnv

BASE_DIR = Path(__file__).resolve().parent.parent
env = StrictEnv()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key" if DEBUG else env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "congress_portal.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_filters",
    "import_export",
    "simple_history",
    "congress_portal.apps.AxesConfig",
    "csp",
    # Ours, lowest first: each may import only those above it.
    "django.forms",  # its widget templates, for FORM_RENDERER
    "congress_portal",
    "deputies",
    "liaison_stations",
    "suggestions",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congress_portal.sessions.keep_alive",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "congress_portal.urls"
WSGI_APPLICATION = "congress_portal.wsgi.application"

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
                "congress_portal.context_processors.navigation",
            ],
        },
    },
]
# Widgets render through TEMPLATES (templates/django/forms/ overrides Django's own),
# selects in Python (congress_portal.widgets.FormRenderer).
FORM_RENDERER = "congress_portal.widgets.FormRenderer"
# django-filter's empty choice of a filter: every row.
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Production (DEBUG off) must name its database and Redis: SQLite and eager
# tasks are for a single development process.
SQLITE = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url("DATABASE_URL", default=SQLITE if DEBUG else env.NOTSET)}
DATABASES["default"]["CONN_MAX_AGE"] = env.non_negative_int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.redis_url("REDIS_URL", default="" if DEBUG else env.NOTSET)
# A page never waits long on a Redis that is down or hung: 1 s to connect, 1 s for
# a reply; the callers count afresh or go without (e.g. reports.figures).
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": {"BACKEND": LOCAL_MEMORY},
    # Each process's own, for what is cheap to learn again: searches counted past their
    # cap (congress_portal.paging).
    "local": {"BACKEND": LOCAL_MEMORY, "LOCATION": "local"},
}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "cache",  # apart from Celery's keys in the same database
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }

# Accounts and security
AUTH_USER_MODEL = "congress_portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "congress_portal.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "congress_portal.validators.CharacterClassValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env.positive_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.positive_int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The page promises "locked for N minutes": attempts during the lock do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "congress_portal.views.locked_out"

# Idle timeout: the session lives SESSION_IDLE_MINUTES past the last request, renewed
# at most once a minute (congress_portal.sessions.keep_alive).
SESSION_COOKIE_AGE = 60 * env.positive_int("SESSION_IDLE_MINUTES", default=30)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A deputy may choose to stay signed in on their own phone: until this many days after
# signing in, whatever the use.
REMEMBER_DEPUTY_DAYS = env.positive_int("REMEMBER_DEPUTY_DAYS", default=14)

# Reverse proxies in front of the portal: only then are X-Forwarded-* believed.
TRUSTED_PROXY_COUNT = env.non_negative_int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "congress_portal.access.client_address"
# The public pages' limits (django-ratelimit, counted in the cache): sending a matter,
# per address and per mobile number; looking a matter up, per address and per number.
PUBLIC_SEND_RATE = env.rate("PUBLIC_SEND_RATE", default="10/h")
PUBLIC_SEND_PHONE_RATE = env.rate("PUBLIC_SEND_PHONE_RATE", default="3/d")
PUBLIC_TRACK_RATE = env.rate("PUBLIC_TRACK_RATE", default="30/h")
PUBLIC_TRACK_NUMBER_RATE = env.rate("PUBLIC_TRACK_NUMBER_RATE", default="10/h")
RATELIMIT_VIEW = "congress_portal.views.rate_limited"
# Online matters: the constituent's name and number are erased this many years after
# the matter is closed (the public form's notice says so).
ONLINE_MATTER_RETENTION_YEARS = env.positive_int("ONLINE_MATTER_RETENTION_YEARS", default=3)

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
HSTS_YEAR = 31_536_000
SECURE_HSTS_SECONDS = 0 if DEBUG else env.non_negative_int("SECURE_HSTS_SECONDS", default=HSTS_YEAR)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = not DEBUG
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Language and time
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# Files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
MEDIA_URL = "media/"  # no URL serves it: files go out through views (congress_portal.files)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads: each file at most UPLOAD_MAX_MB; photos at most UPLOAD_MAX_MEGAPIXELS.
UPLOAD_MAX_MB = env.positive_int("UPLOAD_MAX_MB", default=10)
UPLOAD_MAX_MEGAPIXELS = env.positive_int("UPLOAD_MAX_MEGAPIXELS", default=40)
# Who sends a stored file once a view has checked who may see it: Django streams it,
# or the web server in front does (nginx: X-Accel-Redirect to its `internal` location
# SENDFILE_URL, see deploy/nginx.conf; Apache or lighttpd: X-Sendfile).
FILE_SERVER = env.choice("FILE_SERVER", ["django", "nginx", "xsendfile"], default="django")
# "development" streams with django.views.static.serve.
SENDFILE_BACKEND = "django_sendfile.backends." + FILE_SERVER.replace("django", "development")
SENDFILE_ROOT = MEDIA_ROOT
SENDFILE_URL = "/internal-media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="人大街道工委门户 <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is emailed when a scheduled job fails or is overdue (comma-separated; empty: nobody,
# the staff home and the admin still show it).
ALERT_EMAILS = env.list("ALERT_EMAILS", default=[])
# The portal's address for links in emails, e.g. https://rd.example.gov.cn; empty: the
# first of ALLOWED_HOSTS over https (http://127.0.0.1:8000 with DEBUG on).
PORTAL_URL = env.str("PORTAL_URL", default="")

# Celery: eager (no broker) until REDIS_URL is set.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process is replaced after a task that leaves it above this (KB): bounded memory.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 600_000
# The longest task (a city's ledger exported to Excel) is killed after this long.
LONGEST_TASK_SECONDS = 32 * 60
# Every worker takes the queues in this order (queue_order_strategy "priority"):
# the documents staff wait for, then housekeeping, then bulk mail, so that a PDF
# asked for now never waits behind a quarter's reminder letters.
# Each queue is bound by its own name, so that a message for one never reaches another.
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in ("documents", "celery", "bulk")]
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    **dict.fromkeys(
        [
            "reports.tasks.render_annual_report",
            "reports.tasks.render_archive",
            "congress_portal.tasks.recount",
            "reports.tasks.count_report_figures",
            "deputies.tasks.render_thank_you_letters",
            "congress_portal.tasks.run_sheet_job",
        ],
        {"queue": "documents"},
    ),
    **dict.fromkeys(
        [
            "deputies.tasks.issue_reminder_letters",
            "deputies.tasks.deliver_reminder_letter",
            "liaison_stations.tasks.remind_duties_tomorrow",
            "reports.tasks.send_supervision_digests",
        ],
        {"queue": "bulk"},
    ),
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "queue_order_strategy": "priority",
    # A task not acked within the visibility timeout is handed to another
    # worker: just after the longest task would have been killed (time limits
    # below), so that a dead worker's task comes back within minutes of that.
    # Documents and letters come back sooner: the minute's sweep takes up those
    # whose worker died (congress_portal.documents, deputies.letters).
    "visibility_timeout": LONGEST_TASK_SECONDS + 3 * 60,
    # A request never waits long on a Redis that is down: publishing makes one
    # connection attempt (1 s to connect, 2 s for a reply, while a worker's
    # BRPOP answers within 1 s) and fails; congress_portal.jobs then keeps the
    # job in its outbox for the sweep.
    "max_retries": 0,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1  # the result backend's connections too
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Deputies on duty check in from this many minutes before their session starts
# to as many after it ends.
CHECK_IN_MARGIN_MINUTES = env.non_negative_int("CHECK_IN_MARGIN_MINUTES", default=30)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Without these, any user who can open the admin may import and export every model.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Text a spreadsheet would take for a formula is not exported as one. (Our own
# sheets, the admin's background exports included, go through congress_portal.ledgers.)
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR"], default="INFO"),
    },
    # WeasyPrint and fontTools report every step of a rendering at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ["axes", "weasyprint", "fontTools"]},
}
