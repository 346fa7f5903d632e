"""`ember pull / models / rm / models add` as a user runs them, against the fake hub."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import synth
from fakehub import FakeHub

from desktop.core import gguf_meta

ROOT = Path(__file__).resolve().parents[1]
REPO = "ember-test/tiny-qwen-GGUF"


@pytest.fixture(scope="module")
def big_shards(tmp_path_factory) -> list[Path]:
    first = synth.write_qwen2(tmp_path_factory.mktemp("pull"), name="tiny-qwen-q4_k_m",
                              n_embd=128, n_ff=1024, shards=2)
    return gguf_meta.shard_paths(first)


@pytest.fixture
def env(tmp_path, big_shards):
    cat = synth.write_catalog(tmp_path / "catalog.toml", "tiny-qwen", "Tiny Qwen", REPO,
                              big_shards, embd=128, default=True)
    e = {**os.environ, "EMBER_HOME": str(tmp_path / "home"), "EMBER_CATALOG": str(cat),
         "HF_HUB_CACHE": str(tmp_path / "hf"), "PYTHONPATH": str(ROOT)}
    e.pop("HF_HUB_OFFLINE", None)
    return e


def ember(env, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


def _partial_size(cache: Path) -> int:
    parts = list(cache.rglob("*.incomplete"))
    return sum(p.stat().st_size for p in parts)


def test_pull_killed_then_rerun_finishes_verified_and_chats(env, big_shards, tmp_path):
    cache = Path(env["HF_HUB_CACHE"])
    size = big_shards[0].stat().st_size
    with FakeHub({REPO: {p.name: p for p in big_shards}}) as fake:
        env["HF_ENDPOINT"] = fake.endpoint
        fake.throttle(1_000_000)  # ~4 s for the model: time to kill it halfway
        proc = subprocess.Popen([sys.executable, "-m", "desktop", "pull", "tiny-qwen"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 30
            while _partial_size(cache) < size // 4 and time.time() < deadline:
                time.sleep(0.05)
            assert _partial_size(cache) >= size // 4, proc.stderr.read() if proc.poll() else ""
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
        kept = _partial_size(cache)
        assert 0 < kept < size
        r = ember(env, "models")
        assert "tiny-qwen" in r.stdout and "installed" not in r.stdout
        r = ember(env, "chat", "--model", "tiny-qwen", "--prompt", "hi")
        assert r.returncode == 1 and "ember pull tiny-qwen" in r.stderr

        fake.throttle(None)
        r = ember(env, "pull", "tiny-qwen")
        assert r.returncode == 0, r.stderr
        assert "sha256 verified" in r.stdout
        gets = fake.file_gets(big_shards[0].name)
        assert gets[-1].range == f"bytes={kept}-"
        assert fake.bytes_sent(big_shards[0].name) < 2 * size
    # offline from here on: the verified model is used without the hub
    r = ember(env, "models")
    assert "installed" in r.stdout
    r = ember(env, "chat", "--prompt", "hi", "--max-tokens", "8")  # the default model now
    assert r.returncode == 0, r.stderr
    assert "TTFT" in r.stderr
    r = ember(env, "rm", "tiny-qwen", "--yes")
    assert r.returncode == 0 and "Deleted Tiny Qwen" in r.stdout
    assert not list(cache.rglob("*.gguf"))


def test_pull_offline_says_so_at_once(env):
    env["HF_HUB_OFFLINE"] = "1"
    t0 = time.time()
    r = ember(env, "pull", "tiny-qwen")
    assert r.returncode == 1
    assert "offline" in r.stderr and "ember models add" in r.stderr
    assert time.time() - t0 < 30
    assert "Traceback" not in r.stderr


def test_models_add_then_chat_then_rm(env, big_shards, tmp_path):
    r = ember(env, "models", "add", str(big_shards[0]))
    assert r.returncode == 0, r.stderr
    r = ember(env, "models")
    assert big_shards[0].name in r.stdout and "imported" in r.stdout
    r = ember(env, "chat", "--model", big_shards[0].stem, "--prompt", "hi", "--max-tokens", "4")
    assert r.returncode == 0, r.stderr
    bad = tmp_path / "notes.gguf"
    bad.write_text("not a model")
    r = ember(env, "models", "add", str(bad))
    assert r.returncode == 1 and "not a GGUF" in r.stderr
    r = ember(env, "rm", big_shards[0].stem)
    assert r.returncode == 0, r.stderr
    assert "imported" not in ember(env, "models").stdout


def test_unknown_model_to_pull(env):
    r = ember(env, "pull", "no-such-model")
    assert r.returncode == 1 and "not in Ember's catalog" in r.stderr
