"""gunicorn settings for careerpaths, from the environment (README, "Run in production").

`gunicorn careerpaths.wsgi` run from the project folder reads this file by itself.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from careerpaths.env import env_int, env_str

bind = [env_str("GUNICORN_BIND", "127.0.0.1:8000")]

# Processes for the cores, threads for waiting on the database and Redis.
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, minimum=1)
threads = env_int("GUNICORN_THREADS", 2, minimum=1)

# A request that takes longer than this is stuck: its worker is restarted.
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
# On restart or shutdown, requests in flight get this long to finish.
graceful_timeout = 30
# Idle keep-alive connections from the proxy.
keepalive = 5
# Recycle each worker after about this many requests (a leak cannot grow for ever); the jitter
# keeps the workers from all restarting at once. A new worker costs about a second of CPU
# (importing Django and the project, compiling templates): after 1,000 requests that was more
# than the requests themselves cost when the page cache answers them (bench/run.py).
max_requests = 20_000
max_requests_jitter = 2_000

# Request limits: the request line, the number of headers and the size of one header. The body
# is limited by the proxy (client_max_body_size) and by Django (REQUEST_MAX_BYTES).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# No runtime control socket (gunicorn 25.1+): it would live in $HOME, shared by every instance
# on the machine, and nothing here uses gunicornc. Restart through the process supervisor.
control_socket_disable = True

# The proxies whose X-Forwarded-* headers gunicorn believes.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs: JSON lines on standard output, the access lines with the request id that Django's
# RequestIdMiddleware put in the X-Request-ID response header (careerpaths/logs.py).
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "careerpaths.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}
