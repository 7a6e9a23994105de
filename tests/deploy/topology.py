"""The deployment of docs/deploy.md on one machine: several gunicorn app servers behind nginx.

Used by tests/deploy/test_app_servers.py and benchmarks/bench_drafts.py (``--servers 2``). The app servers
are separate processes that share only PostgreSQL and Redis (cache and cached_db sessions), as on separate
hosts; nginx balances them round-robin with the proxy settings of deploy/nginx.conf (headers, buffering,
retry on the next server), on plain HTTP: TLS ends at nginx in production and is not what is tested here.
"""

import http.client
import http.cookies
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What each app server adds to the environment: DEBUG off, the local host names; behind nginx, one trusted
# proxy (the rightmost X-Forwarded-For entry is the client).
APP_SERVER_ENV = {"SHIFAN_DEBUG": "0", "SHIFAN_ALLOWED_HOSTS": "127.0.0.1,localhost"}
BEHIND_PROXY_ENV = {"SHIFAN_TRUSTED_PROXIES": "1"}

NGINX_CONF = """\
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream shifan_app {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 24m;
        proxy_request_buffering on;
        proxy_buffering on;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Host "";
        proxy_connect_timeout 5s;
        proxy_read_timeout 65s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 2;
        # Which app server answered: the tests check that every server took part.
        add_header X-Upstream $upstream_addr always;
        location /media/ {{ return 404; }}
        location / {{ proxy_pass http://shifan_app; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, what: str, path: str = "/login/", seconds: float = 60) -> None:
    """Until ``path`` answers 200 on the port; a process that exits or a timeout raises RuntimeError."""
    deadline = time.monotonic() + seconds
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer on 127.0.0.1:{port}")
        time.sleep(0.3)


def start_app_server(port: int, *, env: dict, log: Path, workers: int = 1, threads: int = 4,
                     behind_proxy: bool = True) -> subprocess.Popen:
    """One gunicorn app server (gthread) on 127.0.0.1:``port`` with ``env`` over this process's environment."""
    env = {**APP_SERVER_ENV, **(BEHIND_PROXY_ENV if behind_proxy else {}), **env}
    with log.open("w") as errors:  # the child keeps its own descriptor
        server = subprocess.Popen(  # noqa: S603 -- our own venv's gunicorn with fixed arguments
            [str(Path(sys.executable).parent / "gunicorn"), "shifan.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
             "--log-level", "warning", "--timeout", "60"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            stdout=subprocess.DEVNULL, stderr=errors,
        )
    wait_for(port, server, f"gunicorn (log: {log})")
    return server


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def start_nginx(port: int, upstream_ports: list[int], directory: Path) -> subprocess.Popen:
    """nginx in the foreground on 127.0.0.1:``port`` balancing the app servers; its files under ``directory``."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    directory.mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in upstream_ports)
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=port, servers=servers), encoding="utf-8")
    # As root, nginx's workers would run as "nobody", who may not write the temporary directories.
    user = ["-g", "daemon off; user root;"] if os.geteuid() == 0 else ["-g", "daemon off;"]
    with (directory / "stderr.log").open("w") as errors:
        process = subprocess.Popen(  # noqa: S603 -- the system's nginx with our own configuration file
            [binary, "-p", str(directory), "-c", str(conf), *user], stdout=subprocess.DEVNULL, stderr=errors,
        )
    wait_for(port, process, f"nginx (log: {directory / 'error.log'})")
    return process


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


class Browser:
    """One user's browser: a cookie jar and plain HTTP/1.1 requests to 127.0.0.1."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}
        self.last_headers: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        """(status, Location, body) of one request; cookies set by the answer are kept."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            headers = dict(headers or {})
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urllib.parse.urlencode(form, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            self.last_headers = {k.lower(): v for k, v in response.getheaders()}
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location", ""), data
        finally:
            connection.close()

    def log_in(self, username: str, password: str, headers: dict | None = None) -> bool:
        """Through the login form, as a person does; True when it led away from the login page."""
        self.request("GET", "/login/")
        status, location, _ = self.request("POST", "/login/", {
            "username": username, "password": password, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")},
            headers)
        return status == 302 and "/login/" not in location


REPORT_FIELDS = ("report_basics", "report_region", "report_management", "report_services", "report_achievements",
                 "report_support", "report_plans")


def report_section(page: str) -> tuple[int, dict]:
    """The 申请报告 section page's optimistic-lock version and its fields as a browser would post them back."""
    version = re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', page)
    if not version:
        raise RuntimeError("no version field on the section page")
    fields = {}
    for name in REPORT_FIELDS:
        match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
        fields[name] = match.group(1).strip() if match else ""
    return int(version.group(1)), fields
