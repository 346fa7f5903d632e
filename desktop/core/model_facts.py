"""What the planner knows of a model (issue 26: a room of its own): ModelFacts from a catalog
entry, a GGUF file or its header (layers, embedding and KV sizes, weights per layer, training
and maximum context, YaRN), and which weights llama.cpp repacks on this CPU."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import EmberError
from .texts import tr

if TYPE_CHECKING:
    from .catalog import CatalogModel
    from .gguf_meta import GGUFInfo

KiB = 1 << 10
# bytes per KV value: f16 2, q8_0 34 bytes per 32 values, q4_0 18 per 32
KV_BYTES_PER_VALUE = {"f32": 4.0, "f16": 2.0, "q8_0": 34 / 32, "q4_0": 18 / 32}
QWEN_YARN_MAX = 131072         # Qwen2.5 7B and larger: 32K trained, 128K with YaRN x4
# average bits per weight of common GGUF quantizations (for catalog models, before a download)
QUANT_BPW = {"F32": 32.0, "F16": 16.0, "BF16": 16.0, "Q8_0": 8.5, "Q6_K": 6.56, "Q5_K_M": 5.69,
             "Q5_K_S": 5.54, "Q5_0": 5.5, "Q4_K_M": 4.85, "Q4_K_S": 4.58, "Q4_0": 4.55,
             "Q3_K_M": 3.91, "Q3_K_L": 4.27, "Q2_K": 3.35, "IQ4_XS": 4.25}


@dataclass(frozen=True)
class ModelFacts:
    """What the planner needs to know about a model, from the catalog or from a GGUF file."""
    name: str
    family: str                 # the GGUF architecture: qwen2, llama, gemma3, chatglm, ...
    n_layers: int
    n_heads: int
    kv_heads: int
    head_dim: int               # K head size
    head_dim_v: int             # V head size (= head_dim for every model in the catalog)
    n_embd: int
    n_vocab: int
    weights_bytes: int          # the file(s) on disk
    layer_bytes: float          # one repeating block
    input_bytes: int            # token embeddings: llama.cpp always keeps them on the CPU
    output_bytes: int           # output norm + head; a copy of the embeddings when they are tied
    training_context: int
    max_context: int            # > training_context only with YaRN
    source: str = "catalog"     # catalog | gguf
    estimated: bool = True      # layer/embedding sizes estimated rather than read from tensors
    # the bytes of llama.cpp's CPU repack (see cpu_repack_bytes): per layer (mean), the head
    repack_layer_bytes: float = 0.0
    repack_output_bytes: int = 0

    @property
    def yarn(self) -> bool:
        return self.max_context > self.training_context

    @property
    def kv_values_per_token(self) -> int:
        """K and V for every layer: layers x kv_heads x (K head + V head) values."""
        return self.n_layers * self.kv_heads * (self.head_dim + self.head_dim_v)

    def kv_bytes_per_token(self, kv_type: str = "f16") -> float:
        return self.kv_values_per_token * KV_BYTES_PER_VALUE[kv_type]

    @property
    def gpu_weights_all(self) -> float:
        """Bytes on the GPU with every layer offloaded: all blocks and the output head."""
        return self.n_layers * self.layer_bytes + self.output_bytes

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_catalog(cls, m: "CatalogModel") -> "ModelFacts":
        """Sizes are estimated: the embedding matrix is vocab x embd weights at the quant's
        average bits per weight (Q4_K_M: 4.85); the output head is as large (tied models hold
        one copy in the file, which llama.cpp duplicates onto the GPU); the rest of the file is
        divided evenly among the layers."""
        s = m.shape
        weights = m.size
        if weights is None:
            raise EmberError(tr("The catalog does not list {name}'s file sizes, so it "
                                "cannot be planned before the download.").format(name=m.name))
        bpw = QUANT_BPW.get((m.quant or "").upper(), 4.85)
        emb = min(s.vocab * s.embd * bpw / 8, weights * 0.45)
        tied = _tied_guess(m.family, s.embd)
        rest = weights - emb - (0 if tied else emb)
        layer = max(rest, weights * 0.1) / s.layers
        return cls(name=m.name, family=m.family, n_layers=s.layers, n_heads=s.heads,
                   kv_heads=s.kv_heads, head_dim=s.head_dim, head_dim_v=s.head_dim, n_embd=s.embd,
                   n_vocab=s.vocab, weights_bytes=int(weights), layer_bytes=layer,
                   input_bytes=int(emb), output_bytes=int(emb), training_context=m.context_length,
                   max_context=max(m.max_context or 0, m.context_length), source="catalog",
                   estimated=True)

    @classmethod
    def from_gguf(cls, info: "GGUFInfo") -> "ModelFacts":
        """Read from the file's header: exact tensor sizes (every shard), per layer the mean of
        the blk.N.* tensors, the head from output.* (or token_embd when the embeddings are tied,
        since llama.cpp puts a copy of them on the GPU)."""
        from . import gguf_meta

        def num(key, default=None):
            v = info.arch_value(key, default)
            if isinstance(v, list):  # per-layer values (a few architectures): plan for the largest
                v = max(v) if v else default
            return int(v) if v is not None else None

        n_layers = num("block_count") or 1
        n_embd = num("embedding_length") or 0
        heads = num("attention.head_count") or 1
        kv_heads = num("attention.head_count_kv", heads) or heads
        hk = num("attention.key_length") or max(1, n_embd // heads)
        hv = num("attention.value_length") or hk
        tensors = list(info.tensors)
        for p in (info.shards or [info.path])[1:]:
            tensors += gguf_meta.read_single(p).tensors
        shards = info.shards or [info.path]
        weights = sum(p.stat().st_size for p in shards) if all(p.exists() for p in shards) \
            else info.file_size
        per_layer: dict[int, int] = {}
        repack_layers = repack_out = 0
        input_b = output_b = other = 0
        has_output = False
        vocab = info.array_lengths.get("tokenizer.ggml.tokens")
        known = all(t.n_bytes is not None for t in tensors)
        for t in tensors:
            nb = t.n_bytes or 0
            mm = re.match(r"blk\.(\d+)\.", t.name)
            if _repacked_on_x86(t):
                if mm:
                    repack_layers += nb
                elif t.name == "output.weight":
                    repack_out += nb
            if mm:
                per_layer[int(mm.group(1))] = per_layer.get(int(mm.group(1)), 0) + nb
            elif t.name == "token_embd.weight":
                input_b = nb
                if not vocab and len(t.shape) == 2:
                    vocab = t.shape[1]
            elif t.name.startswith("output"):
                output_b += nb
                has_output = has_output or t.name == "output.weight"
            else:
                other += nb
        if not known or not per_layer:  # an unknown tensor type: fall back to the file size
            input_b = output_b = int(weights * 0.1)
            layer = weights * 0.8 / n_layers
            has_output = True
        else:
            layer = sum(per_layer.values()) / n_layers
        if not has_output:
            output_b += input_b  # tied: llama.cpp duplicates token_embd as the output head
        output_b += other  # rope tables and the like: small, with the head
        train = info.context_length or 4096
        return cls(name=info.name, family=info.architecture, n_layers=n_layers, n_heads=heads,
                   kv_heads=kv_heads, head_dim=hk, head_dim_v=hv, n_embd=n_embd,
                   n_vocab=int(vocab or 32000), weights_bytes=int(weights), layer_bytes=layer,
                   input_bytes=int(input_b), output_bytes=int(output_b), training_context=train,
                   max_context=_gguf_max_context(info, train, n_embd), source="gguf",
                   estimated=not known, repack_layer_bytes=repack_layers / n_layers,
                   repack_output_bytes=repack_out)

    @classmethod
    def of(cls, model) -> "ModelFacts":
        """A ModelFacts, a CatalogModel, a GGUFInfo, or a .gguf path."""
        if isinstance(model, ModelFacts):
            return model
        if hasattr(model, "shape") and hasattr(model, "context_length") and hasattr(model, "files"):
            return cls.from_catalog(model)
        if hasattr(model, "tensors") and hasattr(model, "metadata"):
            return cls.from_gguf(model)
        if isinstance(model, (str, os.PathLike)):
            from . import gguf_meta
            return cls.from_gguf(gguf_meta.inspect(model))
        raise TypeError(f"cannot plan for {model!r}: pass a CatalogModel, a GGUFInfo, a path "
                        "or a ModelFacts")


# llama.cpp's CPU repack on x86-64 (ggml-cpu/repack.cpp, ggml_repack_get_optimal_repack_type):
# with AVX2, the matrix-multiplied weights of these types whose row count is a multiple of 8 get
# a second, interleaved copy (the CPU_REPACK buffer): q4_0, q4_K, iq4_nl, mxfp4 (and q2_K with
# AVX-512). The token embeddings are read by row (GET_ROWS), never repacked.
_REPACK_X86 = {2, 12, 20, 39}   # GGML_TYPE_Q4_0, Q4_K, IQ4_NL, MXFP4
_REPACK_X86_AVX512 = {10}       # GGML_TYPE_Q2_K


def _repacked_on_x86(t, avx512: bool = False) -> bool:
    types = _REPACK_X86 | (_REPACK_X86_AVX512 if avx512 else set())
    return (t.ggml_type in types and len(t.shape) == 2 and t.shape[1] % 8 == 0
            and t.name.endswith(".weight") and t.name != "token_embd.weight")


def cpu_repacks() -> bool:
    """Whether llama.cpp repacks CPU weights on this machine: x86-64 with AVX2, and the extra
    buffer types on (Ember turns them off on CPUs with AMX, see engine.native; the
    EMBER_EXTRA_BUFTS override is honoured the same way)."""
    env = os.environ.get("EMBER_EXTRA_BUFTS")
    if env == "0":
        return False
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    flags = line.split()
                    return "avx2" in flags and (env == "1" or "amx_tile" not in flags)
    except OSError:
        pass
    return False


def cpu_repack_bytes(f: "ModelFacts", gpu_layers: int, *, gpu: bool) -> int:
    """The CPU_REPACK copy llama.cpp makes of the weights left on the CPU (0 when they all go
    to the GPU, or on a CPU that does not repack). Measured on the 7B: the copy is anonymous
    memory while the mapped originals stay resident as clean, evictable file pages, never read
    again (docs/benchmarks.md); so it is a row of its own, not added to the RAM a plan needs."""
    k = max(0, min(gpu_layers, f.n_layers)) if gpu else 0
    all_on = gpu and k >= f.n_layers
    return int((f.n_layers - k) * f.repack_layer_bytes + (0 if all_on else f.repack_output_bytes))


def _tied_guess(family: str, embd: int) -> bool:
    """Tied input/output embeddings: Gemma, and Qwen2.5 up to 3B (embedding width <= 2048)."""
    return family.startswith("gemma") or (family == "qwen2" and embd <= 2048)


def _gguf_max_context(info: "GGUFInfo", train: int, n_embd: int) -> int:
    """The catalog's max_context for a known file; else Qwen2's YaRN rule: Qwen2/2.5 models of
    7B and up (embedding width >= 3584) trained on 32K run 128K with YaRN. The 0.5B-3B ones are
    documented for 32K only, so a qwen2 file alone does not earn YaRN."""
    try:
        from . import catalog
        m = catalog.load().get(info.path.name)
        return max(m.max_context or 0, m.context_length, train)
    except Exception:
        pass
    rope_type = str(info.arch_value("rope.scaling.type", "") or "")
    if info.architecture == "qwen2" and train == 32768 and n_embd >= 3584 and rope_type != "yarn":
        return QWEN_YARN_MAX
    return train
