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
# Import the app once in the master: workers fork with Django loaded (faster start, shared pages).
preload_app = True
# Recycling a worker costs a fork and a cold Django: at 2000 it restarted one about once a second
# at bare-view rates, halving throughput (issue 16). 0 turns recycling off; jitter spreads restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10))
accesslog = "-"
# Access log lines name saved codes and plan tokens by a hash only (iqportal/access_log.py).
logger_class = "iqportal.access_log.RedactingLogger"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
