"""The workspace store, on a SQLite file and on a real PostgreSQL server (tests/pg.py), no mocks.

Every test that takes ``db_url`` (or ``store``) runs once per backend. The concurrency tests
print what they counted (run ``pytest -s tests/test_store.py -k concurrent`` to see it).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from geo import settings
from store import (
    KINDS,
    BackupFormatError,
    Store,
    StoreError,
    StoreInputError,
    VersionNotFound,
    ViewNotFound,
    WorkspaceNotFound,
    short_id,
)
from store import db as store_db
from store.limits import MAX_FILE_BYTES, MAX_NAME_CHARS, MAX_PARAMS
from store.schema import Base, FileVersionRow, WorkspaceRow
from tests import pg

REPO = Path(__file__).resolve().parent.parent


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.PgCluster]:
    yield from pg.cluster()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path):
    """A factory of empty databases (URLs) on the test's backend."""
    counter = iter(range(1, 100))
    if request.param == "sqlite":
        return lambda: f"sqlite:///{tmp_path / f'db{next(counter)}' / 'atlas.sqlite3'}"
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database


@pytest.fixture
def db_url(new_db) -> str:
    return new_db()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


def add(store: Store, ws_id: str, kind: str = "clusters", tag: str = "x", **options: object):
    return store.add_version(ws_id, kind, filename=f"{tag}.csv", data=f"data {tag}".encode(), report=f"report {tag}",
                             summary=f"summary {tag}", **options)  # fmt: skip


# -- workspaces ---------------------------------------------------------------------------------


def test_create_get_rename_delete(store: Store):
    before = datetime.now(UTC)
    ws = store.create_workspace("  Tangshan review ")
    assert ws.name == "Tangshan review"  # surrounding spaces dropped
    assert before <= ws.created_at == ws.updated_at <= datetime.now(UTC)
    assert ws.created_at.tzinfo is UTC
    assert store.get_workspace(ws.id) == ws
    assert ws.id not in repr(ws)  # the dataclass never prints the full id

    renamed = store.rename_workspace(ws.id, "唐山 复核")
    assert renamed.name == "唐山 复核" and renamed.id == ws.id and renamed.created_at == ws.created_at
    assert renamed.updated_at > ws.updated_at
    assert store.get_workspace(ws.id) == renamed

    other = store.create_workspace()
    assert other.name == ""
    assert [w.id for w in store.list_workspaces()] == [ws.id, other.id]

    add(store, ws.id)
    store.save_view(ws.id, "v", {"a": "1"})
    store.delete_workspace(ws.id)
    with pytest.raises(WorkspaceNotFound):
        store.get_workspace(ws.id)
    with pytest.raises(WorkspaceNotFound):
        store.versions(ws.id, "clusters")
    with pytest.raises(WorkspaceNotFound):
        store.delete_workspace(ws.id)
    assert [w.id for w in store.list_workspaces()] == [other.id]
    with store._engine.connect() as conn:  # nothing of it is left in any table
        for table in ("file_versions", "versions_in_use", "saved_views"):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_ids_are_url_safe_random_and_long(store: Store):
    ids = [store.create_workspace(f"w{i}").id for i in range(20)]
    assert len(set(ids)) == 20
    for ws_id in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", ws_id)
        assert len(base64.urlsafe_b64decode(ws_id + "=" * (-len(ws_id) % 4))) * 8 >= 128
    # no shared prefix or counter: ids of consecutive workspaces differ from their first characters on
    assert len({ws_id[:4] for ws_id in ids}) >= 18
    # a near miss of a real id opens nothing
    near = ids[0][:-1] + ("A" if ids[0][-1] != "A" else "B")
    with pytest.raises(WorkspaceNotFound):
        store.get_workspace(near)
    for junk in ("", "x", "../etc/passwd", "a" * 1000, "' OR 1=1 --"):
        with pytest.raises(WorkspaceNotFound):
            store.get_workspace(junk)


def test_workspaces_see_nothing_of_each_other(store: Store):
    a, b = store.create_workspace("a"), store.create_workspace("b")
    add(store, a.id, tag="a1")
    add(store, a.id, "actuals", tag="a-act")
    store.save_view(a.id, "mine", {"city": "唐山"})
    assert store.versions(b.id, "clusters") == [] and store.versions(b.id, "actuals") == []
    assert store.current_version(b.id, "clusters") is None
    assert store.views(b.id) == []
    with pytest.raises(VersionNotFound):
        store.use_version(b.id, "clusters", 1)  # a's version 1 is not b's
    with pytest.raises(ViewNotFound):
        store.delete_view(b.id, "mine")
    backup = json.loads(store.export_workspace(b.id))
    assert backup["versions"] == {"clusters": [], "actuals": []} and backup["views"] == []
    # b's own numbering starts at 1; a is untouched by b's writes
    assert add(store, b.id, tag="b1").number == 1
    store.clear_current(b.id, "clusters")
    store.delete_workspace(b.id)
    assert [v.filename for v in store.versions(a.id, "clusters")] == ["a1.csv"]
    assert store.current_version(a.id, "clusters").filename == "a1.csv"
    assert [v.name for v in store.views(a.id)] == ["mine"]


# -- versions -----------------------------------------------------------------------------------


def test_versions_are_numbered_and_can_be_restored_and_cleared(store: Store):
    ws = store.create_workspace()
    first = add(store, ws.id, tag="one")
    assert (first.number, first.in_use, first.kind) == (1, True, "clusters")
    add(store, ws.id, tag="two")
    add(store, ws.id, tag="three")
    listed = store.versions(ws.id, "clusters")
    assert [v.number for v in listed] == [3, 2, 1]  # newest first
    assert [v.in_use for v in listed] == [True, False, False]
    assert listed[2] == dataclasses.replace(first, in_use=False)  # stored exactly as returned (bytes, texts, time)
    assert listed[0].data == b"data three" and listed[0].report == "report three" and listed[0].summary == "summary three"
    assert listed[0].created_at >= listed[1].created_at >= listed[2].created_at

    store.use_version(ws.id, "clusters", 1)  # restore the oldest
    assert store.current_version(ws.id, "clusters").filename == "one.csv"
    assert [v.in_use for v in store.versions(ws.id, "clusters")] == [False, False, True]

    quiet = add(store, ws.id, tag="four", use=False)
    assert (quiet.number, quiet.in_use) == (4, False)
    assert store.current_version(ws.id, "clusters").number == 1

    # the other kind has its own numbers and its own version in use
    assert store.current_version(ws.id, "actuals") is None
    assert add(store, ws.id, "actuals", tag="act").number == 1
    assert store.current_version(ws.id, "actuals").filename == "act.csv"

    store.clear_current(ws.id, "clusters")
    assert store.current_version(ws.id, "clusters") is None
    assert [v.number for v in store.versions(ws.id, "clusters")] == [4, 3, 2, 1]  # history kept
    assert not any(v.in_use for v in store.versions(ws.id, "clusters"))
    assert store.current_version(ws.id, "actuals").number == 1  # untouched
    store.clear_current(ws.id, "clusters")  # clearing twice is fine
    store.use_version(ws.id, "clusters", 4)
    assert store.current_version(ws.id, "clusters").number == 4

    with pytest.raises(VersionNotFound, match="version 5"):
        store.use_version(ws.id, "clusters", 5)
    for bad in (0, -1, True, "2"):
        with pytest.raises(StoreInputError):
            store.use_version(ws.id, "clusters", bad)  # type: ignore[arg-type]
    for call in (lambda: add(store, ws.id, "plans"), lambda: store.versions(ws.id, "Clusters"),
                 lambda: store.current_version(ws.id, ""), lambda: store.clear_current(ws.id, None)):  # fmt: skip
        with pytest.raises(StoreInputError, match="unknown kind"):
            call()
    assert store.current_version(ws.id, "clusters").number == 4


def test_large_binary_file_round_trips(store: Store):
    ws = store.create_workspace()
    data = bytes(range(256)) * 4096 + b"\x00\xff"  # 1 MB of every byte value
    store.add_version(ws.id, "actuals", filename="figures.xlsx", data=data, report="报告\n第二行")
    (version,) = store.versions(ws.id, "actuals")
    assert version.data == data and version.report == "报告\n第二行"


def test_failed_writes_store_nothing(store: Store):
    ws = store.create_workspace("w")
    add(store, ws.id, tag="one")
    store.save_view(ws.id, "v", {"a": "1"})
    before = (store.get_workspace(ws.id), store.versions(ws.id, "clusters"), store.views(ws.id))

    failing = [
        lambda: store.add_version(ws.id, "clusters", filename="big", data=b"0" * (MAX_FILE_BYTES + 1), report=""),
        lambda: store.add_version(ws.id, "clusters", filename="n" * (MAX_NAME_CHARS + 1), data=b"", report=""),
        lambda: store.add_version(ws.id, "clusters", filename="a\nb", data=b"", report=""),
        lambda: store.add_version(ws.id, "clusters", filename="f", data="text", report=""),  # type: ignore[arg-type]
        lambda: store.add_version(ws.id, "clusters", filename="f", data=b"", report="nul\x00"),
        lambda: store.rename_workspace(ws.id, "n" * (MAX_NAME_CHARS + 1)),
        lambda: store.save_view(ws.id, "", {"a": "1"}),
        lambda: store.save_view(ws.id, "many", {f"k{i}": "v" for i in range(MAX_PARAMS + 1)}),
        lambda: store.save_view(ws.id, "typed", {"a": 1}),  # type: ignore[dict-item]
        lambda: store.create_workspace("x" * (MAX_NAME_CHARS + 1)),
    ]
    for call in failing:
        with pytest.raises(StoreInputError):
            call()
    # These fail inside the transaction, after it has already marked the workspace changed
    # (updated_at): the rollback must undo that too.
    with pytest.raises(VersionNotFound):
        store.use_version(ws.id, "clusters", 9)
    with pytest.raises(ViewNotFound):
        store.delete_view(ws.id, "no such view")
    assert (store.get_workspace(ws.id), store.versions(ws.id, "clusters"), store.views(ws.id)) == before
    assert len(store.list_workspaces()) == 1


def test_size_limits_allow_the_limit_itself(store: Store):
    ws = store.create_workspace("n" * MAX_NAME_CHARS)
    store.add_version(ws.id, "clusters", filename="f" * MAX_NAME_CHARS, data=b"1" * MAX_FILE_BYTES, report="")
    store.save_view(ws.id, "v" * MAX_NAME_CHARS, {f"k{i}": "v" for i in range(MAX_PARAMS)})
    assert len(store.versions(ws.id, "clusters")[0].data) == MAX_FILE_BYTES
    assert len(store.views(ws.id)[0].params) == MAX_PARAMS


# -- views --------------------------------------------------------------------------------------


def test_views_save_replace_delete(store: Store):
    ws = store.create_workspace()
    store.save_view(ws.id, "乙 coverage", {"tab": "coverage", "city": "唐山", "empty": ""})
    store.save_view(ws.id, "a map", {"tab": "map"})
    first = store.views(ws.id)
    assert [v.name for v in first] == sorted(["乙 coverage", "a map"])
    assert first[1].params == {"tab": "coverage", "city": "唐山", "empty": ""}
    assert list(first[1].params) == ["tab", "city", "empty"]  # order kept

    store.save_view(ws.id, "a map", {"tab": "map", "zoom": "9"})  # same name replaces
    replaced = store.views(ws.id)
    assert len(replaced) == 2 and replaced[0].params == {"tab": "map", "zoom": "9"}
    assert replaced[0].saved_at > first[0].saved_at

    store.delete_view(ws.id, "a map")
    assert [v.name for v in store.views(ws.id)] == ["乙 coverage"]
    with pytest.raises(ViewNotFound):
        store.delete_view(ws.id, "a map")


# -- backup -------------------------------------------------------------------------------------


def _fill(store: Store):
    ws = store.create_workspace("备份 test")
    add(store, ws.id, tag="c1")
    add(store, ws.id, tag="c2")
    store.use_version(ws.id, "clusters", 1)
    add(store, ws.id, "actuals", tag="a1", use=False)
    store.add_version(ws.id, "actuals", filename="bin.xlsx", data=bytes(range(256)), report="r", summary="s")
    store.save_view(ws.id, "one", {"tab": "map", "city": "石家庄"})
    store.save_view(ws.id, "two", {})
    return store.get_workspace(ws.id)


def _contents(store: Store, ws_id: str):
    return ({kind: store.versions(ws_id, kind) for kind in KINDS}, store.views(ws_id))


def _without_export_time(data: bytes) -> dict:
    document = json.loads(data)
    document.pop("exported_at")
    return document


def test_export_import_round_trip(store: Store, new_db):
    ws = _fill(store)
    data = store.export_workspace(ws.id)
    document = json.loads(data)
    assert document["format"] == "hebei-cluster-atlas/workspace" and document["format_version"] == 1
    assert document["database_schema"] == "0002"
    assert [v["in_use"] for v in document["versions"]["clusters"]] == [True, False]
    assert base64.b64decode(document["versions"]["actuals"][1]["data"]) == bytes(range(256))

    # into the same database: the id exists, so the copy gets a new one; everything else is equal
    copy = store.import_workspace(data)
    assert copy.id != ws.id and (copy.name, copy.created_at, copy.updated_at) == (ws.name, ws.created_at, ws.updated_at)
    assert _contents(store, copy.id) == _contents(store, ws.id)

    # into a fresh database: the id is kept, and exporting again gives the same file
    with Store(new_db()) as fresh:
        restored = fresh.import_workspace(data)
        assert restored == ws
        assert _contents(fresh, ws.id) == _contents(store, ws.id)
        assert _without_export_time(fresh.export_workspace(ws.id)) == _without_export_time(data)
        # the restored workspace works on as before: numbering goes on from the backup's
        assert add(fresh, ws.id, tag="c3").number == 3
        forced = fresh.import_workspace(data, new_id=True)
        assert forced.id not in (ws.id, copy.id)
        assert len(fresh.list_workspaces()) == 2


def test_malformed_import_is_refused_and_stores_nothing(store: Store):
    ws = _fill(store)
    good = json.loads(store.export_workspace(ws.id))

    def variant(change) -> bytes:
        document = json.loads(json.dumps(good))
        change(document)
        return json.dumps(document).encode()

    def dup_number(d):
        d["versions"]["clusters"][1]["number"] = 1

    def two_in_use(d):
        d["versions"]["clusters"][1]["in_use"] = True

    bad_files = {
        "empty": b"",
        "not json": b"\x89PNG\r\n\x1a\n",
        "json list": b"[]",
        "foreign json": b'{"format": "something else"}',
        "newer format": variant(lambda d: d.update(format_version=2)),
        "missing views": variant(lambda d: d.pop("views")),
        "bad base64": variant(lambda d: d["versions"]["actuals"][0].update(data="@@not base64@@")),
        "duplicate number": variant(dup_number),
        "two in use": variant(two_in_use),
        "unknown kind": variant(lambda d: d["versions"].update(plans=[])),
        "weak id": variant(lambda d: d["workspace"].update(id="abc")),
        "naive time": variant(lambda d: d["workspace"].update(created_at="2024-01-01T00:00:00")),
        "long name": variant(lambda d: d["workspace"].update(name="n" * (MAX_NAME_CHARS + 1))),
        # a damaged last entry: everything before it must not be stored either
        "bad last view": variant(lambda d: d["views"].append({"name": "x", "params": {"a": 1}, "saved_at": "x"})),
    }
    ids_before = [w.id for w in store.list_workspaces()]
    for what, data in bad_files.items():
        with pytest.raises(BackupFormatError) as caught:
            store.import_workspace(data, new_id=True)
        assert str(caught.value), what
        assert ws.id not in str(caught.value), what
    with pytest.raises(BackupFormatError, match="newer atlas"):
        store.import_workspace(bad_files["newer format"])
    assert [w.id for w in store.list_workspaces()] == ids_before
    assert store.import_workspace(variant(lambda d: None), new_id=True).id not in ids_before  # the good one still works


# -- migrations ---------------------------------------------------------------------------------


def test_upgrade_from_0001_keeps_data(db_url: str):
    engine = store_db.make_engine(db_url)
    store_db.upgrade(engine, "0001")
    assert store_db.current_revision(engine) == "0001"
    ws_id = "Old_workspace-made-at-0001-xyzABC"
    created = datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(sa.insert(WorkspaceRow).values(id=ws_id, name="旧", created_at=created, updated_at=created))
        for number in (1, 2):
            conn.execute(
                sa.insert(FileVersionRow).values(workspace_id=ws_id, kind="clusters", number=number, filename=f"v{number}.csv",
                                                 data=f"old {number}".encode(), report="r", summary="", created_at=created)
            )  # fmt: skip
        conn.execute(sa.text("INSERT INTO versions_in_use (workspace_id, kind, number) VALUES (:i, 'clusters', 1)"), {"i": ws_id})
    # at 0001 the database itself refuses files of actual figures, and there is no table of views
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            sa.insert(FileVersionRow).values(workspace_id=ws_id, kind="actuals", number=1, filename="a", data=b"",
                                             report="", summary="", created_at=created)
        )  # fmt: skip
    assert "saved_views" not in sa.inspect(engine).get_table_names()
    engine.dispose()

    with Store(db_url) as store:  # opening upgrades
        assert store.schema_revision == "0002"
        ws = store.get_workspace(ws_id)
        assert (ws.name, ws.created_at) == ("旧", created)
        old = store.versions(ws_id, "clusters")
        assert [(v.number, v.filename, v.data, v.in_use) for v in old] == [(2, "v2.csv", b"old 2", False),
                                                                           (1, "v1.csv", b"old 1", True)]  # fmt: skip
        assert add(store, ws_id, tag="new").number == 3
        assert add(store, ws_id, "actuals", tag="act").number == 1
        store.save_view(ws_id, "v", {"a": "b"})
        assert store.views(ws_id)[0].params == {"a": "b"}
    with Store(db_url) as again:  # opening an up-to-date database changes nothing
        assert len(again.versions(ws_id, "clusters")) == 3


def test_downgrade_and_upgrade_again(store: Store, db_url: str):
    ws = store.create_workspace()
    add(store, ws.id, tag="c")
    add(store, ws.id, "actuals", tag="a")
    store.save_view(ws.id, "v", {})
    engine = store_db.make_engine(db_url)
    store_db.downgrade(engine, "0001")
    assert store_db.current_revision(engine) == "0001"
    store_db.upgrade(engine)
    engine.dispose()
    assert [v.filename for v in store.versions(ws.id, "clusters")] == ["c.csv"]  # kept
    assert store.versions(ws.id, "actuals") == [] and store.views(ws.id) == []  # 0002's things went with it


def test_models_match_the_migrations(store: Store):
    with store._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": store_db.VERSION_TABLE})
        assert compare_metadata(context, Base.metadata) == []


def test_database_from_a_newer_atlas_is_refused(db_url: str):
    Store(db_url).close()
    engine = store_db.make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {store_db.VERSION_TABLE} SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer version of the atlas"):
        Store(db_url)


# -- settings and SQLite ------------------------------------------------------------------------


def test_database_url_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
    assert settings.database_url() == f"sqlite:///{settings.REPO_DIR / 'var' / 'atlas.sqlite3'}"
    target = tmp_path / "new folder" / "atlas.sqlite3"
    monkeypatch.setenv("ATLAS_DATABASE_URL", f"sqlite:///{target}")
    assert settings.database_url() == f"sqlite:///{target}"
    with Store() as store:  # the folder is made on first use
        store.create_workspace()
    assert target.exists()
    with pytest.raises(StoreError, match="SQLite file"):
        Store("sqlite://")
    with pytest.raises(StoreError, match="not valid"):
        Store("no url at all")


def test_plain_postgresql_url_means_psycopg(pg_cluster: pg.PgCluster):
    url = pg_cluster.new_database().replace("postgresql+psycopg://", "postgresql://")
    with Store(url) as store:
        assert store.schema_revision == "0002"
        assert store.get_workspace(store.create_workspace("p").id).name == "p"


def test_sqlite_settings(tmp_path: Path):
    with Store(f"sqlite:///{tmp_path / 'a.sqlite3'}") as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store_db.BUSY_TIMEOUT_S * 1000


# -- ids stay secret ------------------------------------------------------------------------------


def _messages(exc: BaseException) -> list[str]:
    """The exception's text and that of every exception a traceback would show with it."""
    found: list[str] = []
    seen: BaseException | None = exc
    while seen is not None:
        found += [str(seen), repr(seen)]
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    return found


def test_full_id_never_in_messages_or_logs(store: Store, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)  # everything, SQLAlchemy's statement and row logging included
    ws = store.create_workspace("secret")
    add(store, ws.id)
    store.save_view(ws.id, "v", {"a": "b"})
    exported = store.export_workspace(ws.id)
    copy = store.import_workspace(exported)
    gone = store.create_workspace("gone")
    store.delete_workspace(gone.id)

    failures = [
        lambda: store.get_workspace(gone.id),
        lambda: store.rename_workspace(gone.id, "x"),
        lambda: store.delete_workspace(gone.id),
        lambda: add(store, gone.id),
        lambda: store.versions(gone.id, "clusters"),
        lambda: store.export_workspace(gone.id),
        lambda: store.save_view(gone.id, "v", {}),
        lambda: store.use_version(ws.id, "clusters", 7),
        lambda: store.delete_view(ws.id, "nope"),
        lambda: add(store, ws.id, "nope"),
        lambda: store.import_workspace(exported.replace(b'"format_version": 1', b'"format_version": "x"')),
    ]
    messages: list[str] = []
    for call in failures:
        with pytest.raises(StoreError) as caught:
            call()
        messages += _messages(caught.value)

    # a database error whose driver text quotes the id (PostgreSQL's DETAIL line) is reported without it
    def orphan_version() -> None:
        with Session(store._writer) as session, session.begin():
            session.add(FileVersionRow(workspace_id=gone.id, kind="clusters", number=1, filename="f", data=b"",
                                       report="", summary="", created_at=datetime.now(UTC)))  # fmt: skip

    with pytest.raises(StoreError, match="the database failed") as caught:
        store_db.retrying("storing an orphan", orphan_version, hide=(gone.id,))
    messages += _messages(caught.value)

    assert short_id(gone.id) in " ".join(messages)  # the short form is there to tell them apart
    logged = [record.getMessage() for record in caplog.records]
    assert any(short_id(ws.id) in line for line in logged)
    for secret in (ws.id, copy.id, gone.id):
        assert not [m for m in messages if secret in m]
        assert not [line for line in logged if secret in line]


# -- concurrency --------------------------------------------------------------------------------


def _audit(store: Store, ws_id: str, files: set[str], views: set[str]) -> dict[str, int]:
    """What survived of the writes, and whether version numbers stayed a gap-free 1..n per kind."""
    stored: list[str] = []
    for kind in KINDS:
        versions = store.versions(ws_id, kind)
        assert sorted(v.number for v in versions) == list(range(1, len(versions) + 1)), kind
        assert all(v.data == v.filename.encode() for v in versions)  # each row is one writer's, whole
        stored += [v.filename for v in versions]
    assert len(stored) == len(set(stored))  # nothing stored twice
    saved = {view.name for view in store.views(ws_id)}
    return {"versions": len(stored), "views": len(saved),
            "lost": len(files - set(stored)) + len(views - saved)}  # fmt: skip


def test_concurrent_threads_lose_nothing(store: Store, request: pytest.FixtureRequest):
    threads_n, each = 20, 5
    ws = store.create_workspace("busy")
    barrier = threading.Barrier(threads_n)
    errors: list[str] = []

    def worker(t: int) -> None:
        barrier.wait()
        for j in range(each):
            name = f"t{t}-{j}"
            try:
                store.add_version(ws.id, KINDS[j % 2], filename=name, data=name.encode(), report="")
                store.save_view(ws.id, name, {"t": str(t)})
            except Exception as exc:  # counted: the test asserts there are none
                errors.append(f"{type(exc).__name__}: {exc}")

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads_n)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    names = {f"t{t}-{j}" for t in range(threads_n) for j in range(each)}
    audit = _audit(store, ws.id, names, names)
    backend = request.node.callspec.params["new_db"]
    print(f"\n[{backend}] {threads_n} threads: {audit['versions']} versions, {audit['views']} views stored, "
          f"lost writes {audit['lost']}, errors {len(errors)}, {time.perf_counter() - started:.2f} s")  # fmt: skip
    assert errors == []
    assert audit == {"versions": threads_n * each, "views": threads_n * each, "lost": 0}


WORKER = r"""
import json, sys, threading
from store import Store, KINDS
tag, n_threads, each = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = Store(sys.stdin.readline().strip())
print("ready", flush=True)
ws_id = sys.stdin.readline().strip()  # the "go" signal, sent to every process at once
errors = []
def work(t):
    for j in range(each):
        name = f"{tag}-{t}-{j}"
        try:
            store.add_version(ws_id, KINDS[j % 2], filename=name, data=name.encode(), report="")
            store.save_view(ws_id, name, {"p": tag})
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
threads = [threading.Thread(target=work, args=(t,)) for t in range(n_threads)]
for thread in threads: thread.start()
for thread in threads: thread.join()
store.close()
print(json.dumps({"errors": errors}), flush=True)
"""


def _spawn(tag: str, url: str, threads_n: int, each: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", WORKER, tag, str(threads_n), str(each)], cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(url + "\n")
    proc.stdin.flush()
    return proc


def test_concurrent_processes_lose_nothing(store: Store, db_url: str, request: pytest.FixtureRequest):
    procs_n, threads_n, each = 4, 4, 5
    ws = store.create_workspace("shared")
    procs = [_spawn(f"p{p}", db_url, threads_n, each) for p in range(procs_n)]
    errors: list[str] = []
    try:
        for proc in procs:  # wait until every process has opened the store
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr.read()  # type: ignore[union-attr]
        started = time.perf_counter()
        for proc in procs:
            proc.stdin.write(ws.id + "\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        for proc in procs:
            out, err = proc.communicate(timeout=180)
            assert proc.returncode == 0, err
            errors += json.loads(out.strip().splitlines()[-1])["errors"]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    names = {f"p{p}-{t}-{j}" for p in range(procs_n) for t in range(threads_n) for j in range(each)}
    audit = _audit(store, ws.id, names, names)
    backend = request.node.callspec.params["new_db"]
    print(f"\n[{backend}] {procs_n} processes x {threads_n} threads: {audit['versions']} versions, {audit['views']} views "
          f"stored, lost writes {audit['lost']}, errors {len(errors)}, {time.perf_counter() - started:.2f} s")  # fmt: skip
    assert errors == []
    assert audit == {"versions": len(names), "views": len(names), "lost": 0}


def test_processes_opening_a_new_database_at_once(new_db):
    """Several app processes starting together on an empty database: one migrates, none fails."""
    url = new_db()
    procs = [subprocess.Popen([sys.executable, "-c", "import sys; from store import Store; s = Store(sys.argv[1]); "
                               "print(s.schema_revision); s.close()", url], cwd=REPO, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]  # fmt: skip
    results = [proc.communicate(timeout=120) for proc in procs]
    outcome = [(proc.returncode, out.strip()) for proc, (out, _err) in zip(procs, results, strict=True)]
    assert outcome == [(0, "0002")] * 4, results


def test_no_workspace_id_starts_with_a_dash_so_the_command_line_takes_it_as_a_value() -> None:
    from store.records import new_workspace_id  # noqa: PLC0415

    ids = [new_workspace_id() for _ in range(3000)]  # about 47 would start with "-" without the rule
    assert not [i for i in ids if i.startswith("-")]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z0-9_-]{32}", i) for i in ids)
