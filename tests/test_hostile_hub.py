"""A hostile hub (issue 13, part 2): every name and hash a hub or a catalog gives is checked
before it names a path, so a hostile HF_ENDPOINT (or a mirror's catalog) can neither write nor
delete a file outside the cache.

The fake hub (tests/fakehub.py) serves real bytes on 127.0.0.1 and lies in its metadata. Each
case places a canary file exactly where the hostile name points, and checks that it survives
and that nothing appeared outside the cache."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from fakehub import FakeHub

from desktop.core import hub, paths
from desktop.core.catalog import CatalogFile, CatalogModel, Shape

REPO = "fake-org/Hostile-GGUF"
NAME = "tiny.gguf"
DATA = os.urandom(96 * 1024)
SHA = hashlib.sha256(DATA).hexdigest()
CANARY = b"the user's own file\n"


@pytest.fixture(autouse=True)
def ember_data(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBER_HOME", str(tmp_path / "ember"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    return tmp_path / "ember"


@pytest.fixture
def fake():
    with FakeHub({REPO: {NAME: DATA}}) as h:
        yield h


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "hf-cache"


def model(name: str = NAME, *, revision: str = "main", sha256: str | None = None,
          repo: str = REPO) -> CatalogModel:
    return CatalogModel(id="hostile", name="Hostile", family="qwen2.5",
                        files=(CatalogFile(name, None, sha256),),
                        shape=Shape(layers=2, heads=4, kv_heads=2, head_dim=16, embd=64, vocab=271),
                        context_length=4096, licence="apache-2.0", repo=repo, revision=revision)


def repo_dir(cache: Path) -> Path:
    return cache / ("models--" + REPO.replace("/", "--"))


def outside(tmp_path: Path) -> dict[str, bytes]:
    """Every file outside the cache and Ember's data folder, with its bytes."""
    out = {}
    for p in sorted(tmp_path.rglob("*")):
        rel = p.relative_to(tmp_path)
        if rel.parts[0] in ("hf-cache", "ember") or p.is_dir():
            continue
        out[str(rel)] = b"<link>" if p.is_symlink() else p.read_bytes()
    return out


def run(m, fake, cache, **kw):
    return hub.Download(m, endpoint=fake.endpoint, cache_dir=cache, backoff_s=0.01,
                        max_retries=1).run(**kw)


# the canary sits where each hostile value points (cache = tmp/hf-cache, the repo folder is
# tmp/hf-cache/models--fake-org--Hostile-GGUF, blobs/ and snapshots/<commit>/ are inside it)
BLOB_ESCAPE = "../../../canary"            # blobs/<this> = tmp/canary


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("case", ["sha256_dotdot", "sha256_absolute", "sha256_slash",
                                  "blob_id_dotdot", "commit_dotdot", "commit_absolute",
                                  "commit_not_hex"])
def test_hostile_hashes_are_refused_and_nothing_outside_the_cache_changes(
        case, force, fake, cache, tmp_path):
    canary = tmp_path / "canary"
    if case == "sha256_dotdot":
        fake.tamper(sha256={NAME: BLOB_ESCAPE})
    elif case == "sha256_absolute":
        fake.tamper(sha256={NAME: str(canary)})
    elif case == "sha256_slash":
        fake.tamper(sha256={NAME: SHA[:30] + "/" + SHA[31:]})
    elif case == "blob_id_dotdot":
        fake.tamper(no_lfs={NAME}, blob_id={NAME: BLOB_ESCAPE})
    elif case == "commit_dotdot":
        canary = tmp_path / NAME           # snapshots/../../../<file> = tmp/<file>
        fake.tamper(commit="../../..")
    elif case == "commit_absolute":
        canary = tmp_path / NAME
        fake.tamper(commit=str(tmp_path))
    elif case == "commit_not_hex":
        fake.tamper(commit="g" * 40)
    canary.write_bytes(CANARY)
    before = outside(tmp_path)
    with pytest.raises(hub.UnsafeMetadataError, match="refused it and wrote nothing") as e:
        run(model(), fake, cache, force=force)
    assert "\n" not in str(e.value)
    assert canary.read_bytes() == CANARY
    assert outside(tmp_path) == before
    assert fake.bytes_sent() == 0  # refused before a byte was fetched


def test_a_hostile_etag_is_refused_and_the_hubs_etag_forms_are_accepted(fake, cache, tmp_path):
    (tmp_path / "x").write_bytes(CANARY)
    before = outside(tmp_path)
    fake.tamper(etag={NAME: '"../../x"'})
    with pytest.raises(hub.UnsafeMetadataError, match="etag"):
        run(model(), fake, cache)
    fake.tamper(etag={NAME: "W/\"" + SHA[:63] + "/\""})
    with pytest.raises(hub.UnsafeMetadataError, match="etag"):
        run(model(), fake, cache)
    assert outside(tmp_path) == before and fake.bytes_sent() == 0

    fake.tamper(etag={NAME: f'W/"{SHA.upper()}"'})  # weak, quoted, upper case: the same sha256
    path = run(model(), fake, cache)
    assert path.read_bytes() == DATA and path.resolve().name == SHA
    assert outside(tmp_path) == before


def test_an_impossible_size_is_refused(fake, cache):
    for size in (-5, "12", 1.5):
        fake.tamper(size={NAME: size})
        with pytest.raises(hub.DownloadError):
            run(model(), fake, cache)
    assert fake.bytes_sent() == 0


@pytest.mark.parametrize("name", ["../../../../canary", "/abs/canary", "a/../../../../../canary",
                                  "sub//x.gguf", "C:\\x.gguf", "x\x00.gguf", ".."])
def test_a_catalog_file_name_that_leaves_the_cache_is_refused_before_any_request(
        name, fake, cache, tmp_path):
    canary = tmp_path / "canary"        # snapshots/<commit>/../../../../canary = tmp/canary
    canary.write_bytes(CANARY)
    fake.tamper(names={NAME: name})     # the hub lists the file under the same hostile name
    before = outside(tmp_path)
    with pytest.raises(hub.UnsafeMetadataError, match="not a safe file name"):
        run(model(name), fake, cache, force=True)
    assert canary.read_bytes() == CANARY and outside(tmp_path) == before
    assert fake.requests == []
    assert hub.find_in_cache(model(name), cache) is None  # the offline look-up refuses it too


def test_a_catalog_revision_or_pin_that_is_not_a_safe_name_is_refused(fake, cache, tmp_path):
    (tmp_path / "x").write_text(CANARY.decode())
    before = outside(tmp_path)
    with pytest.raises(hub.UnsafeMetadataError, match="not a valid revision"):
        run(model(revision="../../../../x"), fake, cache)
    with pytest.raises(hub.UnsafeMetadataError, match="pinned sha256"):
        run(model(sha256="../" + SHA[3:]), fake, cache)
    with pytest.raises(hub.UnsafeMetadataError, match="repository name"):
        run(model(repo="../../x"), fake, cache)
    assert fake.requests == [] and outside(tmp_path) == before


def test_a_symlinked_folder_in_the_cache_does_not_lead_writes_outside(fake, cache, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo_dir(cache)).mkdir(parents=True)
    (repo_dir(cache) / "blobs").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(hub.UnsafeMetadataError, match="symbolic link"):
        run(model(), fake, cache)
    assert list(elsewhere.iterdir()) == []


def test_remove_never_follows_hostile_registry_records(fake, cache, tmp_path):
    """downloads.json and verified.json are Ember's, but an old or edited one may hold anything:
    remove() only deletes blobs named by exact hashes and links inside the repo's folder."""
    m = model()
    path = run(m, fake, cache)
    canary = tmp_path / "canary"
    canary.write_bytes(CANARY)
    victim = tmp_path / "victim.gguf"
    victim.write_bytes(CANARY)
    pending = paths.models_dir() / "downloads.json"
    pending.write_text(json.dumps({m.id: {"repo": REPO, "cache_dir": str(cache),
                                          "blobs": [BLOB_ESCAPE, "*", str(canary)]}}))
    registry = paths.models_dir() / "verified.json"
    data = json.loads(registry.read_text())
    data["models"][m.id]["files"].append({"name": "victim", "path": str(victim),
                                          "sha256": BLOB_ESCAPE})
    registry.write_text(json.dumps(data))
    before = outside(tmp_path)
    assert hub.remove(m, cache) == len(DATA)
    assert not path.exists() and not path.is_symlink()
    assert outside(tmp_path) == before
