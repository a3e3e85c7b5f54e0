"""Local storage and retention."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from kagaz.database import Database, batches, clients, queue, upgrade
from kagaz.database.models import StoredDocument, DocumentStatus
from kagaz.services.retention import purge_originals
from kagaz.storage import BlobNotFound, LocalStorage, Storage, StorageError, check_key

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def test_put_get_delete(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path / "files")
    assert isinstance(store, Storage)
    store.put("originals/2025/01/01/a.pdf", b"data")
    assert store.get("originals/2025/01/01/a.pdf") == b"data"
    assert store.exists("originals/2025/01/01/a.pdf")
    store.put("originals/2025/01/01/a.pdf", b"new")  # overwrite is atomic replace
    assert store.get("originals/2025/01/01/a.pdf") == b"new"
    path = tmp_path / "files" / "originals" / "2025" / "01" / "01" / "a.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp")]
    store.delete("originals/2025/01/01/a.pdf")
    store.delete("originals/2025/01/01/a.pdf")  # idempotent
    with pytest.raises(BlobNotFound):
        store.get("originals/2025/01/01/a.pdf")


@pytest.mark.parametrize(
    "key",
    [
        "../x",
        "/etc/passwd",
        "a//b",
        "a/../b",
        "a/./b",
        ".hidden",
        "a\\b",
        "a/b\x00",
        "",
        "x" * 300,
        "a/ b",
    ],
)
def test_unsafe_keys_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError):
        check_key(key)
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).put(key, b"x")


def test_write_failure_is_a_storage_error(tmp_path: Path) -> None:
    store = LocalStorage(tmp_path / "files")
    (tmp_path / "files" / "blocked").write_bytes(b"a file where a folder should be")
    with pytest.raises(StorageError):
        store.put("blocked/x", b"data")


def _documents(db: Database, store: LocalStorage) -> list[str]:
    """Four documents: done long ago, failed long ago, done recently, processing long ago."""
    with db.session() as s:
        clients.create_client(s, client_id="c", name="c", secret_hash="h", now=T0)
        s.commit()
        row = batches.create_batch(
            s,
            client_id="c",
            family="bulk",
            product_type="P",
            now=T0,
            files=[
                batches.NewFile(f"https://b.s3.example/{i}.pdf?X-Amz-Signature=s{i}", str(i))
                for i in range(4)
            ],
        )
        uuids = [u for _, u in row.files]
        stored_at = [T0, T0, T0 + dt.timedelta(days=29), T0]
        for i, u in enumerate(uuids):
            job = queue.claim_next(s, owner="w", lease_seconds=3600, now=T0)
            assert job is not None and job.file_uuid == u
            key = f"originals/{u}.pdf"
            store.put(key, b"%PDF-")
            assert queue.mark_fetched(
                s, file_uuid=u, owner="w", key=key, fmt="pdf", size=5, now=stored_at[i]
            )
            if i < 3:
                status = DocumentStatus.FAILED if i == 1 else DocumentStatus.DONE
                assert queue.finish(s, file_uuid=u, owner="w", status=status, now=stored_at[i])
    return uuids


def test_retention_deletes_only_old_finished_originals(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db)
    store = LocalStorage(tmp_path / "files")
    uuids = _documents(db, store)
    now = T0 + dt.timedelta(days=30, hours=1)
    assert purge_originals(db=db, storage=store, retention_days=0, now=now) == 0  # 0 keeps all
    assert purge_originals(db=db, storage=store, retention_days=30, now=now, batch_size=1) == 2
    assert [store.exists(f"originals/{u}.pdf") for u in uuids] == [False, False, True, True]
    with db.engine.connect() as conn:
        rows = {
            r.file_uuid: r
            for r in conn.execute(
                sa.select(
                    StoredDocument.file_uuid,
                    StoredDocument.original_key,
                    StoredDocument.original_purged_at,
                    StoredDocument.file_url,
                )
            )
        }
    assert rows[uuids[0]].original_key is None and rows[uuids[0]].original_purged_at is not None
    assert rows[uuids[0]].file_url == "https://b.s3.example/0.pdf"  # pre-signed query dropped
    assert rows[uuids[2]].original_key is not None and "X-Amz-Signature" in rows[uuids[2]].file_url
    assert rows[uuids[3]].original_key is not None  # still processing: untouched
    assert purge_originals(db=db, storage=store, retention_days=30, now=now) == 0
    db.dispose()


def test_retention_survives_a_blob_already_gone(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db)
    store = LocalStorage(tmp_path / "files")
    uuids = _documents(db, store)
    os.remove(tmp_path / "files" / "originals" / f"{uuids[0]}.pdf")
    assert (
        purge_originals(db=db, storage=store, retention_days=1, now=T0 + dt.timedelta(days=2)) == 2
    )
    db.dispose()
