"""Gunicorn settings for gongkai in production (docs/deploy.md):

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Environment: GONGKAI_BIND (default 127.0.0.1:8000; comma-separated for several, "unix:/run/gongkai.sock"
for a socket), GONGKAI_WORKERS (default 2 × CPUs + 1, at most 8), GONGKAI_THREADS (per worker, default 4),
GONGKAI_FORWARDED_ALLOW_IPS (the reverse proxy's addresses, default 127.0.0.1). DJANGO_SETTINGS_MODULE
defaults to gongkai.settings.prod (gongkai/wsgi.py), which reads the rest from the environment.
"""

import multiprocessing
import os

wsgi_app = "gongkai.wsgi:application"
bind = [b.strip() for b in os.environ.get("GONGKAI_BIND", "127.0.0.1:8000").split(",") if b.strip()]

# Threaded workers: a page waits on the database and the cache, not on the CPU, and keep-alive
# connections from the reverse proxy are reused. Each worker process keeps its own in-memory page cache
# (gongkai.settings.prod, CACHES["pages"]), so fewer, threaded processes also share more of it.
worker_class = "gthread"
workers = int(os.environ.get("GONGKAI_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GONGKAI_THREADS", 4))
keepalive = 5

# A legacy .doc/.wps plan is converted by LibreOffice inside the upload request (at most 60 s,
# GONGKAI_SOFFICE_TIMEOUT): the worker timeout must be longer.
timeout = 120
graceful_timeout = 30
# Recycle workers now and then (bounded memory growth), not all at once.
max_requests = 5000
max_requests_jitter = 500

forwarded_allow_ips = os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GONGKAI_LOG_LEVEL", "info")
