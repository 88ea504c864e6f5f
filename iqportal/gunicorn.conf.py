"""gunicorn settings for production: `gunicorn -c iqportal/gunicorn.conf.py`."""

import multiprocessing
import os

wsgi_app = "iqportal.wsgi:application"
# Loopback unless told otherwise: the proxy in front is the only way in (its rate limits hold).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 30
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# Access log lines name saved codes and plan tokens by a hash only (iqportal/access_log.py).
logger_class = "iqportal.access_log.RedactingLogger"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
