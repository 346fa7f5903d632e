"""`ember --self-test`: does this Ember work here? One line of output, exit status 0 or 1.

It is what an installer's user (and the installer builds: the .deb, the Windows workflow) runs
to check a frozen Ember: the window opens offscreen, the embedded model (the bundled Gemma 3
270M) loads the way the window loads it, a few tokens are generated through the window's own
send path, and the conversation is written to SQLite and read back. A few bundle checks come
first, for the things a frozen build tends to lose (a lazily imported module, a data file, a
native library).

Everything happens in a temporary data folder (EMBER_HOME and the --data-dir override both point
there), so the user's history, settings and models are never read or touched; the folder is
deleted afterwards. Output of Qt, llama.cpp and Python goes to a log file while the test runs
(kept, and named in the line, only if the test fails); the one line printed is

    self-test passed: <what ran>
    self-test failed: <reason>

A watchdog ends the process with "self-test failed: timed out ..." if a step hangs (default 120 s).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import pkgutil
import shutil
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

DEFAULT_TIMEOUT_S = 120.0
PROMPT = "def add(a, b):"
MAX_TOKENS = 8


class SelfTestFailure(Exception):
    """A check failed: the message is the reason printed."""


def _options(args) -> tuple[float, bool]:
    """`args`: None, an argv list (e.g. ["--self-test", "--timeout", "60"]) or an argparse
    Namespace (its `self_test_timeout`/`timeout` and `verbose` are used when present)."""
    timeout, verbose = DEFAULT_TIMEOUT_S, False
    if isinstance(args, (list, tuple)):
        p = argparse.ArgumentParser(prog="ember --self-test", add_help=False)
        p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S)
        p.add_argument("-v", "--verbose", action="store_true")
        ns, _ = p.parse_known_args([a for a in args if a != "--self-test"])
        timeout, verbose = ns.timeout, ns.verbose
    elif args is not None:
        for name in ("self_test_timeout", "timeout"):
            if getattr(args, name, None):
                timeout = float(getattr(args, name))
                break
        verbose = bool(getattr(args, "verbose", False))
    env = os.environ.get("EMBER_SELFTEST_TIMEOUT")
    if env:
        try:
            timeout = float(env)
        except ValueError:
            pass
    return max(timeout, 1.0), verbose


def _say(line: str, fd: int | None) -> None:
    """Print the one line on the real standard output (even while fds 1/2 are redirected)."""
    data = (line + "\n").encode("utf-8", "replace")
    try:
        if fd is not None:
            os.write(fd, data)
        elif sys.stdout is not None:  # a windowed (no console) Windows build has none
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
    except OSError:
        pass


class _Capture:
    """Send fds 1 and 2 (Qt's and llama.cpp's C-level output, and Python's) to a log file."""

    def __init__(self, log_path: Path, enabled: bool):
        self.log_path = log_path
        self.enabled = enabled
        self.saved: dict[int, int] = {}
        self.out_fd: int | None = None     # the real stdout while captured

    def __enter__(self) -> "_Capture":
        if not self.enabled:
            return self
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            log_fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            for fd in (1, 2):
                self.saved[fd] = os.dup(fd)
                os.dup2(log_fd, fd)
            os.close(log_fd)
            self.out_fd = self.saved[1]
        except OSError:  # no usable fds (a windowed build): nothing to capture
            self.restore()
        return self

    def restore(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        for fd, saved in list(self.saved.items()):
            with contextlib.suppress(OSError):
                os.dup2(saved, fd)
                os.close(saved)
        self.saved.clear()
        self.out_fd = None

    def __exit__(self, *exc) -> None:
        self.restore()


class _State:
    """What the watchdog needs to say where the test was when it hung."""

    def __init__(self):
        self.step = "starting"
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.printed = False


def run_self_test(args=None) -> int:
    """Run the self-test; print one line; return 0 (passed) or 1 (failed)."""
    timeout, verbose = _options(args)
    t0 = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="ember-selftest-"))
    fd, log_name = tempfile.mkstemp(prefix="ember-selftest-", suffix=".log")
    os.close(fd)
    log_path = Path(log_name)
    state = _State()
    saved_env = {k: os.environ.get(k) for k in ("EMBER_HOME", "QT_QPA_PLATFORM")}
    from .core import paths
    saved_override = getattr(paths, "_override", None)
    capture = _Capture(log_path, enabled=not verbose)

    def finish(line: str) -> bool:
        with state.lock:
            if state.printed:
                return False
            state.printed = True
        _say(line, capture.out_fd)
        return True

    def watchdog() -> None:
        if state.done.wait(timeout):
            return
        line = (f"self-test failed: timed out after {timeout:.0f} s while {state.step} "
                f"(details: {log_path})")
        if finish(line):
            with contextlib.suppress(Exception):
                shutil.rmtree(tmp, ignore_errors=True)
            os._exit(1)

    threading.Thread(target=watchdog, name="ember-self-test-watchdog", daemon=True).start()
    ok, line = False, ""
    with capture:
        try:
            os.environ["EMBER_HOME"] = str(tmp / "home")
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            paths.set_data_dir(tmp / "home")
            summary = _run(tmp, state, t0 + timeout)
            ok, line = True, f"self-test passed: {summary} in {time.monotonic() - t0:.1f} s"
        except SelfTestFailure as e:
            line = f"self-test failed: {e}"
        except BaseException as e:  # noqa: BLE001 - any crash is a failure with a reason
            traceback.print_exc()
            line = f"self-test failed: {state.step}: {type(e).__name__}: {e}"
        finally:
            state.done.set()
            paths._override = saved_override  # noqa: SLF001 - restore --data-dir as it was
            for k, v in saved_env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    line = " ".join(line.split())  # one line, whatever the reason contained
    if not ok and log_path.stat().st_size > 0:
        line += f" (details: {log_path})"
    else:
        log_path.unlink(missing_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    finish(line)
    return 0 if ok else 1


# --------------------------------------------------------------------------- the checks
def _run(tmp: Path, state: _State, deadline: float) -> str:
    state.step = "checking the bundle"
    _check_bundle(tmp)

    state.step = "writing the settings"
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    # the embedded model, greedy and short; no first-run dialog
    (home / "settings.json").write_text(json.dumps({
        "default_model": "embedded", "max_tokens": MAX_TOKENS, "temperature": 0.0,
        "first_run_done": True}), encoding="utf-8")

    state.step = "opening the window"
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui.app import create_window
    app, win = create_window(autoload=True, first_run_dialog=False)
    dialogs: list[str] = []

    def poll(done, what: str) -> None:
        state.step = what
        while not done():
            app.processEvents()
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QMessageBox):  # a warning the window raised: that is the reason
                dialogs.append(f"{modal.windowTitle()}: {modal.text()}")
                modal.done(0)
            if dialogs:
                raise SelfTestFailure(f"{what}: {dialogs[-1]}")
            if time.monotonic() > deadline:
                raise SelfTestFailure(f"timed out while {what}")
            time.sleep(0.01)

    try:
        win.show()
        poll(lambda: win.isVisible(), "showing the window")
        poll(lambda: win.model_info is not None, "loading the embedded model")
        info = win.model_info

        results: list = []
        win.worker.finished.connect(lambda tag, metrics, text: results.append((metrics, text)))
        win.worker.failed.connect(lambda tag, msg: dialogs.append(f"generating: {msg}"))
        win.composer.setPlainText(PROMPT)
        win.send()
        poll(lambda: bool(results) and not win.generating, "generating")
        metrics, text = results[-1]
        if not metrics.completion_tokens:
            raise SelfTestFailure(f"{info.name} loaded but generated no tokens")
        conv_id = win.conv_id
        if conv_id is None:
            raise SelfTestFailure("the window did not create a conversation")
        where = info.where
        speed = f" at {metrics.decode_tps:.1f} tokens/s" if metrics.decode_tps else ""
        on = f"on {where}" if where == "CPU" else f"with {where}"
        model_part = f"{info.name} {on}, {metrics.completion_tokens} tokens{speed}"
    finally:
        state.step = "closing the window"
        win.close()
        app.processEvents()
        win.deleteLater()
        app.processEvents()

    state.step = "reading the database"
    _check_database(home, conv_id, PROMPT, tmp / "roundtrip.db")
    return f"window, {model_part}, database"


def _check_bundle(tmp: Path) -> None:
    """Everything Ember imports lazily, and the data files and native libraries it needs."""
    import desktop
    skip = {"desktop.__main__"}
    for mod in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if mod.name in skip:
            continue
        try:
            importlib.import_module(mod.name)
        except Exception as e:  # noqa: BLE001
            raise SelfTestFailure(f"module {mod.name} cannot be imported: "
                                  f"{type(e).__name__}: {e}") from e
    from .core import catalog
    try:
        cat = catalog.load()
        if not list(cat):
            raise SelfTestFailure(f"the model catalog {catalog.CATALOG_PATH} is empty")
    except SelfTestFailure:
        raise
    except Exception as e:  # noqa: BLE001
        raise SelfTestFailure(f"the model catalog cannot be read: {type(e).__name__}: {e}") from e
    try:  # markdown with a highlighted code block (mistune plugins, Pygments lexers)
        from .ui import markdown
        html = markdown.render("**ok**\n\n```python\ndef f():\n    return 1\n```\n").html
        if "ok" not in html:
            raise SelfTestFailure("markdown rendering lost its text")
    except SelfTestFailure:
        raise
    except Exception as e:  # noqa: BLE001
        raise SelfTestFailure(f"markdown rendering failed: {type(e).__name__}: {e}") from e
    try:  # documents: PDFium's native library, python-docx's default template
        import docx
        import pypdfium2
        pdf = pypdfium2.PdfDocument.new()
        pdf.close()
        d = docx.Document()
        d.add_paragraph("ok")
        d.save(str(tmp / "check.docx"))
    except Exception as e:  # noqa: BLE001
        raise SelfTestFailure(f"document support is broken: {type(e).__name__}: {e}") from e


def _check_database(home: Path, conv_id: int, prompt: str, roundtrip: Path) -> None:
    from .core.store import DB_NAME, Store
    # 1. what the window wrote while it answered
    store = Store(home / DB_NAME)
    try:
        thread = store.path(conv_id)
    finally:
        store.close()
    roles = [m.role for m in thread]
    if "user" not in roles or "assistant" not in roles:
        raise SelfTestFailure(f"the conversation was not saved (found roles {roles})")
    if not any(m.role == "user" and m.content.strip() == prompt for m in thread):
        raise SelfTestFailure("the saved question differs from the one sent")
    reply = [m for m in thread if m.role == "assistant"][-1]
    if reply.status != "complete":
        raise SelfTestFailure(f"the saved answer is {reply.status}, not complete")
    # 2. a write and a read of a fresh file (unicode, a second connection)
    text = "Ember self-test: héllo, 你好, 🔥"
    store = Store(roundtrip)
    try:
        cid = store.create_conversation("self-test")
        store.add_message(cid, "user", text)
        store.add_message(cid, "assistant", reply.content or "-")
    finally:
        store.close()
    store = Store(roundtrip)
    try:
        back = [(m.role, m.content) for m in store.path(cid)]
    finally:
        store.close()
    if back != [("user", text), ("assistant", reply.content or "-")]:
        raise SelfTestFailure("the database returned different messages than were written")
