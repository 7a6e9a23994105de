"""gunicorn settings of one Shifan app server (docs/deploy.md). Every server runs the same file.

    gunicorn -c deploy/gunicorn.conf.py shifan.wsgi:application

Knobs from the environment (systemd's EnvironmentFile, /etc/shifan.env): GUNICORN_BIND (default 127.0.0.1:8000;
on a server behind a separate nginx host: its private address), GUNICORN_WORKERS (default 2 × cores + 1),
GUNICORN_THREADS (default 4), GUNICORN_FORWARDED_ALLOW_IPS (the nginx hosts' addresses).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads: a request mostly waits on PostgreSQL, Redis or the object store, so threads add throughput cheaply;
# processes use the cores. 2 cores: 5 workers × 4 threads (the draft-save target was measured so).
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# nginx buffers request bodies (uploads up to the 20 MiB cap) and responses, so slow clients never hold a
# thread; 60 s covers the slowest synchronous request (heavy documents run as background tasks).
timeout = 60
graceful_timeout = 30
keepalive = 5
# A fresh process now and then bounds any slow growth of memory; the jitter keeps workers from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Only the nginx hosts may set X-Forwarded-*; Django reads the scheme through SHIFAN_BEHIND_TLS_PROXY and the
# client IP through SHIFAN_TRUSTED_PROXIES (shifan/accounts/lockout.py), not through gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to stdout/stderr: journald keeps them (journalctl -u shifan-web).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the application before forking: a broken setting fails the start, not the first request.
preload_app = True
