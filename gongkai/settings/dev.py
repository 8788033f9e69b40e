"""Local development. The only place with insecure defaults."""

from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEV_SECRET_KEY = "dev-insecure-gongkai-key-do-not-use-in-production"
SECRET_KEY = DEV_SECRET_KEY
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Mail sent in development (reminders, bulletins, notices) is written to files under var/mail/
# instead of being sent or dumped on the console.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
