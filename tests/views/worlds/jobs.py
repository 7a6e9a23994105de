"""Background jobs for the authorization matrix: applicant A's dossier-zip jobs on application A, one done
(with its file) and one failed. Only A's requester and the bureau staff who may see application A find them."""

from shifan.jobs.domain import create_job, fail_job, finish_job, start_job


def _job(personas, world):
    job = create_job(kind="documents_zip", title="打包下载全部申报材料：矩阵", actor=personas["applicant_a"],
                     target=world["app_a"])
    start_job(job)
    return job


def add(*, personas, world) -> dict:
    done = finish_job(_job(personas, world), data=b"PK\x05\x06" + b"\x00" * 18, name="申报材料-矩阵-2026.zip",
                      content_type="application/zip")
    failed = fail_job(_job(personas, world), "您无权下载该申报的材料。")
    return {"job_done": done, "job_failed": failed}
