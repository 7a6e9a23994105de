"""Backup and restore (manage.py backup / restore): one archive with the database, the uploaded files and
a manifest; a restore into an empty database and media directory gives back every row, every file byte
and an audit chain that verifies. Each side runs in its own process against its own database, as an
operator would run the commands."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
SNAPSHOT = "import django; django.setup(); from tests.security.backup_world import print_snapshot; print_snapshot()"
BUILD = "import django; django.setup(); from tests.security.backup_world import build; build()"


def _env(*, media: Path, sqlite: Path | None = None, database_url: str | None = None) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "PYTEST_"))}
    env.update(DJANGO_SETTINGS_MODULE="shifan.settings_test", SHIFAN_MEDIA_ROOT=str(media))
    if sqlite is not None:
        env["SHIFAN_SQLITE_PATH"] = str(sqlite)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def _run(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=300, check=False)
    if ok:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def _manage(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    return _run(env, "manage.py", *args, ok=ok)


def _snapshot(env: dict) -> dict:
    return json.loads(_run(env, "-c", SNAPSHOT).stdout)


def _the_archive(directory: Path) -> Path:
    archives = list(directory.glob("shifan-backup-*.tar.gz"))
    assert len(archives) == 1
    return archives[0]


def _manifest(archive: Path) -> tuple[dict, list[str]]:
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json")), tar.getnames()


def _assert_same_world(source: dict, restored: dict, vendor: str) -> None:
    assert source["vendor"] == restored["vendor"] == vendor
    assert len(source["applications"]) == 2 and len(source["attachments"]) >= 2
    assert any(e["event"] == "application.submitted" for e in source["audit_events"])
    assert any(e["event"] == "application.documents_downloaded" for e in source["audit_events"])
    assert source["audit_verified"][0] is True
    for key in ("applications", "profiles", "status_changes", "attachments", "attachment_bytes",
                "audit_events", "audit_head", "audit_verified"):
        assert restored[key] == source[key], key


def _assert_restore_report(out: str, source: dict, vendor: str, media_files: int) -> None:
    assert f"数据库（{vendor}）：" in out and "与备份清单一致" in out
    assert f"申报（applications_application）：{len(source['applications'])} 行" in out
    assert f"审计事件（audit_auditevent）：{len(source['audit_events'])} 行" in out
    assert f"上传文件：{media_files} 个，SHA-256 校验一致。" in out
    assert f"审计链完整：共 {len(source['audit_events'])} 条记录。" in out


def test_sqlite_backup_restores_into_an_empty_database_and_media_dir(tmp_path):
    source = _env(media=tmp_path / "media_a", sqlite=tmp_path / "a.sqlite3")
    target = _env(media=tmp_path / "media_b", sqlite=tmp_path / "restored" / "b.sqlite3")
    _manage(source, "migrate", "-v0")
    _run(source, "-c", BUILD)
    before = _snapshot(source)
    (tmp_path / "backups").mkdir()

    out = _manage(source, "backup", str(tmp_path / "backups")).stdout
    archive = _the_archive(tmp_path / "backups")
    assert out.startswith(f"已备份到 {archive}：SQLite 数据库 ")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    manifest, names = _manifest(archive)
    assert manifest["vendor"] == "sqlite" and manifest["format"] == 1 and manifest["created_at"]
    assert ["applications", "0001_initial"] in manifest["migrations"]
    assert manifest["tables"]["applications_application"] == 2
    assert manifest["tables"]["audit_auditevent"] == len(before["audit_events"])
    media = sorted(p.relative_to(tmp_path / "media_a").as_posix() for p in (tmp_path / "media_a").rglob("*")
                   if p.is_file())
    assert manifest["media_files"] == len(media) >= 2
    assert sorted(names) == sorted(["manifest.json", "database.sqlite3", *[f"media/{m}" for m in media]])
    assert set(manifest["files"]) == set(names) - {"manifest.json"}

    report = _manage(target, "restore", str(archive)).stdout
    _assert_restore_report(report, before, "SQLite", len(media))
    _assert_same_world(before, _snapshot(target), "sqlite")
    _manage(target, "verify_audit")

    # The restored target is not empty now: a second restore is refused unless forced.
    refused = _manage(target, "restore", str(archive), ok=False)
    assert refused.returncode != 0
    assert "恢复目标不为空（数据库中已有用户记录；数据库中已有审计事件记录；上传文件目录" in refused.stderr
    assert "确认要覆盖时请加 --force" in refused.stderr
    # What the running system cached of the database it had is gone with it (one machine's shared cache).
    cached = {**target, "SHIFAN_CACHE_DIR": str(tmp_path / "cache")}
    with_cache = "import django; django.setup(); from django.core.cache import cache; "
    _run(cached, "-c", with_cache + "cache.set('名称', '旧', 600)")
    _manage(cached, "restore", "--force", str(archive))
    _assert_same_world(before, _snapshot(target), "sqlite")
    assert _run(cached, "-c", with_cache + "print(cache.get('名称', '无'))").stdout.strip() == "无"


def _rewrite(archive: Path, destination: Path, change) -> None:
    """Copy the archive, letting ``change(name, data)`` alter (or drop, with None) each member."""
    with tarfile.open(archive, "r:gz") as tar, tarfile.open(destination, "w:gz") as out:
        for member in tar:
            data = change(member.name, tar.extractfile(member).read())
            if data is not None:
                info = tarfile.TarInfo(member.name)
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))


def test_a_damaged_or_altered_archive_is_refused_before_anything_is_touched(tmp_path):
    source = _env(media=tmp_path / "media_a", sqlite=tmp_path / "a.sqlite3")
    _manage(source, "migrate", "-v0")
    _run(source, "-c", BUILD)
    _manage(source, "backup", str(tmp_path / "backup.tar.gz"))
    archive = tmp_path / "backup.tar.gz"
    target = _env(media=tmp_path / "media_b", sqlite=tmp_path / "b.sqlite3")

    flipped = tmp_path / "flipped.tar.gz"
    _rewrite(archive, flipped, lambda name, data: data + b"x" if name.startswith("media/") else data)
    done = _manage(target, "restore", str(flipped), ok=False)
    assert "的 SHA-256 校验值与清单不符（备份文件已损坏或被改动），拒绝恢复。" in done.stderr

    dropped = tmp_path / "dropped.tar.gz"
    _rewrite(archive, dropped, lambda name, data: None if name == "database.sqlite3" else data)
    assert "备份文件缺少清单所列的「database.sqlite3」" in _manage(target, "restore", str(dropped), ok=False).stderr

    sneaky = tmp_path / "sneaky.tar.gz"
    _rewrite(archive, sneaky, lambda name, data: data)
    with tarfile.open(sneaky, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar]
    with tarfile.open(sneaky, "w:gz") as out:
        for member, data in [*members, (tarfile.TarInfo("media/../../evil.txt"), b"evil")]:
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    done = _manage(target, "restore", str(sneaky), ok=False)
    assert "备份文件含有不允许的条目「media/../../evil.txt」，拒绝恢复。" in done.stderr
    assert not (tmp_path / "evil.txt").exists()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "备份文件已损坏" in _manage(target, "restore", str(truncated), ok=False).stderr

    assert not (tmp_path / "b.sqlite3").exists() or (tmp_path / "b.sqlite3").stat().st_size == 0
    assert not (tmp_path / "media_b").exists()


# --- PostgreSQL -----------------------------------------------------------------------------------------


def _pg_url(name: str) -> str:
    config = connection.settings_dict
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    return f"postgres://{auth}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


def _admin_sql(statement: str) -> None:
    import psycopg

    config = connection.settings_dict
    with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432, user=config["USER"],
                         password=config.get("PASSWORD") or None, dbname="postgres", autocommit=True) as admin:
        admin.execute(statement)


@pytest.fixture
def pg_databases():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://…)")
    suffix = uuid.uuid4().hex[:8]
    names = [f"bak_src_{suffix}", f"bak_dst_{suffix}"]
    for name in names:
        _admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield names
    finally:
        for name in names:
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_postgresql_backup_restores_into_a_fresh_database(tmp_path, pg_databases):
    source_db, target_db = pg_databases
    source = _env(media=tmp_path / "media_a", database_url=_pg_url(source_db))
    target = _env(media=tmp_path / "media_b", database_url=_pg_url(target_db))
    _manage(source, "migrate", "-v0")
    _run(source, "-c", BUILD)
    before = _snapshot(source)

    _manage(source, "backup", str(tmp_path / "pg.tar.gz"))
    manifest, names = _manifest(tmp_path / "pg.tar.gz")
    assert manifest["vendor"] == "postgresql" and "database.pgdump" in names
    assert manifest["tables"]["applications_application"] == 2

    report = _manage(target, "restore", str(tmp_path / "pg.tar.gz")).stdout
    _assert_restore_report(report, before, "PostgreSQL", manifest["media_files"])
    _assert_same_world(before, _snapshot(target), "postgresql")
    _manage(target, "verify_audit")

    refused = _manage(target, "restore", str(tmp_path / "pg.tar.gz"), ok=False)
    assert "恢复目标不为空" in refused.stderr
    _manage(target, "restore", "--force", str(tmp_path / "pg.tar.gz"))
    _assert_same_world(before, _snapshot(target), "postgresql")
