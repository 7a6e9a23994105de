"""Backing up and restoring the whole system: the database and the uploaded files in one archive.

The archive is a .tar.gz with ``manifest.json`` (format, created_at, database vendor, applied
migrations, row counts per table, sha256 of every file in the archive), the database
(``database.sqlite3`` made with SQLite's online backup API, or ``database.pgdump`` made by
``pg_dump --format=custom``) and ``media/…`` (MEDIA_ROOT). Only Django and the standard library are
used here (core imports nothing of ours), so the commands work whatever the apps hold.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is Chinese and says why."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    tables: dict[str, int]
    media_files: int


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILE:
        raise BackupError(f"不支持备份 {vendor} 数据库，只支持 SQLite 与 PostgreSQL。")
    return vendor


def _count_rows(cursor, introspection) -> dict[str, int]:
    counts = {}
    for table in sorted(introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {introspection.connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows per table of the live database (every table, Django's own included)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return _count_rows(cursor, connection.introspection)


def _sqlite_file_counts(path: Path) -> dict[str, int]:
    handle = sqlite3.connect(path)
    try:
        names = [row[0] for row in handle.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {name: handle.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608
    finally:
        handle.close()


def _pg_env(using: str) -> tuple[dict, dict]:
    """The libpq environment for the pg_* programs, from settings.DATABASES (password never on argv)."""
    config = connections[using].settings_dict
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if config.get(key):
            env[name] = str(config[key])
    return env, config


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 执行失败（退出码 {done.returncode}）：{done.stderr.strip()[:2000]}")


def _dump_database(using: str, vendor: str, target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """Write the database to ``target``; return the row counts and applied migrations of that copy."""
    connection = connections[using]
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # a consistent copy, even while others write
        finally:
            destination.close()
        counts = _sqlite_file_counts(target)
        handle = sqlite3.connect(target)
        try:
            rows = handle.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            applied = [list(row) for row in rows]
        finally:
            handle.close()
        return counts, applied
    env, config = _pg_env(using)
    # pg_dump and the counts read the same snapshot, so the manifest describes exactly the dump.
    with connection.cursor() as cursor:
        in_transaction = connection.in_atomic_block
        if not in_transaction:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try:
            snapshot = []
            if not in_transaction:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = [f"--snapshot={cursor.fetchone()[0]}"]
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *snapshot,
                  f"--file={target}", f"--dbname={config['NAME']}"], env)
            counts = _count_rows(cursor, connection.introspection)
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            applied = [list(row) for row in cursor.fetchall()]
        finally:
            if not in_transaction:
                cursor.execute("COMMIT")
    return counts, applied


def _media_files() -> list[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return [(path, path.relative_to(root).as_posix()) for path in sorted(root.rglob("*")) if path.is_file()]


def archive_path(destination: str | Path) -> Path:
    """A directory (existing, or named with a trailing slash) gets a dated file name inside it."""
    destination = Path(destination)
    if destination.is_dir() or str(destination).endswith(os.sep):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return destination / f"shifan-backup-{stamp}.tar.gz"
    return destination


def create_backup(destination: str | Path, *, using: str = "default") -> tuple[Path, dict]:
    """Write one .tar.gz with the manifest, the database and MEDIA_ROOT; return its path and manifest.

    Side effects: creates the archive (mode 0600: it holds personal data, encrypted or not) through
    a temporary file renamed into place, so a failed backup never leaves a half archive.
    """
    vendor = _vendor(using)
    path = archive_path(destination)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shifan-backup-") as work:
        database = Path(work) / DATABASE_FILE[vendor]
        tables, applied = _dump_database(using, vendor, database)
        media = _media_files()
        files = {DATABASE_FILE[vendor]: _sha256_file(database)}
        files.update({f"{MEDIA}/{name}": _sha256_file(source) for source, name in media})
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "migrations": applied,
            "tables": tables,
            "rows": sum(tables.values()),
            "media_files": len(media),
            "files": files,
        }
        partial = path.with_name(f".{path.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
                archive.add(database, arcname=DATABASE_FILE[vendor], recursive=False)
                for source, name in media:
                    archive.add(source, arcname=f"{MEDIA}/{name}", recursive=False)
            partial.chmod(0o600)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return path, manifest


def _safe_member_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and name == pure.as_posix()


def _extract_checked(archive_file: Path, work: Path) -> dict:
    """Extract the archive into ``work`` after checking every member against the manifest's sha256."""
    seen: dict = {}
    try:
        archive = tarfile.open(archive_file, "r:gz")  # noqa: SIM115 -- closed by the with block below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法读取备份文件 {archive_file}：{error}") from None
    try:
        _read_members(archive, work, seen)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"备份文件已损坏，无法读取：{error}") from None
    manifest = seen.pop(MANIFEST, None)
    return _checked_manifest(manifest, seen)


def _read_members(archive, work: Path, seen: dict) -> None:
    """Extract each member into ``work``; ``seen`` gets name → sha256 (the manifest under its name, parsed)."""
    with archive:
        for member in archive:
            if not member.isfile() or not _safe_member_name(member.name):
                raise BackupError(f"备份文件含有不允许的条目「{member.name}」，拒绝恢复。")
            if member.name in seen:
                raise BackupError(f"备份文件中「{member.name}」重复出现，拒绝恢复。")
            source = archive.extractfile(member)
            if member.name == MANIFEST:
                try:
                    seen[MANIFEST] = json.loads(source.read(16 * CHUNK))
                except ValueError:
                    raise BackupError("备份清单 manifest.json 无法解析。") from None
                continue
            target = work / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with target.open("wb") as out:
                while block := source.read(CHUNK):
                    digest.update(block)
                    out.write(block)
            seen[member.name] = digest.hexdigest()


def _checked_manifest(manifest, seen: dict[str, str]) -> dict:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("备份文件缺少清单 manifest.json，或清单格式不受支持。")
    listed = manifest.get("files") or {}
    for name in sorted(set(listed) | set(seen)):
        if name not in seen:
            raise BackupError(f"备份文件缺少清单所列的「{name}」，拒绝恢复。")
        if name not in listed:
            raise BackupError(f"备份文件含有清单之外的「{name}」，拒绝恢复。")
        if listed[name] != seen[name]:
            raise BackupError(f"「{name}」的 SHA-256 校验值与清单不符（备份文件已损坏或被改动），拒绝恢复。")
    return manifest


def target_problems(using: str = "default") -> list[str]:
    """Why the target is not empty: users or audit events in the database, files in MEDIA_ROOT."""
    problems = []
    connection = connections[using]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        checked = [get_user_model()]
        if apps.is_installed("shifan.audit"):
            checked.append(apps.get_model("audit", "AuditEvent"))
        for model in checked:
            if model._meta.db_table in present and model._default_manager.using(using).exists():
                problems.append(f"数据库中已有{model._meta.verbose_name}记录")
    if _media_files():
        problems.append(f"上传文件目录 {settings.MEDIA_ROOT} 不为空")
    return problems


def _restore_sqlite(using: str, source: Path) -> None:
    connection = connections[using]
    name = str(connection.settings_dict["NAME"])
    origin = sqlite3.connect(source)
    try:
        if name in ("", ":memory:") or name.startswith("file:"):
            connection.ensure_connection()
            origin.backup(connection.connection)
        else:
            connection.close()
            destination = sqlite3.connect(name)
            try:
                origin.backup(destination)
            finally:
                destination.close()
    finally:
        origin.close()


def _restore_postgresql(using: str, source: Path, force: bool) -> None:
    env, config = _pg_env(using)
    connections[using].close()
    clean = ["--clean", "--if-exists"] if force else []
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *clean,
          f"--dbname={config['NAME']}", str(source)], env)


def restore_backup(archive_file: str | Path, *, force: bool = False, using: str = "default") -> RestoreResult:
    """Restore an archive made by ``create_backup`` into the configured database and MEDIA_ROOT.

    Refuses (BackupError, nothing changed) a damaged archive (any sha256 differing from the
    manifest, a missing or extra member, an unsafe path), an archive of the other database vendor,
    and a non-empty target unless ``force``. Afterwards checks the row counts of every table and
    the sha256 of every restored file against the manifest.

    Side effects: replaces the database's contents (SQLite: the backup API; PostgreSQL:
    pg_restore, with --clean when forced); writes the archive's files into MEDIA_ROOT (existing
    files of the same name are overwritten when forced); empties the cache (Redis, or one machine's files).
    """
    archive_file = Path(archive_file)
    vendor = _vendor(using)
    with tempfile.TemporaryDirectory(prefix="shifan-restore-") as work_dir:
        work = Path(work_dir)
        manifest = _extract_checked(archive_file, work)
        if manifest.get("vendor") != vendor:
            raise BackupError(
                f"该备份来自 {VENDOR_LABEL.get(manifest.get('vendor'), manifest.get('vendor'))} 数据库，"
                f"当前数据库是 {VENDOR_LABEL[vendor]}，不能直接恢复。")
        if vendor == "sqlite" and (name := str(connections[using].settings_dict["NAME"])) not in ("", ":memory:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)  # a new database file in a new directory
        if not force and (problems := target_problems(using)):
            raise BackupError(f"恢复目标不为空（{'；'.join(problems)}）。确认要覆盖时请加 --force。")
        if vendor == "sqlite":
            _restore_sqlite(using, work / DATABASE_FILE[vendor])
        else:
            _restore_postgresql(using, work / DATABASE_FILE[vendor], force)
        media_root = Path(settings.MEDIA_ROOT)
        restored = 0
        for name, digest in sorted(manifest["files"].items()):
            if not name.startswith(f"{MEDIA}/"):
                continue
            target = media_root / name[len(MEDIA) + 1:]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / name, target)
            target.chmod(0o640)  # as private storage writes them
            if _sha256_file(target) != digest:
                raise BackupError(f"恢复后的文件「{name}」校验值不符。")
            restored += 1
    tables = table_counts(using)
    differing = [name for name, rows in manifest["tables"].items() if tables.get(name) != rows]
    if differing:
        details = "、".join(f"{name}（备份 {manifest['tables'][name]} 行，恢复后 {tables.get(name)} 行）"
                           for name in differing[:10])
        raise BackupError(f"恢复后的行数与备份清单不符：{details}")
    MigrationRecorder(connections[using]).applied_migrations()  # the schema is readable after the restore
    cache.clear()  # it holds rows of the database just replaced (batch names, unread counts)
    return RestoreResult(manifest=manifest, tables=tables, media_files=restored)


def table_label(table: str) -> str:
    """A table's Chinese name (its model's verbose name) for the restore report, else the table name."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            return f"{model._meta.verbose_name}（{table}）"
    return table
