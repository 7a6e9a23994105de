"""Running queued background tasks inside a test, through the real database backend and worker."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_jobs() -> int:
    """Run every ready task once, as ``manage.py db_worker --batch`` does; returns how many ran.

    It drives db_worker's own Worker (claim, run, record success or failure) without the command's
    connection recycling, which would close the test's transaction on PostgreSQL. The e2e test runs
    the command itself.
    """
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="tests", excluded_queue_names=[])
    ran = 0
    while True:
        result = DBTaskResult.objects.ready().filter(backend_name="default").first()
        if result is None:
            return ran
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
