"""Two stateless app servers behind nginx (docs/deploy.md): any server answers any request of a session.

Real processes: two gunicorn servers sharing only PostgreSQL and Redis, and Debian's nginx in front
(tests/deploy/topology.py). An applicant signs in through nginx; the page and the autosaves of one session
are answered by both servers, each save builds on the version the other server acknowledged, and nothing is
lost; the audit trail names the address nginx saw, not the one a client forged; with one server stopped,
nginx sends every request to the other. PostgreSQL only: the servers are other processes, which cannot reach
the test run's in-memory SQLite database.
"""

import json

import pytest
from django.db import connection

from shifan.applications.enums import Status
from shifan.audit.models import AuditEvent
from tests.deploy.topology import (
    Browser,
    free_port,
    nginx_binary,
    report_section,
    start_app_server,
    start_nginx,
    stop,
)
from tests.factories import ApplicationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL (CI runs it)"),
]

PASSWORD = "Topology-Passw0rd!"

def database_url() -> str:
    """The test run's own database, for the servers."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def deployment(tmp_path, worker_id):
    """Two app servers and nginx in front; yields (nginx port, [server ports], [server processes])."""
    if nginx_binary() is None:
        pytest.fail("nginx is not installed (Debian: apt-get install nginx); .ci/run installs it")
    env = {"DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "shifan.settings_test",
           "SHIFAN_REDIS_URL": "redis://127.0.0.1:6379/13",
           "SHIFAN_CACHE_PREFIX": f"topology-{worker_id}-{tmp_path.name}"}
    ports, servers = [free_port(), free_port()], []
    try:
        for n, port in enumerate(ports, start=1):
            servers.append(start_app_server(port, env=env, log=tmp_path / f"app{n}.log"))
        proxy_port = free_port()
        proxy = start_nginx(proxy_port, ports, tmp_path / "nginx")
        yield proxy_port, ports, servers
        stop(proxy)
    finally:
        stop(*servers)


def test_one_session_is_served_by_both_servers_and_no_save_is_lost(deployment, personas, org_a, batch):
    proxy_port, ports, servers = deployment
    applicant = personas["applicant_a"]
    applicant.set_password(PASSWORD)
    applicant.save()
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="负载均衡平台")
    url = f"/applicant/applications/{application.pk}/sections/report/"
    browser = Browser(proxy_port)

    # A client cannot choose the address the audit trail records: nginx appends the one it saw.
    assert browser.log_in(applicant.username, PASSWORD, {"X-Forwarded-For": "203.0.113.9"})
    assert AuditEvent.objects.get(event="auth.login", actor=applicant).ip == "127.0.0.1"

    answered = []
    for _ in range(4):
        status, _, page = browser.request("GET", url)
        assert status == 200 and "负载均衡平台" in page.decode()
        answered.append(browser.last_headers["x-upstream"])
    assert set(answered) == {f"127.0.0.1:{port}" for port in ports}  # round robin: both servers, one session

    version, form = report_section(page.decode())
    savers = set()
    for n in range(1, 7):
        form.update(report_plans=f"第{n}次自动保存的发展规划", version=version,
                    csrfmiddlewaretoken=browser.cookies["csrftoken"])
        status, _, body = browser.request("POST", url, form, {"X-Autosave": "1"})
        answer = json.loads(body)
        assert (status, answer["saved"]) == (200, True), answer
        assert answer["version"] == version + 1  # each save builds on the one the other server acknowledged
        version = answer["version"]
        savers.add(browser.last_headers["x-upstream"])
    assert len(savers) == 2
    application.refresh_from_db()
    assert (application.version, application.profile.report_plans) == (version, "第6次自动保存的发展规划")

    stop(servers[0])  # one server goes away: nginx sends everything to the other
    for _ in range(4):
        status, _, page = browser.request("GET", url)
        assert status == 200 and "第6次自动保存的发展规划" in page.decode()
        assert browser.last_headers["x-upstream"].endswith(f"127.0.0.1:{ports[1]}")
