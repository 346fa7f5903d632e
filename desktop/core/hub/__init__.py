"""Downloading catalog models from the Hugging Face Hub into the standard HF cache (Qt-free).

Files land where huggingface_hub puts them (`<cache>/models--org--name/blobs/<sha256>`, linked
from `snapshots/<commit>/<file>`), so a model another tool fetched is found and reused, and a
model Ember fetched is visible to other tools.

Why the bytes are not fetched by `hf_hub_download` itself: huggingface_hub 2.x downloads into a
process-unique temporary file and deletes it on any failure, so it cannot resume after a pause, a
cancel, a crash or a kill; its retries sleep a fixed second and its read timeout is read once at
import time. So Ember asks the hub through huggingface_hub (the repo's file metadata with
`HfApi.model_info`, the per-file HEAD with `get_hf_file_metadata`, its shared HTTP client and
headers) and streams the bytes itself into `blobs/<sha256>.incomplete` with HTTP Range resume,
under the same `.locks/...` file lock huggingface_hub uses. A file is hashed before it is moved
to its blob name, so a corrupt download never appears in the cache. The Xet protocol is never
used: the CDN URL of the HEAD redirect is read with plain HTTP.

A registry of verified downloads (`models_dir()/verified.json`) lets Ember trust a model again
without re-hashing gigabytes: an entry is valid while every file keeps its recorded size and
modification time.

The package: `common` (states, errors, formatting, the cache's location, hashing), `registry`
(verified and pending downloads, cache look-ups, removal), `download` (one resumable download),
`importing` (a .gguf the user already has).
"""
from __future__ import annotations

from . import common
from .common import *  # noqa: F403  (the names in common.__all__)
from .download import Download, DownloadProgress, RemoteFile
from .importing import broken_links, import_gguf, imported_dir
from .listing import (
    HubGguf,
    RepoListing,
    fit_by_size,
    list_gguf,
    model_from_spec,
    model_spec,
    parse_repo,
)
from .registry import find_in_cache, registry_path, remove, verified_models, verified_path

__all__ = [
    "Download", "HubGguf", "RepoListing", "broken_links", "fit_by_size", "list_gguf",
    "model_from_spec", "model_spec", "parse_repo", "DownloadProgress", "RemoteFile",
    "find_in_cache", "import_gguf", "imported_dir", "registry_path", "remove", "verified_models",
    "verified_path",
]
__all__ += common.__all__
