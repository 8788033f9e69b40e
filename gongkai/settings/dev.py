"""Local development. The only place with insecure defaults."""

from .base import *  # noqa: F401,F403

DEV_SECRET_KEY = "dev-insecure-gongkai-key-do-not-use-in-production"
SECRET_KEY = DEV_SECRET_KEY
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
