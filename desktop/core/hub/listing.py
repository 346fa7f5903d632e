"""Any Hugging Face repo's GGUF files, for "Add from Hugging Face" (Qt-free).

`parse_repo` reads what a user pastes (`owner/name`, or a huggingface.co URL with or without a
`/tree/...`, `/blob/...` or `/resolve/...` tail); `list_gguf` asks the hub (through
huggingface_hub's `HfApi.model_info` with the files' metadata) which GGUF models the repo holds,
a split model's shards ("-00001-of-00003") grouped as one; `HubGguf.catalog_model` turns the
chosen one into a catalog entry pinned to the commit and the files' sha256, so `Download`
fetches and verifies it like any catalog model; `model_spec` / `model_from_spec` keep such an
entry in a small JSON (a download remembered across restarts).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx2
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import HfApi

from ... import __version__
from ..catalog import CatalogFile, CatalogModel, Shape
from ..gguf_meta import SPLIT_RE
from ..texts import tr
from .common import (
    _REPO_ID_RE,
    HubError,
    OfflineError,
    UnsafeMetadataError,
    check_git_sha,
    check_repo_path,
    check_sha256,
    default_endpoint,
    fmt_bytes,
    offline_mode,
)

_HOSTS = {"huggingface.co", "www.huggingface.co", "hf.co"}
# the quantization in a GGUF file name: Q4_K_M, IQ3_XXS, Q8_0, F16, BF16, TQ1_0, MXFP4...
_QUANT_RE = re.compile(r"(?<![A-Za-z0-9])(I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|MXFP4|BF16|F16|F32)"
                       r"(?![A-Za-z0-9])", re.IGNORECASE)
# a placeholder shape for a model known only by its files (the planner is not asked about it)
_UNKNOWN_SHAPE = Shape(layers=1, heads=1, kv_heads=1, head_dim=1, embd=1, vocab=1)


def parse_repo(text: str) -> tuple[str, str]:
    """What the user pasted -> (repo id, revision). Raises HubError with a sentence saying what
    a repository name looks like."""
    raw = (text or "").strip()
    if not raw:
        raise HubError(tr("Type a Hugging Face repository, such as "
                          "Qwen/Qwen2.5-7B-Instruct-GGUF, or paste its address."))
    revision = "main"
    path = raw
    if "://" in raw or raw.split("/", 1)[0].lower() in _HOSTS:
        u = urlsplit(raw if "://" in raw else "https://" + raw)
        if (u.hostname or "").lower() not in _HOSTS:
            raise HubError(tr("{raw} is not a Hugging Face address: paste an address on "
                              "huggingface.co, or type the repository as owner/name.").format(
                raw=raw))
        path = unquote(u.path)
    parts = [p for p in path.strip("/").split("/") if p]
    if parts and parts[0] == "models":
        parts = parts[1:]
    if len(parts) >= 4 and parts[2] in ("tree", "blob", "resolve"):
        revision = parts[3]
    elif len(parts) > 2:
        parts = parts[:2] if parts[2] in ("tree", "blob", "resolve", "discussions", "commits") \
            else parts
    repo = "/".join(parts[:2]) if len(parts) >= 2 else "/".join(parts)
    if len(parts) < 2 or (len(parts) > 2 and parts[2] not in ("tree", "blob", "resolve")) \
            or not _REPO_ID_RE.fullmatch(repo) or ".." in repo:
        raise HubError(tr("{raw!r} is not a Hugging Face repository: a repository is named "
                          "owner/name (letters, digits, '-', '_' and '.'), for example "
                          "Qwen/Qwen2.5-7B-Instruct-GGUF.").format(raw=raw))
    return repo, revision


def quant_of(name: str) -> str:
    """The quantization a GGUF file's name says ("" when it says none)."""
    stem = name.rsplit("/", 1)[-1]
    found = _QUANT_RE.findall(stem)
    return found[-1].upper() if found else ""


@dataclass(frozen=True)
class HubGguf:
    """One GGUF model in a repo: a single file, or every shard of a split one."""
    repo: str
    commit: str
    files: tuple[CatalogFile, ...]   # with sizes and sha256 from the hub

    @property
    def name(self) -> str:
        first = self.files[0].name
        m = SPLIT_RE.match(first.rsplit("/", 1)[-1])
        if m:
            folder = first.rsplit("/", 1)[0] + "/" if "/" in first else ""
            return f"{folder}{m.group('stem')}.gguf"
        return first

    @property
    def quant(self) -> str:
        return quant_of(self.name)

    @property
    def size(self) -> int:
        return sum(f.size or 0 for f in self.files)

    @property
    def model_id(self) -> str:
        """A stable id for the download centre and the registry of verified downloads."""
        return f"hf:{self.repo}/{self.name}".lower()

    def catalog_model(self) -> CatalogModel:
        stem = self.name.rsplit("/", 1)[-1].removesuffix(".gguf")
        return CatalogModel(
            id=self.model_id, name=f"{stem} ({self.repo})", family="unknown", files=self.files,
            shape=_UNKNOWN_SHAPE, context_length=0, licence=tr("see the repository"),
            notes=tr("From https://huggingface.co/{repo}").format(repo=self.repo), repo=self.repo,
            revision=self.commit, quant=self.quant, verified=False, source="huggingface")

    def line(self) -> str:
        shards = f", {len(self.files)} parts" if len(self.files) > 1 else ""
        return f"{self.name} ({self.quant or 'unknown quantization'}, {fmt_bytes(self.size)}{shards})"


@dataclass(frozen=True)
class RepoListing:
    repo: str
    commit: str
    models: list[HubGguf]
    skipped: list[str]               # split models with a shard missing, projector files


def list_gguf(text: str, *, endpoint: str | None = None, token: str | bool | None = None,
              timeout_s: float = 20.0) -> RepoListing:
    """The GGUF models of the repo the user named (blocking: call it from a worker thread).
    Raises HubError (OfflineError when the hub cannot be reached) with a sentence for the user;
    a repo without any GGUF model raises too."""
    repo, revision = parse_repo(text)
    endpoint = (endpoint or default_endpoint()).rstrip("/")
    host = urlsplit(endpoint).netloc
    if offline_mode():
        raise OfflineError(tr("Ember is offline (HF_HUB_OFFLINE is set), so it cannot list the "
                              "files of {repo}: unset HF_HUB_OFFLINE and try again.").format(
            repo=repo))
    info = _model_info(repo, revision, endpoint, host, token, timeout_s)
    commit = check_git_sha(info.sha, tr("The commit {host} gave for {repo}").format(
                                         host=host, repo=repo)) if info.sha else None
    if commit is None:
        raise HubError(tr("{host} did not say which commit {repo} is; check HF_ENDPOINT.").format(
            host=host, repo=repo))
    singles, skipped = _ggufs(info.siblings or [], repo, commit, host)
    if not singles:
        raise HubError(tr("{repo} has no GGUF model files, so Ember cannot run it: look for a "
                          "repository with GGUF in its name (often owner/name-GGUF).").format(
            repo=repo))
    singles.sort(key=lambda g: (g.size, g.name))
    return RepoListing(repo, commit, singles, skipped)


def _model_info(repo: str, revision: str | None, endpoint: str, host: str, token,
                timeout_s: float):
    """The hub's model_info with its files' metadata; each failure as a sentence."""
    try:
        return HfApi(endpoint=endpoint, library_name="ember",
                     library_version=__version__).model_info(
            repo, revision=revision, files_metadata=True, timeout=timeout_s, token=token)
    except GatedRepoError as e:
        raise HubError(tr("{repo} is gated: accept its conditions on https://{host}/{repo} and "
                          "log in with `hf auth login`, then try again.").format(
            repo=repo, host=host)) from e
    except RepositoryNotFoundError as e:
        raise HubError(tr("There is no repository {repo} on {host} (or it is private): check "
                          "the name.").format(repo=repo, host=host)) from e
    except RevisionNotFoundError as e:
        raise HubError(tr("{repo} has no branch, tag or commit {revision!r}.").format(
            repo=repo, revision=revision)) from e
    except (httpx2.ConnectError, httpx2.ConnectTimeout, OfflineModeIsEnabled) as e:
        raise OfflineError(tr("Ember cannot reach {host} to list the files of {repo}: check the "
                              "internet connection (and HTTPS_PROXY) and try again.").format(
            host=host, repo=repo)) from e
    except httpx2.TimeoutException as e:
        raise OfflineError(tr("{host} did not answer in time while listing {repo}: try again "
                              "later.").format(host=host, repo=repo)) from e
    except HfHubHTTPError as e:
        status = e.response.status_code if e.response is not None else "?"
        raise HubError(tr("{host} refused to list {repo} (HTTP {status}): try again "
                          "later.").format(host=host, repo=repo, status=status)) from e
    except ValueError as e:  # not JSON: not a hub
        raise HubError(tr("{host} did not answer like the Hugging Face Hub; check "
                          "HF_ENDPOINT.").format(host=host)) from e


def _ggufs(siblings, repo: str, commit: str, host: str) -> tuple[list, list[str]]:
    """The repo's GGUF models (a split model's parts together, only when all are there) and
    the files left out (unsafe names, vision projectors, no sha256, missing parts)."""
    singles: list[HubGguf] = []
    splits: dict[tuple[str, int], dict[int, CatalogFile]] = {}
    skipped: list[str] = []
    for s in siblings:
        name = s.rfilename
        if not isinstance(name, str) or not name.lower().endswith(".gguf"):
            continue
        try:
            check_repo_path(name, tr("The file name {host} gave").format(host=host))
        except UnsafeMetadataError:
            skipped.append(name[:80])
            continue
        if "mmproj" in name.lower().rsplit("/", 1)[-1]:
            skipped.append(name)  # a vision projector, not a model to chat with
            continue
        size = s.lfs.size if s.lfs else s.size
        sha = s.lfs.sha256 if s.lfs else None
        if not isinstance(size, int) or isinstance(size, bool) or size < 0 or sha is None:
            skipped.append(name)
            continue
        cf = CatalogFile(name, size, check_sha256(sha, tr("The sha256 {host} gave for {name}").format(
                                                           host=host, name=name)))
        m = SPLIT_RE.match(name.rsplit("/", 1)[-1])
        if m:
            folder = name.rsplit("/", 1)[0] if "/" in name else ""
            key = (f"{folder}/{m.group('stem')}", int(m.group("count")))
            splits.setdefault(key, {})[int(m.group("idx"))] = cf
        else:
            singles.append(HubGguf(repo, commit, (cf,)))
    for (stem, count), parts in splits.items():
        if sorted(parts) != list(range(1, count + 1)):
            skipped.append(f"{stem.lstrip('/')} ({len(parts)} of {count} parts)")
            continue
        singles.append(HubGguf(repo, commit, tuple(parts[i] for i in range(1, count + 1))))
    return singles, skipped


def fit_by_size(size: int, hw) -> tuple[str, str]:
    """A fit badge for a model known only by its file size (shape unknown until it is
    downloaded): the weights plus a modest context's cache, in the GPU or in RAM."""
    need = size * 1.1 + 0.5e9
    gpu = hw.gpu if getattr(hw, "can_offload", False) else None
    gb = lambda n: f"{n / 1e9:.1f} GB"  # noqa: E731
    if gpu is not None and gpu.vram_free - 512 * 2**20 >= need:
        return "fits", tr("About {gb_need} in the GPU's {gb_gpu_vram_free} free (estimated "
                          "from the file size).").format(
                           gb_need=gb(need), gb_gpu_vram_free=gb(gpu.vram_free))
    room = hw.ram_available + (gpu.vram_free if gpu is not None else 0)
    if room >= need:
        fit = "partial" if gpu is not None else "fits"
        return fit, tr("About {gb_need} of the {gb_room} free memory (estimated from the "
                       "file size).").format(gb_need=gb(need), gb_room=gb(room))
    return "no", tr("About {gb_need} needed but only {gb_room} free (estimated from the "
                    "file size).").format(gb_need=gb(need), gb_room=gb(room))


def model_spec(m: CatalogModel) -> dict:
    """A catalog model as JSON (to remember a download across restarts)."""
    return {"id": m.id, "name": m.name, "family": m.family, "repo": m.repo,
            "revision": m.revision, "quant": m.quant, "licence": m.licence,
            "context_length": m.context_length, "verified": m.verified, "source": m.source,
            "shape": dataclasses.asdict(m.shape),
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in m.files]}


def model_from_spec(d: dict) -> CatalogModel:
    """model_spec's dict -> the model; raises HubError for a damaged one."""
    try:
        files = tuple(CatalogFile(str(f["name"]), f.get("size"), f.get("sha256"))
                      for f in d["files"])
        shape = Shape(**d["shape"]) if isinstance(d.get("shape"), dict) else _UNKNOWN_SHAPE
        return CatalogModel(
            id=str(d["id"]), name=str(d["name"]), family=str(d.get("family", "unknown")),
            files=files, shape=shape, context_length=int(d.get("context_length") or 0),
            licence=str(d.get("licence", "")), repo=str(d["repo"]),
            revision=str(d.get("revision") or "main"), quant=str(d.get("quant") or ""),
            verified=bool(d.get("verified")), source=d.get("source"))
    except (KeyError, TypeError, ValueError) as e:
        raise HubError(tr("A remembered download is damaged ({e}).").format(e=e)) from e
