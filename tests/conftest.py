"""Fixtures: real models only. The embedded Gemma 3 270M (from PyPI) and a tiny Qwen2 model
synthesized with gguf-py. llama.cpp is never mocked."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))

import synth  # noqa: E402


def pytest_configure(config):
    # the reference Llama class must avoid llama.cpp's AMX crash as Engine does (engine.py)
    from desktop.core.engine import guard_llama_defaults
    guard_llama_defaults()


@pytest.fixture(autouse=True)
def _hardware_probe_is_local():
    """A window or chat client in this test process declares itself a client of an engine
    (hardware.use_engine_build): undo it after each test."""
    yield
    from desktop.core import hardware
    hardware._ENGINE_BUILD = None


@pytest.fixture(autouse=True)
def _windows_are_closed():
    """A window a test made and left open (a failed assert before its close) is closed after
    the test: its engine and threads must not run on into later tests, nor abort the run at
    exit. Windows of module- or session-scoped fixtures exist before the test and are kept."""
    before = _open_windows()
    yield
    for w in _open_windows() - before:
        w.close()


def _open_windows() -> set:
    mw = sys.modules.get("desktop.ui.main_window")
    if mw is None:
        return set()
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        return set()
    return {w for w in QApplication.topLevelWidgets()
            if isinstance(w, mw.MainWindow) and not getattr(w, "_closed", False)}


@pytest.fixture(scope="session", autouse=True)
def ember_home(tmp_path_factory):
    """Every test session gets its own data folder; the user's is never touched."""
    home = tmp_path_factory.mktemp("ember-home")
    old = os.environ.get("EMBER_HOME")
    os.environ["EMBER_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("EMBER_HOME", None)
    else:
        os.environ["EMBER_HOME"] = old


@pytest.fixture(scope="session")
def gemma_path(ember_home) -> Path:
    from desktop.core.models import embedded_path
    return embedded_path()


@pytest.fixture(scope="session")
def qwen_path(tmp_path_factory) -> Path:
    return synth.write_qwen2(tmp_path_factory.mktemp("qwen"), shards=2)


@pytest.fixture(scope="session")
def json_closer_path(tmp_path_factory) -> Path:
    """A model whose JSON answer is "{}" and ends, on any CPU (synth.JSON_CLOSER)."""
    return synth.write_json_closer(tmp_path_factory.mktemp("json-closer"))


def _loaded(path, n_ctx):
    from desktop.core.engine import Engine, LoadSettings
    e = Engine()
    e.load(path, LoadSettings(n_ctx=n_ctx))
    yield e
    e.unload()


@pytest.fixture(scope="session")
def gemma_engine(gemma_path):
    yield from _loaded(gemma_path, 2048)


@pytest.fixture(scope="session")
def qwen_engine(qwen_path):
    yield from _loaded(qwen_path, 4096)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB filesystem of its own (tmpfs; needs the right to mount, as root in CI)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {r.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(folder: Path) -> Path:
    """Fill the filesystem of `folder` to the last byte; returns the filler (delete it to free)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for block in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * block)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


@pytest.fixture(scope="module")
def gui_window(qapp, gemma_path):
    """The real window with the settings as they are (offscreen), one per test module."""
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.show()
    yield w
    w.close()
