"""The curated model catalog (gguf/catalog.toml): what Ember can download and how it is shaped."""
from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import EmberError
from .texts import tr

# In a checkout (or an editable install) the catalog is the repo's gguf/catalog.toml; a wheel
# installs it as data under <prefix>/share/ember/ (pyproject: tool.setuptools.data-files).
_CANDIDATES = (Path(__file__).resolve().parents[2] / "gguf" / "catalog.toml",
               Path(sys.prefix) / "share" / "ember" / "catalog.toml")
CATALOG_PATH = next((p for p in _CANDIDATES if p.exists()), _CANDIDATES[0])


@dataclass(frozen=True)
class Shape:
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    embd: int
    vocab: int

    def kv_bytes_per_token(self, bytes_per_value: float = 2.0) -> float:
        """K and V for every layer: layers x 2 x kv_heads x head_dim values."""
        return self.layers * 2 * self.kv_heads * self.head_dim * bytes_per_value


@dataclass(frozen=True)
class CatalogFile:
    name: str
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class CatalogModel:
    id: str
    name: str
    family: str
    files: tuple[CatalogFile, ...]
    shape: Shape
    context_length: int
    licence: str
    notes: str = ""
    repo: str | None = None          # None: not downloadable (e.g. the embedded model)
    revision: str = "main"
    quant: str = ""
    max_context: int | None = None   # beyond context_length with YaRN
    verified: bool = False
    source: str | None = None
    draft: str | None = None         # the catalog id of its draft model (speculative decoding)

    @property
    def size(self) -> int | None:
        sizes = [f.size for f in self.files]
        return None if any(s is None for s in sizes) else sum(s for s in sizes if s is not None)

    @property
    def first_file(self) -> str:
        return self.files[0].name

    @property
    def downloadable(self) -> bool:
        return self.repo is not None


@dataclass(frozen=True)
class Catalog:
    models: dict[str, CatalogModel] = field(default_factory=dict)
    default: str | None = None

    def get(self, model_id: str) -> CatalogModel:
        key = model_id.lower()
        if key in self.models:
            return self.models[key]
        for m in self.models.values():  # also by display name or first file name
            if m.name.lower() == key or m.first_file.lower() == key:
                return m
        raise EmberError(tr("{model_id!r} is not in Ember's catalog. Known models: {text}.").format(
                             model_id=model_id, text=', '.join(self.models)))

    def __iter__(self):
        return iter(self.models.values())


def parse(data: dict) -> Catalog:
    models = {}
    for mid, m in data.get("models", {}).items():
        try:
            files = tuple(CatalogFile(f["name"], f.get("size"), f.get("sha256")) for f in m["files"])
            models[mid.lower()] = CatalogModel(
                id=mid.lower(), name=m["name"], family=m["family"], files=files,
                shape=Shape(**m["shape"]), context_length=int(m["context_length"]),
                licence=m.get("licence", "unknown"), notes=m.get("notes", ""),
                repo=m.get("repo"), revision=m.get("revision", "main"), quant=m.get("quant", ""),
                max_context=m.get("max_context"), verified=bool(m.get("verified", False)),
                source=m.get("source"), draft=m.get("draft"))
        except (KeyError, TypeError) as e:
            raise EmberError(tr("The model catalog entry {mid!r} is malformed ({e}).").format(
                                 mid=mid, e=e)) from e
    for m in models.values():
        if m.draft is not None and m.draft.lower() not in models:
            raise EmberError(tr("The model catalog entry {id!r} names the draft model "
                                "{draft!r}, which is not in the catalog.").format(
                                 id=m.id, draft=m.draft))
    return Catalog(models, data.get("default"))


def load(path: Path | None = None) -> Catalog:
    """The catalog: `path`, else $EMBER_CATALOG (another catalog file, e.g. a mirror's or a
    test's), else the one shipped with Ember."""
    import os
    return _load(Path(path or os.environ.get("EMBER_CATALOG") or CATALOG_PATH))


@lru_cache(maxsize=4)
def _load(path: Path) -> Catalog:
    try:
        with open(path, "rb") as f:
            return parse(tomllib.load(f))
    except FileNotFoundError as e:
        raise EmberError(tr("The model catalog is missing ({path}).").format(path=path)) from e
    except tomllib.TOMLDecodeError as e:
        raise EmberError(tr("The model catalog {path} is not valid TOML: {e}").format(
                             path=path, e=e)) from e
