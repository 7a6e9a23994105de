"""Uploads on S3-compatible object storage (SHIFAN_S3_BUCKET, docs/deploy.md), through the real views.

A real S3 server (moto's standalone server, on 127.0.0.1) stands in for the object store: the applicant's
upload lands in the bucket, not on the app server's disk; the entitled user downloads the same bytes through
the permission-checked view; another applicant gets 404; no presigned or direct URL is ever produced.
"""

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from django.urls import reverse

from shifan.applications.enums import Status
from shifan.applications.models import Attachment
from shifan.documents.files.storage import private_storage
from tests.factories import MINIMAL_PDF, ApplicationFactory

pytestmark = pytest.mark.django_db

BUCKET = "shifan-uploads"
CREDENTIALS = {"aws_access_key_id": "deploy-test", "aws_secret_access_key": "deploy-test-secret"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """moto's S3-compatible server on a free port of 127.0.0.1, for this module, then stopped."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    server = subprocess.Popen(  # noqa: S603 -- our own venv's moto_server with fixed arguments
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not start on {endpoint}")
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """An empty private bucket, and STORAGES["default"] on it exactly as settings.py builds it from SHIFAN_S3_*."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"], "secret_key": CREDENTIALS["aws_secret_access_key"],
                "location": "private", "default_acl": "private", "querystring_auth": False,
                "file_overwrite": False, "signature_version": "s3v4", "addressing_style": "path",
            },
        },
    }
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_settings_build_s3_storage_from_the_environment(monkeypatch):
    """settings.py: SHIFAN_S3_* give the S3 backend, private, without presigned URLs; unset, the disk."""
    import importlib

    import shifan.settings as product

    monkeypatch.setenv("SHIFAN_S3_BUCKET", "b1")
    monkeypatch.setenv("SHIFAN_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("SHIFAN_S3_REGION", "cn-east-1")
    try:
        options = importlib.reload(product).STORAGES["default"]
        assert options["BACKEND"] == "storages.backends.s3.S3Storage"
        assert {k: options["OPTIONS"][k] for k in ("bucket_name", "endpoint_url", "region_name", "default_acl",
                                                    "querystring_auth", "file_overwrite", "location")} == {
            "bucket_name": "b1", "endpoint_url": "http://127.0.0.1:9000", "region_name": "cn-east-1",
            "default_acl": "private", "querystring_auth": False, "file_overwrite": False, "location": "private"}
        monkeypatch.delenv("SHIFAN_S3_BUCKET")
        assert importlib.reload(product).STORAGES["default"]["BACKEND"] == (
            "django.core.files.storage.FileSystemStorage")
    finally:
        monkeypatch.undo()
        importlib.reload(product)


def test_an_upload_goes_to_the_bucket_and_leaves_only_through_the_checked_view(
        bucket, draft, personas, client_for, settings):
    upload_url = reverse("applicant:attachment-upload", args=[draft.pk, "licence"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = client_for("applicant_a").post(
        upload_url, {"file": SimpleUploadedFile("营业执照.pdf", MINIMAL_PDF, "application/pdf")})
    assert answer.status_code == 302

    attachment = Attachment.objects.get(application=draft)
    assert attachment.name == "营业执照.pdf"
    key = f"private/{attachment.file.name}"
    stored = bucket.get_object(Bucket=BUCKET, Key=key)
    assert stored["Body"].read() == MINIMAL_PDF
    assert [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]] == [key]
    # Private: only the owner holds a grant, nobody else (no public-read).
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all("URI" not in grant["Grantee"] for grant in grants)
    # Nothing on the app server's disk, and the file has no path nor URL.
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    with pytest.raises(NotImplementedError):
        attachment.file.path  # noqa: B018 -- S3 objects have no local path
    with pytest.raises(ValueError):
        private_storage().url(attachment.file.name)

    mine = client_for("applicant_a").get(reverse("applicant:attachment", args=[draft.pk, attachment.pk]))
    assert mine.status_code == 200
    assert _body(mine) == MINIMAL_PDF
    assert mine["Content-Disposition"].startswith("attachment;")
    assert "Location" not in mine and BUCKET not in str(mine.headers)

    other = client_for("applicant_b").get(reverse("applicant:attachment", args=[draft.pk, attachment.pk]))
    assert other.status_code == 404
    stranger_district = client_for("officer_y").get(reverse("district:attachment", args=[draft.pk, attachment.pk]))
    assert stranger_district.status_code == 404


def test_a_deleted_object_is_a_404_not_an_error(bucket, draft, personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client_for("applicant_a").post(reverse("applicant:attachment-upload", args=[draft.pk, "licence"]),
                                   {"file": SimpleUploadedFile("a.pdf", MINIMAL_PDF, "application/pdf")})
    attachment = Attachment.objects.get(application=draft)
    bucket.delete_object(Bucket=BUCKET, Key=f"private/{attachment.file.name}")
    gone = client_for("applicant_a").get(reverse("applicant:attachment", args=[draft.pk, attachment.pk]))
    assert gone.status_code == 404
