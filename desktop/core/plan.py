"""The offload planner: how many layers go on the GPU, which context, which KV cache.

Arithmetic, not measurement (docs: DESIGN.md section 3). Sizes print as "GB" but are GiB
(2**30 bytes), as GPU makers count: a 12 GB RTX 3060 has 12 GiB.

Memory model (all estimates):
  VRAM = weights of the offloaded layers (+ the output head when every layer is offloaded)
       + the KV cache of the offloaded layers
       + GPU_FIXED (CUDA context, cuBLAS workspace, graph scratch: 256 MiB)
       + the compute buffer: logits for one micro-batch (n_vocab x 512 x 4 bytes: 297 MiB for
         Qwen2.5's 152K vocabulary) + per context token the attention mask row
         (512 x 2 bytes) and, with a quantized KV cache, flash attention's f16 copy of K and V
         (4 bytes per KV value: 2 KiB a token for Qwen2.5-7B). Qwen2.5-7B at 128K: 0.92 GiB.
  It must fit in the GPU's free VRAM less VRAM_MARGIN (512 MiB); a profile's free VRAM is its
  total less 512 MiB that the desktop uses, so 1 GiB of a card is never planned for.
  RAM = token embeddings (always on the CPU) + the layers and KV not offloaded + CPU_FIXED
        (128 MiB) (+ the logits buffer when the output head runs on the CPU); it must fit in the
        available RAM less RAM_MARGIN (1 GiB).

Policy, in order of preference:
  1. the context: `wanted_ctx`, else the model's training context capped at 32K; never more
     than the model's maximum (its training context, or 128K with YaRN for Qwen2.5 7B+);
  2. all layers on the GPU with an f16 KV cache; else all layers with a q8_0 KV cache and
     flash attention (a quantized V cache needs it); for the default context only, then a
     smaller context (halving, down to 8K) with all layers;
  3. else partial offload: as many layers as fit, with the smallest KV type allowed;
  4. else (the rest does not fit in RAM either) "no".
  Beyond a Qwen2.5 model's 32K training context the plan turns on YaRN
  (rope_scaling=yarn, rope_freq_scale=32K/n_ctx, yarn_orig_ctx=32K) and flash attention.
  Without a usable GPU (none found, or a CPU-only llama-cpp-python build) everything runs on
  the CPU and the sentence says why.
"""
from __future__ import annotations

import json
import math
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import EmberError, ModelLoadError
from .hardware import GiB, Hardware, MiB
from .model_facts import (  # noqa: F401 - also plan.X for callers
    KV_BYTES_PER_VALUE,
    QUANT_BPW,
    QWEN_YARN_MAX,
    ModelFacts,
    cpu_repack_bytes,
    cpu_repacks,
)
from .texts import tr

if TYPE_CHECKING:  # engine imports llama_cpp: loaded only where a load happens
    from .engine import Engine, LoadSettings, ModelInfo

KiB = 1 << 10

# ----------------------------------------------------------------------------- constants
VRAM_MARGIN = 512 * MiB        # never planned for on the GPU, beyond every estimate
GPU_FIXED = 256 * MiB          # CUDA context, cuBLAS workspace, graph scratch
CPU_FIXED = 128 * MiB          # llama.cpp's host buffers and CPU graph scratch
RAM_MARGIN = 1 * GiB           # kept free in RAM
N_UBATCH = 512                 # LoadSettings.n_ubatch: tokens per micro-batch (compute buffer)
DEFAULT_CTX_CAP = 32768        # default context: the training context, at most this
MIN_DEFAULT_CTX = 8192         # a default context shrinks no lower before layers leave the GPU
MIN_CTX = 512


FITS, PARTIAL, NO = "fits", "partial", "no"


def decode_speed(model_bytes: int | None, bytes_per_s: float | None) -> float | None:
    """Tokens a second a model would decode on this machine's CPU, from the speed measured
    here with another model (decode reads the weights once a token: bandwidth-bound). None
    when nothing was measured yet."""
    if not model_bytes or not bytes_per_s:
        return None
    return bytes_per_s / model_bytes


def gb(n: float, *, whole: bool = False) -> str:
    """Bytes as 'GB' (GiB) with one decimal: '6.4'; whole=True drops a '.0' (capacities: '12')."""
    v = n / GiB
    if whole and abs(v - round(v)) < 0.05 and v >= 1:
        return f"{v:.0f}"
    return f"{v:.1f}"


def ctx_text(n: int) -> str:
    return f"{n // 1024}K" if n % 1024 == 0 else f"{n:,}"


# ------------------------------------------------------------------------------- the plan
@dataclass
class Estimate:
    vram: int
    ram: int
    parts: dict[str, int]


def estimate(f: ModelFacts, n_ctx: int, kv_type: str, gpu_layers: int, *, gpu: bool) -> Estimate:
    """Memory for a configuration. gpu=False: a CPU-only machine or build (no GPU buffers)."""
    k = max(0, min(gpu_layers, f.n_layers)) if gpu else 0
    all_on = gpu and k >= f.n_layers
    kv_total = f.kv_bytes_per_token(kv_type) * n_ctx
    kv_gpu = kv_total * k / f.n_layers
    quant = kv_type not in ("f16", "f32")
    logits = f.n_vocab * N_UBATCH * 4
    per_ctx = N_UBATCH * 2 + (4 * f.kv_heads * (f.head_dim + f.head_dim_v) if quant else 0)
    compute = logits + n_ctx * per_ctx
    if gpu:
        w_gpu = k * f.layer_bytes + (f.output_bytes if all_on else 0)
        w_cpu = f.input_bytes + (f.n_layers - k) * f.layer_bytes + (0 if all_on else f.output_bytes)
        raw = {"weights_gpu": w_gpu, "kv_gpu": kv_gpu, "compute_gpu": GPU_FIXED + compute,
               "weights_cpu": w_cpu, "kv_cpu": kv_total - kv_gpu,
               "compute_cpu": CPU_FIXED + (0 if all_on else logits)}
    else:
        raw = {"weights_gpu": 0, "kv_gpu": 0, "compute_gpu": 0,
               "weights_cpu": f.weights_bytes, "kv_cpu": kv_total,
               "compute_cpu": CPU_FIXED + compute}
    parts = {a: int(b) for a, b in raw.items()}
    vram = parts["weights_gpu"] + parts["kv_gpu"] + parts["compute_gpu"]
    ram = parts["weights_cpu"] + parts["kv_cpu"] + parts["compute_cpu"]
    return Estimate(vram, ram, parts)


_GPU_BUFFER = ("CUDA", "ROCm", "Vulkan", "Metal", "SYCL")


def compare_buffers(f: ModelFacts, n_ctx: int, kv_type: str, gpu_layers: int, *, gpu: bool,
                    buffers: dict[str, dict[str, int]]) -> list[tuple[str, int, int]]:
    """The planner's estimate against what llama.cpp reported allocating for the same
    configuration (`engine.native.reported_buffers`, ModelInfo.buffers): rows of (part,
    predicted bytes, reported bytes) for the weights, the KV cache and the compute buffers, on
    the GPU and on the CPU. The fixed allowances (GPU_FIXED, CPU_FIXED: CUDA context, cuBLAS
    workspace, host scratch) are not buffers llama.cpp reports, so they are left out here.
    llama.cpp's repacked copies of CPU weights (CPU_REPACK) come on a row of their own."""
    e = estimate(f, n_ctx, kv_type, gpu_layers, gpu=gpu)

    def on(kind: str, want_gpu: bool) -> int:
        def is_gpu(d: str) -> bool:
            return d.startswith(_GPU_BUFFER) and not d.endswith("_Host")
        return sum(v for d, v in (buffers.get(kind) or {}).items()
                   if is_gpu(d) == want_gpu and not d.endswith("_REPACK"))

    # CPU_REPACK: llama.cpp's second, rearranged copy of weights the CPU multiplies faster
    # (q4_0, q4_K, iq4_nl with AVX2...); the mapped file stays mapped beside it: a row of its own
    repack = sum(v for d, v in (buffers.get("model") or {}).items() if d.endswith("_REPACK"))
    repack_pred = cpu_repack_bytes(f, gpu_layers, gpu=gpu) if cpu_repacks() else 0

    rows = [("model (GPU)", e.parts["weights_gpu"], on("model", True)),
            ("model (CPU)", e.parts["weights_cpu"], on("model", False)),
            ("KV (GPU)", e.parts["kv_gpu"], on("kv", True)),
            ("KV (CPU)", e.parts["kv_cpu"], on("kv", False)),
            ("compute (GPU)", max(0, e.parts["compute_gpu"] - GPU_FIXED) if gpu else 0,
             on("compute", True) + on("output", True)),
            ("compute (CPU)", max(0, e.parts["compute_cpu"] - CPU_FIXED),
             on("compute", False) + on("output", False)),
            ("repacked weights (CPU)", repack_pred, repack)]
    return [r for r in rows if r[1] or r[2]]


@dataclass
class Plan:
    model: str
    hardware: str                 # the profile's name or "this machine"
    device: str                   # gpu | cpu
    gpu_name: str | None
    n_layers: int
    n_gpu_layers: int             # a count (never -1); load_settings() passes -1 for "all"
    n_ctx: int
    kv_type: str
    flash_attn: str               # auto | on
    rope_scaling: str | None
    rope_freq_scale: float
    yarn_orig_ctx: int
    vram_bytes: int               # estimated use
    vram_total: int | None
    vram_budget: int | None       # free VRAM less the margin
    ram_bytes: int
    ram_budget: int
    fit: str                      # fits | partial | no
    sentence: str
    notes: list[str] = field(default_factory=list)
    wanted_ctx: int | None = None
    breakdown: dict[str, int] = field(default_factory=dict)
    facts: ModelFacts | None = field(default=None, repr=False, compare=False)
    hw: Hardware | None = field(default=None, repr=False, compare=False)
    # the user's explicit LoadSettings choices (threads, flash attention); kept across retries
    overrides: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def all_layers(self) -> bool:
        return self.n_gpu_layers >= self.n_layers

    @property
    def yarn(self) -> bool:
        return self.rope_scaling == "yarn"

    def load_settings(self, **overrides) -> "LoadSettings":
        from .engine import LoadSettings
        s = LoadSettings(n_ctx=self.n_ctx, n_gpu_layers=-1 if self.all_layers else self.n_gpu_layers,
                         flash_attn=self.flash_attn, kv_type=self.kv_type,
                         rope_scaling=self.rope_scaling, rope_freq_scale=self.rope_freq_scale,
                         yarn_orig_ctx=self.yarn_orig_ctx)
        merged = {**self.overrides, **overrides}
        return replace(s, **merged) if merged else s

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("facts", None)
        d.pop("hw", None)
        return d


def _reason_cpu(hw: Hardware, gpu_layers: int | None) -> str:
    """Why a plan runs on the CPU, as a clause: 'no NVIDIA GPU found (no NVIDIA driver installed)'."""
    if gpu_layers == 0 and hw.can_offload:
        return tr("as asked (0 GPU layers)")
    g = hw.gpu
    if g is not None and not hw.build_can_offload:
        return tr("this llama-cpp-python build cannot use the {gpu} (a CPU-only build; "
                  "`ember doctor` shows the fix)").format(gpu=g.short_name)
    if hw.vulkan_build:
        return tr("no Vulkan GPU found ({why})").format(why=hw.no_gpu_reason)
    return tr("no NVIDIA GPU found ({why})").format(why=hw.no_gpu_reason)


MIN_CTX_PER_STREAM = 2048     # parallel streams share the context: each should get at least this
PARALLEL_MAX = {"gpu": 8, "cpu": 4}


def parallel_streams(p: "Plan", requested: int | str = "auto") -> tuple[int, str]:
    """How many streams `ember serve --parallel` decodes together, and why. "auto": what the
    plan's device and context allow. The streams share one unified KV cache (no extra KV
    memory), so the limits are the context each stream may count on (at least
    MIN_CTX_PER_STREAM when all are busy) and what a batch gains on the device: on a GPU a step
    of 8 tokens costs about one (memory-bound); on a CPU 4 streams gave 1.52x one and 8 only
    1.60x (docs/benchmarks.md), and each batch above 4 costs a second llama_decode a step."""
    if requested != "auto":
        n = int(requested)
        return n, (tr("{n} parallel stream (asked for)") if n == 1 else
                   tr("{n} parallel streams (asked for)")).format(n=n)
    cap = PARALLEL_MAX["gpu" if p.device == "gpu" and p.all_layers else "cpu"]
    by_ctx = max(1, p.n_ctx // MIN_CTX_PER_STREAM)
    n = max(1, min(cap, by_ctx))
    where = tr("on the GPU") if cap == PARALLEL_MAX["gpu"] else tr("on the CPU")
    why = (tr("{n} parallel streams {where}: the {n_ctx:,}-token context shared, at least "
              "{each:,} tokens a stream when all are busy").format(
               n=n, where=where, n_ctx=p.n_ctx, each=min(p.n_ctx, p.n_ctx // n)))
    if n < cap:
        why += tr(" (a larger context would allow up to {cap})").format(cap=cap)
    return n, why


def plan(model, hardware: Hardware | None = None, wanted_ctx: int | None = None, *,
         kv_type: str | None = None, gpu_layers: int | None = None) -> Plan:
    """Choose GPU layers, context and KV cache for `model` (a CatalogModel, GGUFInfo, path or
    ModelFacts) on `hardware` (default: this machine, probed). wanted_ctx None: the training
    context capped at 32K; 0: the model's training context. kv_type forces the KV cache type;
    gpu_layers N >= 0 forces N layers on the GPU (0: the CPU), None or -1 lets the planner
    choose (-1 is LoadSettings' and the CLI's default, "all that fit")."""
    from .hardware import probe
    f = ModelFacts.of(model)
    hw = hardware if hardware is not None else probe()
    if kv_type is not None and kv_type not in KV_BYTES_PER_VALUE:
        raise EmberError(tr("Unknown KV cache type {kv_type!r}: use f16, q8_0 or q4_0.").format(
                             kv_type=kv_type))
    p = _Planner(f, hw, wanted_ctx, gpu_layers, [kv_type] if kv_type else ["f16", "q8_0"])
    chosen = p.on_gpu() if p.use_gpu else p.on_cpu()
    chosen.sentence = _sentence(chosen, f, hw, gpu_layers)
    return chosen


class _Planner:
    """One plan's facts, budgets and context ladder (the target first, then halves down to
    MIN_DEFAULT_CTX unless the context was asked for), and the two searches."""

    def __init__(self, f: ModelFacts, hw: Hardware, wanted_ctx: int | None,
                 gpu_layers: int | None, kv_choices: list[str]):
        self.f, self.hw, self.wanted_ctx, self.kv_choices = f, hw, wanted_ctx, kv_choices
        self.notes: list[str] = []
        self.target = self._target(wanted_ctx)
        self.ladder = [self.target]
        if wanted_ctx is None:
            c = self.target // 2
            while c >= MIN_DEFAULT_CTX:
                self.ladder.append(c)
                c //= 2
        g = self.g = hw.gpu
        self.use_gpu = hw.can_offload and gpu_layers != 0
        self.forced = None if gpu_layers is None or gpu_layers < 0 else min(gpu_layers, f.n_layers)
        self.vram_budget = max(0, g.vram_free - VRAM_MARGIN) if g is not None else None
        self.ram_budget = max(0, hw.ram_available - RAM_MARGIN)

    def _target(self, wanted_ctx: int | None) -> int:
        f = self.f
        if wanted_ctx is None:
            target = min(f.training_context, DEFAULT_CTX_CAP)
        elif wanted_ctx <= 0:
            target = f.training_context
        else:
            target = wanted_ctx
        if target > f.max_context:
            if f.yarn:
                self.notes.append(tr("capped at {max}, the most {name} supports, with YaRN "
                                     "({asked} asked)").format(max=ctx_text(f.max_context),
                                                                name=f.name,
                                                                asked=ctx_text(target)))
            else:
                self.notes.append(tr("capped at {max}, the most {name} supports ({asked} asked; "
                                     "it was trained on {trained} and has no YaRN "
                                     "extension)").format(
                    max=ctx_text(f.max_context), name=f.name, asked=ctx_text(target),
                    trained=ctx_text(f.training_context)))
            target = f.max_context
        return max(MIN_CTX, target)

    def make(self, ctx: int, kv: str, layers: int, fit: str, est: Estimate) -> Plan:
        f, g, use_gpu = self.f, self.g, self.use_gpu
        yarn = ctx > f.training_context and f.yarn
        quant = kv not in ("f16", "f32")
        return Plan(model=f.name, hardware=self.hw.label, device="gpu" if use_gpu else "cpu",
                    gpu_name=g.name if g is not None else None, n_layers=f.n_layers,
                    n_gpu_layers=layers if use_gpu else 0, n_ctx=ctx, kv_type=kv,
                    flash_attn="on" if (quant or yarn) else "auto",
                    rope_scaling="yarn" if yarn else None,
                    rope_freq_scale=f.training_context / ctx if yarn else 0.0,
                    yarn_orig_ctx=f.training_context if yarn else 0,
                    vram_bytes=est.vram if use_gpu else 0,
                    vram_total=g.vram_total if g is not None else None,
                    vram_budget=self.vram_budget, ram_bytes=est.ram, ram_budget=self.ram_budget,
                    fit=fit, sentence="", notes=self.notes, wanted_ctx=self.wanted_ctx,
                    breakdown=est.parts, facts=f, hw=self.hw)

    def on_gpu(self) -> Plan:
        """The layers wanted (all, or as forced) at the largest context and best KV that fit;
        else as many layers as fit; else the first wish, marked NO."""
        f, kvs, target = self.f, self.kv_choices, self.target
        want_layers = f.n_layers if self.forced is None else self.forced
        budget = self.vram_budget
        assert budget is not None  # on the GPU: hw.gpus is not empty (use_gpu)
        chosen = None
        for ctx, kv in ((c, k) for c in self.ladder for k in kvs):
            e = estimate(f, ctx, kv, want_layers, gpu=True)
            if e.vram <= budget and e.ram <= self.ram_budget:
                chosen = self.make(ctx, kv, want_layers,
                                   FITS if want_layers >= f.n_layers else PARTIAL, e)
                break
        if chosen and chosen.n_ctx < target:
            e = estimate(f, target, kvs[-1], want_layers, gpu=True)
            self.notes.append(tr("{ctx} would need {vram} GB of VRAM even with {kv} KV").format(
                ctx=ctx_text(target), vram=gb(e.vram), kv=kvs[-1]))
        elif chosen and chosen.kv_type != kvs[0]:
            e = estimate(f, target, kvs[0], want_layers, gpu=True)
            self.notes.append(tr("{kv} KV would need {vram} GB").format(kv=kvs[0],
                                                                        vram=gb(e.vram)))
        if chosen is None and self.forced is None:
            chosen = self._partial()
        if chosen is None:  # nothing fits: describe the first wish
            layers = want_layers if self.forced is not None else 0
            e = estimate(f, target, kvs[-1], layers, gpu=True)
            chosen = self.make(target, kvs[-1], layers, NO, e)
        return chosen

    def _partial(self) -> Plan | None:
        """As many layers as the VRAM takes, at the largest context whose rest fits in RAM."""
        f, kv = self.f, self.kv_choices[-1]
        budget = self.vram_budget
        assert budget is not None  # on the GPU (on_gpu)
        for ctx in self.ladder:
            k = f.n_layers - 1
            while k > 0 and estimate(f, ctx, kv, k, gpu=True).vram > budget:
                k -= 1
            e = estimate(f, ctx, kv, k, gpu=True)
            if e.ram <= self.ram_budget and (e.vram <= budget or k == 0):
                full = estimate(f, ctx, kv, f.n_layers, gpu=True)
                self.notes.append(tr("all layers would need {vram} GB").format(
                    vram=gb(full.vram)))
                return self.make(ctx, kv, k, PARTIAL, e)
        return None

    def on_cpu(self) -> Plan:
        """The largest context and best KV whose memory fits in RAM; else the first wish, NO."""
        f, kvs, target = self.f, self.kv_choices, self.target
        chosen = None
        for ctx, kv in ((c, k) for c in self.ladder for k in kvs):
            e = estimate(f, ctx, kv, 0, gpu=False)
            if e.ram <= self.ram_budget:
                chosen = self.make(ctx, kv, 0, FITS, e)
                break
        if chosen is not None and (chosen.n_ctx < target or chosen.kv_type != kvs[0]):
            first = estimate(f, target, kvs[0], 0, gpu=False)
            self.notes.append(tr("{ctx} with {kv} KV would need {ram} GB of RAM").format(
                ctx=ctx_text(target), kv=kvs[0], ram=gb(first.ram)))
        if chosen is None:
            e = estimate(f, target, kvs[-1], 0, gpu=False)
            chosen = self.make(target, kvs[-1], 0, NO, e)
        return chosen


def _sentence(p: Plan, f: ModelFacts, hw: Hardware, gpu_layers: int | None) -> str:
    # whole sentences with {placeholders} through texts.tr: the window shows them translated
    g = hw.gpu
    card = f"{g.short_name} {gb(g.vram_total, whole=True)} GB" if g is not None else ""
    ctx = (tr("{ctx} context with YaRN") if p.yarn else tr("{ctx} context")).format(
        ctx=ctx_text(p.n_ctx))
    kv = (tr("{kv} KV + flash attention") if p.flash_attn == "on" else tr("{kv} KV")).format(
        kv=p.kv_type)
    notes = ("; " + "; ".join(p.notes)) if p.notes else ""
    v = dict(ctx=ctx, kv=kv, notes=notes, card=card, name=f.name, layers=p.n_layers,
             gpu=p.n_gpu_layers, reason=_reason_cpu(hw, gpu_layers), vram=gb(p.vram_bytes),
             usable=gb(p.vram_budget or 0), ram=gb(p.ram_bytes), free=gb(p.ram_budget))
    if p.fit == NO:
        if p.device == "gpu":
            need = p.breakdown["weights_gpu"] + p.breakdown["weights_cpu"] + \
                p.breakdown["kv_gpu"] + p.breakdown["kv_cpu"]
            if gpu_layers is not None and gpu_layers > 0:
                return tr("Won't fit: {gpu} of {layers} layers (as asked) at {ctx}, {kv} need "
                          "{vram} GB of VRAM but the {card} has {usable} GB usable{notes}."
                          ).format(**v)
            return tr("Won't fit: {name} needs about {need} GB for weights and KV cache at "
                      "{ctx}, {kv}, but the {card} has {usable} GB usable and {free} GB of RAM "
                      "is free{notes}.").format(need=gb(need), **v)
        return tr("Won't fit: {name} needs about {ram} GB of RAM at {ctx}, {kv}, but only "
                  "{free} GB is free (CPU only, {reason}){notes}.").format(**v)
    if p.device == "cpu":
        return tr("CPU only, {reason}: {ctx}, {kv}, {ram} GB of RAM ({available} GB free), "
                  "{threads} threads{notes}.").format(available=gb(hw.ram_available),
                                                      threads=hw.physical_cores, **v)
    used = tr("{vram} of {total} GB VRAM").format(vram=gb(p.vram_bytes),
                                                  total=gb(p.vram_total or 0, whole=True))
    if p.fit == FITS:
        return tr("All {layers} layers on the {card}, {ctx}, {kv}: {used}{notes}.").format(
            used=used, **v)
    return tr("{gpu} of {layers} layers on the {card} (partial offload, slower), {ctx}, {kv}: "
              "{used} + {ram} GB RAM{notes}.").format(used=used, **v)


# ----------------------------------------------------------------------- load with fallback
RETRY_REASONS = ("out_of_memory", "context")
RETRY_MIN_CTX = 4096


def _retry_plan(p: Plan) -> Plan | None:
    """The next, smaller configuration after an out-of-memory load: 25% of the planned layers
    fewer each time (28 -> 21 -> 14 -> 7 -> 0); on the CPU, half the context (down to 4K)."""
    f, hw = p.facts, p.hw
    if f is None or hw is None:
        return None
    if p.n_gpu_layers > 0:
        step = max(1, math.ceil(f.n_layers * 0.25))
        k = max(0, p.n_gpu_layers - step)
        q = plan(f, hw, p.n_ctx, kv_type=p.kv_type, gpu_layers=k)
        q.fit = PARTIAL if hw.can_offload else FITS
        q.overrides = p.overrides
        return q
    if p.n_ctx > RETRY_MIN_CTX:
        q = plan(f, hw, max(RETRY_MIN_CTX, p.n_ctx // 2), kv_type=p.kv_type, gpu_layers=0)
        q.fit = PARTIAL if hw.can_offload else FITS
        q.overrides = p.overrides
        return q
    return None


def load_with_fallback(engine: "Engine", path, plan_: Plan, *,
                       on_retry: Callable[[str], None] | None = None,
                       progress: Callable[[float], bool | None] | None = None
                       ) -> tuple["ModelInfo", Plan]:
    """Load with the plan's settings; when llama.cpp runs out of memory (ModelLoadError reason
    out_of_memory or context), retry with fewer GPU layers, then (on the CPU) a smaller context.
    Each retry is said through on_retry(message) and in the returned plan's sentence."""
    current = plan_
    said: list[str] = []
    while True:
        try:
            info = engine.load(path, current.load_settings(), progress=progress)
        except ModelLoadError as e:
            if e.reason not in RETRY_REASONS:
                raise
            nxt = _retry_plan(current)
            if nxt is None:
                raise
            if current.n_gpu_layers > 0:
                msg = tr("llama.cpp ran out of memory with {gpu} of {layers} layers on the GPU; "
                         "retrying with {next}.").format(gpu=current.n_gpu_layers,
                                                         layers=current.n_layers,
                                                         next=nxt.n_gpu_layers)
            else:
                msg = tr("llama.cpp ran out of memory with a {ctx} context on the CPU; retrying "
                         "with {next}.").format(ctx=ctx_text(current.n_ctx),
                                                next=ctx_text(nxt.n_ctx))
            said.append(msg)
            if on_retry is not None:
                on_retry(msg)
            current = nxt
            continue
        if said:
            where = (tr("{gpu} of {layers} layers on the GPU").format(
                gpu=current.n_gpu_layers, layers=current.n_layers)
                if current.n_gpu_layers > 0 else tr("CPU only"))
            current.notes = list(current.notes) + [s.rstrip(".") for s in said]
            current.sentence = tr("Loaded with {where}, {ctx} context, {kv} KV after running "
                                  "out of memory (planned: {planned}).").format(
                where=where, ctx=ctx_text(current.n_ctx), kv=current.kv_type,
                planned=plan_.sentence.rstrip("."))
        return info, current


# ------------------------------------------------------------------------- the last load
def last_load_path() -> Path:
    from . import paths
    return paths.data_dir() / "last_load.json"


def record_load(info: "ModelInfo", plan: Plan | None = None) -> Path:
    """Remember what the last load actually did (read by `ember doctor`)."""
    data = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "model": info.name, "path": str(info.path), "architecture": info.architecture,
        "n_layers": info.n_layers, "n_layers_offloaded": info.n_layers_offloaded,
        "gpu_offload_supported": info.gpu_offload_supported, "n_ctx": info.n_ctx,
        "kv_type": info.kv_type, "flash_attn": info.flash_attn,
        "plan": None if plan is None else {
            "fit": plan.fit, "sentence": plan.sentence, "device": plan.device,
            "n_gpu_layers": plan.n_gpu_layers, "gpu_name": plan.gpu_name, "n_ctx": plan.n_ctx,
            "kv_type": plan.kv_type, "vram_bytes": plan.vram_bytes},
    }
    target = last_load_path()
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    os.replace(tmp, target)
    return target


def last_load() -> dict | None:
    try:
        d = json.loads(last_load_path().read_text(encoding="utf-8"))
        return d if isinstance(d, dict) else None
    except (OSError, ValueError):
        return None
