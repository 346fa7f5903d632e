"""Downloads through huggingface_hub against a fake hub on 127.0.0.1 (tests/fakehub.py).

The served files are a real split GGUF (tests/synth.py); llama.cpp is never mocked."""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import namedtuple
from pathlib import Path

import pytest
from fakehub import FakeHub

from desktop.core import gguf_meta, hub, paths
from desktop.core.catalog import CatalogFile, CatalogModel, Shape
from desktop.core.errors import ModelFileError

REPO = "fake-org/Tiny-Qwen2.5-Instruct-GGUF"
ROOT = Path(__file__).resolve().parents[1]


def make_model(shards: list[Path], *, id: str = "tiny-qwen", repo: str = REPO,
               sha256: list[str | None] | None = None, sizes: list[int | None] | None = None,
               verified: bool = False) -> CatalogModel:
    files = tuple(CatalogFile(p.name, sizes[i] if sizes else None, sha256[i] if sha256 else None)
                  for i, p in enumerate(shards))
    return CatalogModel(id=id, name="Tiny Qwen", family="qwen2.5", files=files,
                        shape=Shape(layers=2, heads=4, kv_heads=2, head_dim=16, embd=64, vocab=271),
                        context_length=32768, licence="apache-2.0", repo=repo, verified=verified)


@pytest.fixture(autouse=True)
def ember_data(tmp_path, monkeypatch):
    """A fresh Ember data folder (registry, imports) for every test."""
    monkeypatch.setenv("EMBER_HOME", str(tmp_path / "ember"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    return tmp_path / "ember"


@pytest.fixture(scope="session")
def shards(qwen_path) -> list[Path]:
    return gguf_meta.shard_paths(qwen_path)


@pytest.fixture
def fake(shards):
    with FakeHub({REPO: {p.name: p for p in shards}}) as h:
        yield h


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "hf-cache"


@pytest.fixture
def model(shards) -> CatalogModel:
    return make_model(shards)


def download(model, fake, cache, **kw) -> hub.Download:
    kw.setdefault("backoff_s", 0.01)
    return hub.Download(model, endpoint=fake.endpoint, cache_dir=cache, **kw)


def refused_endpoint() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now: connection refused
    return f"http://127.0.0.1:{port}"


def repo_dir(cache: Path) -> Path:
    return cache / ("models--" + REPO.replace("/", "--"))


def partials(cache: Path) -> list[Path]:
    return sorted((repo_dir(cache) / "blobs").glob("*.incomplete"))


def states(events) -> list[str]:
    out = []
    for e in events:
        if not out or out[-1] != e.state:
            out.append(e.state)
    return out


# ------------------------------------------------------------------------------------ downloads

def test_download_completes_verifies_and_registers(fake, cache, model, shards):
    events = []
    d = download(model, fake, cache, on_progress=events.append)
    path = d.run()

    commit = fake.commits[REPO]
    assert path == repo_dir(cache) / "snapshots" / commit / shards[0].name
    for src in shards:  # every shard in the same snapshot folder, linked to its sha256 blob
        p = path.parent / src.name
        assert p.is_symlink() and p.resolve().name == fake.sha256(REPO, src.name)
        assert p.read_bytes() == src.read_bytes()
    assert (repo_dir(cache) / "refs" / "main").read_text() == commit
    assert not partials(cache)
    assert gguf_meta.inspect(path).shards == [path.parent / s.name for s in shards]

    assert states(events)[:2] == ["checking", "downloading"]
    assert "verifying" in states(events) and events[-1].state == "done"
    total = sum(s.stat().st_size for s in shards)
    last = events[-1]
    assert (last.done, last.total, last.file_index, last.file_count) == (total, total, 2, 2)
    assert "[2/2]" in last.line() and "(100%)" in last.line()
    assert all(e.done <= e.total for e in events if e.total)
    assert [r.size for r in d.remote] == [s.stat().st_size for s in shards]

    entry = json.loads((paths.models_dir() / "verified.json").read_text())["models"][model.id]
    assert entry["path"] == str(path) and entry["commit"] == commit and entry["verified_at"]
    for rec, src in zip(entry["files"], shards, strict=True):
        st = (path.parent / src.name).stat()
        assert rec["sha256"] == fake.sha256(REPO, src.name)
        assert (rec["size"], rec["mtime_ns"]) == (st.st_size, st.st_mtime_ns)
    assert hub.verified_path(model) == path
    assert hub.verified_models() == {model.id: path}

    # a second run trusts the registry: no request at all
    n = len(fake.requests)
    assert download(model, fake, cache).run() == path
    assert len(fake.requests) == n

    # huggingface_hub itself finds Ember's download in its cache and fetches nothing
    from huggingface_hub import hf_hub_download
    got = hf_hub_download(REPO, shards[1].name, cache_dir=cache, endpoint=fake.endpoint)
    assert Path(got) == path.parent / shards[1].name
    assert fake.bytes_sent() == total

    # a file changed since (another mtime) is no longer trusted without re-verification
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert hub.verified_path(model) is None


def test_a_damaged_registry_only_costs_a_re_verification(fake, cache, model):
    path = download(model, fake, cache).run()
    registry = paths.models_dir() / "verified.json"
    registry.write_text("{not json")
    assert hub.verified_path(model) is None and hub.verified_models() == {}
    sent = fake.bytes_sent()
    assert download(model, fake, cache).run() == path  # verified from the cached blobs
    assert fake.bytes_sent() == sent
    assert hub.verified_path(model) == path


def test_dropped_connection_resumes_with_a_range_request(fake, cache, model, shards):
    size = shards[0].stat().st_size
    fake.drop_after(shards[0].name, size // 2)
    events = []
    path = download(model, fake, cache, on_progress=events.append).run()

    gets = fake.file_gets(shards[0].name)
    assert [g.fault for g in gets] == ["drop", None]
    assert gets[0].sent == size // 2
    assert gets[1].range == f"bytes={size // 2}-" and gets[1].status == 206
    assert fake.bytes_sent(shards[0].name) < 2 * size
    assert fake.bytes_sent(shards[0].name) == size  # not a byte fetched twice
    assert "retrying" in states(events)
    assert any("dropped" in e.message for e in events if e.state == "retrying")
    assert hub.verified_path(model) == path


def test_server_errors_are_retried_with_backoff(fake, cache, model):
    fake.fail_next(2, server="hub")   # the metadata call, then its retry
    fake.fail_next(2, server="cdn")   # the first GET of the first file, then its retry
    events = []
    t0 = time.monotonic()
    path = download(model, fake, cache, on_progress=events.append, backoff_s=0.05).run()
    elapsed = time.monotonic() - t0
    retries = [e for e in events if e.state == "retrying"]
    assert len(retries) == 4
    assert all("HTTP 500" in e.message for e in retries)
    # exponential: 0.05 + 0.1 (metadata), 0.05 + 0.1 (file)
    assert [e.message.split("retrying in ")[1].split(" s")[0] for e in retries] == \
        ["0.05", "0.1", "0.05", "0.1"]
    assert elapsed >= 0.3
    assert [r.status for r in fake.requests if r.fault] == [500, 500, 500, 500]
    assert hub.verified_path(model) == path


def test_persistent_server_errors_give_a_clear_error(fake, cache, model):
    fake.fail_next(100, server="cdn")
    with pytest.raises(hub.DownloadError) as err:
        download(model, fake, cache, max_retries=2, backoff_s=0.01).run()
    msg = str(err.value)
    assert "failed after 2 retries" in msg and "HTTP 500" in msg
    assert hub.verified_path(model) is None
    assert not (paths.models_dir() / "verified.json").exists()


def test_stalled_connection_times_out_and_resumes(fake, cache, model, shards):
    fake.stall_after(shards[0].name, 40_000, seconds=20)
    events = []
    t0 = time.monotonic()
    path = download(model, fake, cache, on_progress=events.append, timeout_s=1.0).run()
    assert time.monotonic() - t0 < 5
    gets = fake.file_gets(shards[0].name)
    assert gets[0].fault == "stall" and gets[0].sent == 40_000
    assert gets[1].range == "bytes=40000-"
    assert any("stalled" in e.message for e in events if e.state == "retrying")
    assert hub.verified_path(model) == path


def test_corrupted_download_is_deleted_and_never_trusted(fake, cache, model, shards):
    bad = shards[1].name
    fake.corrupt(bad)
    events = []
    with pytest.raises(hub.ChecksumError) as err:
        download(model, fake, cache, on_progress=events.append).run()
    assert bad in str(err.value) and "corrupted" in str(err.value)
    assert events[-1].state == "failed"

    sha = fake.sha256(REPO, bad)
    snap = repo_dir(cache) / "snapshots" / fake.commits[REPO]
    assert not (repo_dir(cache) / "blobs" / sha).exists()
    assert not (snap / bad).exists() and not (snap / bad).is_symlink()
    assert not partials(cache)
    assert hub.verified_path(model) is None
    assert hub.find_in_cache(model, cache) is None
    # the good shard stays (it verified), so the next run fetches only the bad one
    fake.clear_faults()
    before = fake.bytes_sent(shards[0].name)
    path = download(model, fake, cache).run()
    assert fake.bytes_sent(shards[0].name) == before
    assert (path.parent / bad).read_bytes() == shards[1].read_bytes()


def test_a_pinned_sha256_the_hub_does_not_have_is_refused(fake, cache, shards):
    m = make_model(shards, sha256=["0" * 64, None])
    with pytest.raises(hub.ChecksumError, match="Ember's catalog pins"):
        download(m, fake, cache).run()
    assert fake.bytes_sent() == 0


def test_unverified_catalog_figures_are_checked_against_the_hub(fake, cache, shards):
    real = [s.stat().st_size for s in shards]
    m = make_model(shards, sizes=[123, real[1]],
                   sha256=[None, fake.sha256(REPO, shards[1].name)])
    d = download(m, fake, cache)
    d.run()
    assert [r.size for r in d.remote] == real
    assert len(d.notes) == 1 and "123" in d.notes[0]
    verified = make_model(shards, id="tiny-verified", sizes=[123, real[1]], verified=True)
    with pytest.raises(hub.DownloadError, match="catalog says 123"):
        download(verified, fake, cache).run()


def test_a_file_missing_on_the_hub_is_a_clear_error(fake, cache, shards):
    m = make_model(shards + [shards[0].with_name("tiny-extra.gguf")])
    with pytest.raises(hub.DownloadError, match="has no tiny-extra.gguf.*out of date"):
        download(m, fake, cache).run()
    unknown = make_model(shards, repo="fake-org/nope")
    with pytest.raises(hub.DownloadError, match="was not found"):
        download(unknown, fake, cache).run()


def test_force_downloads_again(fake, cache, model, shards):
    path = download(model, fake, cache).run()
    assert download(model, fake, cache).run(force=True) == path
    assert fake.bytes_sent() == 2 * sum(s.stat().st_size for s in shards)
    assert hub.verified_path(model) == path


def test_one_writer_per_file(fake, cache, model, shards):
    """A second download of the same files (another window, another program holding
    huggingface_hub's lock) is refused at once instead of writing the same partial file."""
    fake.throttle(300_000)
    started = threading.Event()
    d = download(model, fake, cache, on_progress=lambda p: p.file_done and started.set())
    errors = []
    worker = threading.Thread(target=lambda: _catch(d.run, errors))
    worker.start()
    try:
        assert started.wait(10)
        with pytest.raises(hub.DownloadError, match="already running"):
            d.run()
        with pytest.raises(hub.DownloadError, match="being downloaded by another program"):
            download(model, fake, cache).run()
    finally:
        d.cancel()
        worker.join(10)
    assert isinstance(errors[0], hub.DownloadCancelled)


# -------------------------------------------------------------------------- cancel and pause

def test_cancel_from_another_thread_then_resume(fake, cache, model, shards):
    fake.throttle(300_000)  # ~1.5 s for the model: time to cancel it mid-file
    started = threading.Event()
    events = []

    def on_progress(p):
        events.append(p)
        if p.state == "downloading" and p.file_done > 0:
            started.set()
    d = download(model, fake, cache, on_progress=on_progress)
    d.PROGRESS_INTERVAL_S = 0
    errors = []
    worker = threading.Thread(target=lambda: _catch(d.run, errors))
    worker.start()
    assert started.wait(10)
    t0 = time.monotonic()
    d.cancel()
    worker.join(10)
    assert not worker.is_alive() and time.monotonic() - t0 < 1
    assert len(errors) == 1 and isinstance(errors[0], hub.DownloadCancelled)
    assert not isinstance(errors[0], hub.DownloadPaused)
    assert "cancelled" in str(errors[0]) and d.state == "cancelled"
    assert hub.verified_path(model) is None
    assert not (paths.models_dir() / "verified.json").exists()
    [part] = partials(cache)
    kept = part.stat().st_size
    assert 0 < kept < shards[0].stat().st_size

    fake.throttle(None)
    path = d.run()
    assert fake.file_gets(shards[0].name)[-1].range == f"bytes={kept}-"
    assert hub.verified_path(model) == path and not partials(cache)


def _catch(fn, errors):
    try:
        fn()
    except BaseException as e:  # noqa: BLE001 - handed to the test thread
        errors.append(e)


def test_pause_keeps_the_bytes_and_run_resumes(fake, cache, model, shards):
    d = download(model, fake, cache)
    d.PROGRESS_INTERVAL_S = 0

    def on_progress(p):
        if p.state == "downloading" and p.file_index == 2 and p.file_done >= 50_000:
            d.pause()
    d.on_progress = on_progress
    with pytest.raises(hub.DownloadPaused, match="paused"):
        d.run()
    assert d.state == "paused" and d.progress.file_index == 2
    [part] = partials(cache)
    assert part.name == fake.sha256(REPO, shards[1].name) + ".incomplete"
    kept = part.stat().st_size
    assert 50_000 <= kept < shards[1].stat().st_size
    assert hub.verified_path(model) is None

    d.on_progress = None
    path = d.run()  # shard 1 is complete (verified again from its blob), shard 2 resumes
    assert fake.file_gets(shards[1].name)[-1].range == f"bytes={kept}-"
    assert len(fake.file_gets(shards[0].name)) == 1
    assert hub.verified_path(model) == path


# ------------------------------------------------------------------------ disk space, offline

def test_not_enough_disk_space_is_refused_up_front(fake, cache, model, shards, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(hub.DiskFullError) as err:
        download(model, fake, cache).run()
    total = sum(s.stat().st_size for s in shards)
    msg = str(err.value)
    assert hub.fmt_bytes(total) in msg and "1.0 KB" in msg and str(cache) in msg
    assert fake.file_gets(shards[0].name) == []


def test_offline_mode_fails_fast(fake, cache, model, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    t0 = time.monotonic()
    with pytest.raises(hub.OfflineError) as err:
        download(model, fake, cache).run()
    assert time.monotonic() - t0 < 5
    assert "offline" in str(err.value) and "ember models add" in str(err.value)
    assert fake.requests == []


def test_unreachable_hub_fails_fast(cache, model):
    t0 = time.monotonic()
    with pytest.raises(hub.OfflineError) as err:
        hub.Download(model, endpoint=refused_endpoint(), cache_dir=cache).run()  # default backoff
    assert time.monotonic() - t0 < 5
    assert "offline" in str(err.value) and "connection refused" in str(err.value)
    assert "ember models add" in str(err.value)


def test_model_fetched_by_another_tool_is_found_offline(fake, cache, model, shards, monkeypatch):
    from huggingface_hub import hf_hub_download
    fetched = [Path(hf_hub_download(REPO, s.name, cache_dir=cache, endpoint=fake.endpoint))
               for s in shards]
    fake.stop()
    n = len(fake.requests)

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    events = []
    path = hub.Download(model, endpoint=fake.endpoint, cache_dir=cache,
                        on_progress=events.append).run()
    assert path == fetched[0]
    assert events[-1].state == "done" and "verifying" in states(events)
    assert hub.verified_path(model) == path
    monkeypatch.delenv("HF_HUB_OFFLINE")

    # without the registry entry: find_in_cache verifies and registers it again
    (paths.models_dir() / "verified.json").unlink()
    assert hub.find_in_cache(model, cache) == path
    assert hub.verified_path(model) == path
    # and a download with the hub unreachable uses it
    (paths.models_dir() / "verified.json").unlink()
    assert hub.Download(model, endpoint=fake.endpoint, cache_dir=cache).run() == path
    assert len(fake.requests) == n

    # a corrupted blob is never trusted
    (paths.models_dir() / "verified.json").unlink()
    blob = fetched[1].resolve()
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    assert hub.find_in_cache(model, cache) is None
    assert hub.verified_path(model) is None
    with pytest.raises(hub.OfflineError):
        hub.Download(model, endpoint=refused_endpoint(), cache_dir=cache).run()


def test_a_corrupt_cached_copy_is_downloaded_again(fake, cache, model, shards):
    from huggingface_hub import hf_hub_download
    got = Path(hf_hub_download(REPO, shards[0].name, cache_dir=cache, endpoint=fake.endpoint))
    blob = got.resolve()
    blob.write_bytes(b"GGUF" + b"\0" * (blob.stat().st_size - 4))
    path = download(model, fake, cache).run()
    assert path.read_bytes() == shards[0].read_bytes()
    assert len(fake.file_gets(shards[0].name)) == 2  # huggingface_hub's, then Ember's again


# ----------------------------------------------------------------------------- remove, import

def test_remove_deletes_only_the_model_files(shards, cache, tmp_path):
    readme = b"# Tiny Qwen\n"
    with FakeHub({REPO: {**{p.name: p for p in shards}, "README.md": readme}}) as fake:
        model = make_model(shards)
        # a partial download is removed too
        d = download(model, fake, cache)
        d.on_progress = lambda p: d.pause() if p.state == "downloading" else None
        with pytest.raises(hub.DownloadPaused):
            d.run()
        assert partials(cache)
        assert hub.remove(model, cache) > 0
        assert not partials(cache)

        path = download(model, fake, cache).run()
        from huggingface_hub import hf_hub_download
        other = Path(hf_hub_download(REPO, "README.md", cache_dir=cache, endpoint=fake.endpoint))
    freed = hub.remove(model, cache)
    assert freed == sum(s.stat().st_size for s in shards)
    assert hub.verified_path(model) is None
    assert model.id not in json.loads((paths.models_dir() / "verified.json").read_text())["models"]
    assert not path.exists() and not path.is_symlink()
    assert sorted(p.name for p in (repo_dir(cache) / "blobs").iterdir()) == [other.resolve().name]
    assert other.read_bytes() == readme
    assert hub.remove(model, cache) == 0  # nothing left: harmless


def test_import_gguf(qwen_path, shards, tmp_path):
    dest = hub.import_gguf(qwen_path)
    assert dest == paths.models_dir() / "imported" / qwen_path.name
    assert [p.read_bytes() for p in gguf_meta.inspect(dest).shards] == [s.read_bytes() for s in shards]
    assert hub.import_gguf(qwen_path) == dest  # the same file again: harmless

    shutil.rmtree(dest.parent)
    linked = hub.import_gguf(qwen_path, copy=False)
    assert os.path.samefile(linked, qwen_path)  # a hard link: no second copy on disk

    import synth
    other = synth.write_qwen2(tmp_path / "other", shards=2, seed=1)
    assert other.name == qwen_path.name
    with pytest.raises(hub.ImportConflictError, match="different model file named"):
        hub.import_gguf(other)


def test_import_refuses_a_non_gguf_file(tmp_path):
    bad = tmp_path / "notes.gguf"
    bad.write_text("these are not weights")
    with pytest.raises(ModelFileError) as err:
        hub.import_gguf(bad)
    assert err.value.kind == "not_gguf" and "not a GGUF" in str(err.value)
    assert not any(hub.imported_dir().iterdir())


def test_import_refuses_a_truncated_shard(shards, tmp_path):
    copies = [Path(shutil.copy(s, tmp_path / s.name)) for s in shards]
    with open(copies[1], "r+b") as f:
        f.truncate(copies[1].stat().st_size // 2)
    with pytest.raises(ModelFileError) as err:
        hub.import_gguf(copies[0])
    assert err.value.kind == "truncated" and copies[1].name in str(err.value)
    assert not any(hub.imported_dir().iterdir())  # not even the good first shard


# ----------------------------------------------------------------------------------- for real

def test_downloaded_model_loads_and_answers(fake, cache, model):
    from desktop.core.engine import Engine, LoadSettings, SamplingSettings
    path = download(model, fake, cache).run()
    engine = Engine()
    engine.load(path, LoadSettings(n_ctx=256))
    try:
        # min_tokens: the random model's greedy answer cannot end at once, on any CPU
        turn = engine.chat([{"role": "user", "content": "Say hi."}],
                           SamplingSettings(temperature=0.0, max_tokens=4, min_tokens=4))
        text = turn.run()
        assert isinstance(text, str)
        assert turn.metrics.completion_tokens >= 1
    finally:
        engine.unload()


CHILD = r"""
import json, sys
from pathlib import Path
from desktop.core import hub
from desktop.core.catalog import CatalogFile, CatalogModel, Shape

endpoint, cache, repo, *names = sys.argv[1:]
model = CatalogModel(id="tiny-big", name="Tiny Qwen (big)", family="qwen2.5",
                     files=tuple(CatalogFile(n) for n in names),
                     shape=Shape(2, 4, 2, 32, 128, 271), context_length=32768,
                     licence="apache-2.0", repo=repo)

def show(p):
    print(json.dumps({"state": p.state, "file": p.file_index, "file_done": p.file_done,
                      "line": p.line()}), flush=True)

path = hub.Download(model, endpoint=endpoint, cache_dir=cache, on_progress=show,
                    backoff_s=0.05).run()
print(json.dumps({"path": str(path)}), flush=True)
"""


@pytest.fixture(scope="session")
def big_shards(tmp_path_factory) -> list[Path]:
    """A ~3.8 MB split model: big enough to kill its download halfway."""
    import synth
    first = synth.write_qwen2(tmp_path_factory.mktemp("big"), n_embd=128, n_ff=1024, shards=2)
    return gguf_meta.shard_paths(first)


def _child(fake, cache, names, ember_home) -> subprocess.Popen:
    env = {**os.environ, "EMBER_HOME": str(ember_home), "PYTHONPATH": str(ROOT)}
    env.pop("HF_HUB_OFFLINE", None)
    return subprocess.Popen([sys.executable, "-c", CHILD, fake.endpoint, str(cache), REPO, *names],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _lines(proc) -> queue.Queue:
    q: queue.Queue = queue.Queue()

    def pump():
        for line in proc.stdout:
            q.put(json.loads(line))
        q.put(None)
    threading.Thread(target=pump, daemon=True).start()
    return q


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_download_resumes_in_a_fresh_process(big_shards, cache, ember_data):
    names = [p.name for p in big_shards]
    size = big_shards[0].stat().st_size
    with FakeHub({REPO: {p.name: p for p in big_shards}}) as fake:
        fake.throttle(2_000_000)  # ~2 s for the whole model
        proc = _child(fake, cache, names, ember_data)
        try:
            q = _lines(proc)
            while True:  # wait until the first shard is a quarter there, then kill -9
                msg = q.get(timeout=20)
                assert msg is not None, proc.stderr.read()
                if msg.get("state") == "downloading" and msg["file"] == 1 \
                        and msg["file_done"] > size // 4:
                    break
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        [part] = partials(cache)
        kept = part.stat().st_size
        assert 0 < kept < size
        model = make_model(big_shards, id="tiny-big")
        assert hub.verified_path(model) is None

        fake.throttle(None)
        proc = _child(fake, cache, names, ember_data)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        path = Path(json.loads(out.strip().splitlines()[-1])["path"])
        gets = fake.file_gets(names[0])
        assert gets[-1].range == f"bytes={kept}-" and gets[-1].status == 206
        assert fake.bytes_sent(names[0]) < 2 * size
    assert hub.verified_path(model) == path
    assert [p.read_bytes() for p in gguf_meta.inspect(path).shards] == \
        [p.read_bytes() for p in big_shards]
