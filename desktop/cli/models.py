"""`ember pull`, `ember models`, `ember models add`, `ember rm`: the model catalog in a terminal."""
from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path

from ..core import catalog as catalog_mod
from ..core import hub, models
from ..core.errors import EmberError


def _gb(n: int | None) -> str:
    return "?" if n is None else f"{n / 1e9:.2f} GB"


class _ProgressPrinter:
    """One updating line on a terminal; a line every few seconds when output is a file or pipe."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = 0.2 if self.tty else 5.0
        self._last = 0.0
        self._last_state = None
        self._width = 0

    def __call__(self, p: "hub.DownloadProgress") -> None:
        if p.state in ("failed", "cancelled"):
            return  # the error itself is printed once, by the command
        now = time.monotonic()
        if p.state == self._last_state and now - self._last < self.interval:
            return
        self._last, self._last_state = now, p.state
        line = p.line()
        if self.tty:
            self.stream.write("\r" + line + " " * max(0, self._width - len(line)))
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0


def run_pull(args) -> int:
    cat = catalog_mod.load()
    model = cat.get(args.name)
    if not model.downloadable:
        raise EmberError(f"{model.name} is not downloaded: it comes with Ember "
                         "(use --model embedded).")
    have = hub.verified_path(model)
    if have is not None and not args.force:
        print(f"{model.name} is already downloaded and verified: {have}")
        return 0
    printer = _ProgressPrinter()
    dl = hub.Download(model, endpoint=args.endpoint, on_progress=printer)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if main else None
    if main:  # Ctrl+C: stop cleanly, keep the partial bytes for the next `ember pull`
        signal.signal(signal.SIGINT, lambda *_: dl.cancel())
    try:
        path = dl.run()
    except hub.DownloadCancelled as e:
        printer.finish()
        print(f"ember: {e}", file=sys.stderr)
        return 130
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
        printer.finish()
    for note in dl.notes:
        print(f"Note: {note}", file=sys.stderr)
    print(f"{model.name} is ready (sha256 verified): {path}")
    return 0


def _fit(model, hw) -> str:
    try:
        from ..core import plan
        return plan.plan(plan.ModelFacts.from_catalog(model), hw).fit
    except Exception:  # the badge is a hint; never let it break the listing
        return "?"


def run_models(args) -> int:
    cat = catalog_mod.load()
    try:
        from ..core import hardware
        hw = hardware.probe()
    except Exception:
        hw = None
    rows = []
    for m in cat:
        if m.id == "embedded":
            where = "built in"
        else:
            where = "installed" if (hub.verified_path(m) or hub.find_in_cache(m)) else ""
        fit = _fit(m, hw) if hw is not None else "?"
        default = "*" if m.id == cat.default else " "
        rows.append((default + m.id, _gb(m.size), fit, m.licence, where))
    for p in models.imported_models():
        rows.append((" " + p.name, _gb(sum(s.stat().st_size for s in _shards(p))), "", "", "imported"))
    widths = [max(len(r[i]) for r in rows + [("MODEL", "SIZE", "FIT", "LICENCE", "STATE")])
              for i in range(5)]
    header = ("MODEL", "SIZE", "FIT", "LICENCE", "STATE")
    for r in [header] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    where = "the GPU" if hw is not None and hw.can_offload else "this machine's memory (CPU)"
    print(f"\n* the default. FIT: fits = runs entirely in {where}; partial = some layers on the "
          "CPU (slower); no = does not fit this machine. `ember pull ID` downloads.")
    return 0


def _shards(p: Path) -> list[Path]:
    from ..core.gguf_meta import shard_paths
    return [s for s in shard_paths(p) if s.exists()]


def run_models_add(args) -> int:
    path = hub.import_gguf(Path(args.path).expanduser(), copy=not args.link)
    print(f"Imported: {path}")
    return 0


def run_rm(args) -> int:
    name = args.name
    cat = catalog_mod.load()
    try:
        model = cat.get(name)
    except EmberError:
        model = None
    if model is not None:
        if not model.downloadable:
            raise EmberError(f"{model.name} is built into Ember and cannot be removed.")
        if not args.yes and sys.stdin.isatty():
            if input(f"Delete {model.name} ({_gb(model.size)})? [y/N] ").strip().lower() not in ("y", "yes"):
                print("Nothing deleted.")
                return 1
        freed = hub.remove(model)
        print(f"Deleted {model.name}" + (f" ({_gb(freed)} freed)." if freed else "."))
        return 0
    for p in models.imported_models():
        if p.name == name or p.stem == name:
            for s in _shards(p):
                s.unlink()
            print(f"Deleted the imported model {p.name}.")
            return 0
    raise EmberError(f"No model named {name!r}: `ember models` lists them.")


def _run_models_command(args) -> int:
    return run_models_add(args) if getattr(args, "models_command", None) == "add" else run_models(args)


def register(sub) -> None:
    """`ember pull`, `ember models [add]`, `ember rm`."""
    pl = sub.add_parser("pull", help="download a model from the catalog (resumable, verified)")
    pl.add_argument("name", help="catalog id, e.g. qwen2.5-7b-instruct (see `ember models`)")
    pl.add_argument("--endpoint", default=None,
                    help="Hugging Face endpoint or mirror (default: $HF_ENDPOINT or huggingface.co)")
    pl.add_argument("--force", action="store_true", help="download again even if installed")

    ms = sub.add_parser("models", help="list installed and catalog models; `models add PATH` imports")
    msub = ms.add_subparsers(dest="models_command")
    ma = msub.add_parser("add", help="import a GGUF file you already have")
    ma.add_argument("path", help="the .gguf file (the first shard of a split model)")
    ma.add_argument("--link", action="store_true", help="hard-link instead of copying when possible")

    pl.set_defaults(func=run_pull)
    ms.set_defaults(func=_run_models_command)
    rm = sub.add_parser("rm", help="delete a downloaded or imported model")
    rm.add_argument("name")
    rm.add_argument("-y", "--yes", action="store_true", help="do not ask")
    rm.set_defaults(func=run_rm)
