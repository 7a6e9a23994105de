"""Rows of the background-job pages: a job is found by its requester and by the bureau staff who may see
its application; anyone else gets 404 (never 403: do not confirm that it exists)."""

from tests.views.matrix import LOGIN, USERS, Row

# applicant_a asked; app_a is submitted, so the bureau staff see it. Org A's other user and district X's
# officer may see the application, yet not another person's job.
JOB_VIEW = {"anon": LOGIN, **{p: 404 for p in USERS}, "applicant_a": 200, "bureau_officer": 200, "bureau_head": 200}
# Retry: the requester queues it again; bureau staff are told only the requester may (both redirect back).
JOB_RETRY = {p: 302 if status == 200 else status for p, status in JOB_VIEW.items()}

JOB_ROWS = [
    Row("home:job", "GET", 404, JOB_VIEW, {"pk": "job_done"}),
    Row("home:job", "GET", 404, JOB_VIEW, {"pk": "job_failed"}),
    Row("home:job-download", "GET", 404, JOB_VIEW, {"pk": "job_done"}),
    Row("home:job-download", "GET", 404, {**JOB_VIEW, "applicant_a": 404, "bureau_officer": 404, "bureau_head": 404},
        {"pk": "job_failed"}),  # nothing to download
    Row("home:job-retry", "POST", 404, JOB_RETRY, {"pk": "job_failed"}),
]
