"""The offload planner, hardware probing, `ember plan` and `ember doctor`.

Decisions are checked against DESIGN.md section 3's arithmetic. llama.cpp is never mocked: the
real embedded model is loaded; only NVML is monkeypatched (to show a GPU to the doctor) and, for
the retry sequence, an Engine subclass refuses loads above some GPU layer count the way a real
out-of-memory GPU would (this machine has no GPU to run out of)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import types
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import synth

from desktop.cli import plan as plan_cli
from desktop.core import catalog, doctor, gguf_meta, hardware
from desktop.core import plan as P
from desktop.core.engine import Engine, LoadSettings
from desktop.core.errors import ModelLoadError
from desktop.core.hardware import PROFILES, GiB, MiB

REPO = Path(__file__).resolve().parents[1]
MODELS = ["qwen2.5-7b-instruct", "deepseek-coder-6.7b-instruct", "glm-4-9b-chat",
          "qwen2.5-0.5b-instruct", "embedded"]
CTXS = [4096, 32768, 131072]


def cat_model(mid):
    return catalog.load().get(mid)


def facts(mid) -> P.ModelFacts:
    return P.ModelFacts.from_catalog(cat_model(mid))


@pytest.fixture(scope="module")
def this_machine():
    return hardware.probe()


# ------------------------------------------------------------------------- arithmetic
def test_qwen7b_kv_arithmetic_matches_design():
    f = facts("qwen2.5-7b-instruct")
    assert f.kv_values_per_token == 28 * 2 * 4 * 128 == 28672
    assert f.kv_bytes_per_token("f16") == 56 * 1024
    assert f.kv_bytes_per_token("q8_0") == pytest.approx(28672 * 34 / 32)  # ~30 KiB
    assert 29.5 * 1024 < f.kv_bytes_per_token("q8_0") < 30.5 * 1024
    assert f.kv_bytes_per_token("f16") * 32768 == 1.75 * GiB
    assert f.kv_bytes_per_token("f16") * 131072 == 7 * GiB
    assert f.kv_bytes_per_token("q8_0") * 131072 / GiB == pytest.approx(3.72, abs=0.01)
    assert f.weights_bytes / GiB == pytest.approx(4.36, abs=0.01)
    assert f.training_context == 32768 and f.max_context == 131072 and f.yarn
    # the weights on the GPU with every layer: all but the token embeddings (kept on the CPU)
    assert f.gpu_weights_all == pytest.approx(f.weights_bytes - f.input_bytes)
    assert 3.9 * GiB < f.gpu_weights_all < 4.36 * GiB


def test_deepseek_has_no_gqa_and_a_big_kv_cache():
    f = facts("deepseek-coder-6.7b-instruct")
    assert f.kv_heads == f.n_heads == 32
    assert f.kv_bytes_per_token("f16") == 512 * 1024  # 9x Qwen2.5-7B's 56 KiB
    assert f.kv_bytes_per_token("f16") * 16384 == 8 * GiB
    assert not f.yarn and f.max_context == 16384


def test_profiles_are_realistic():
    p3060 = PROFILES["rtx3060-12gb"]
    assert p3060.gpus[0].vram_total == 12_884_901_888
    assert PROFILES["rtx4090-24gb"].gpus[0].vram_total == 24 * GiB
    assert PROFILES["8gb"].gpus[0].vram_total == 8 * GiB
    assert PROFILES["cpu-only"].gpus == [] and not PROFILES["cpu-only"].can_offload
    for hw in PROFILES.values():
        assert hw.ram_total == 32 * GiB and hw.physical_cores == 8
        for g in hw.gpus:
            assert 0 < g.vram_free < g.vram_total and hw.build_can_offload
    # a copy is independent of the profile
    c = hardware.profile("8gb")
    c.gpus[0].vram_free = 0
    assert PROFILES["8gb"].gpus[0].vram_free > 0


# --------------------------------------------------------------- the matrix: invariants
@pytest.mark.parametrize("ctx", CTXS)
@pytest.mark.parametrize("mid", MODELS)
@pytest.mark.parametrize("prof", list(PROFILES))
def test_plan_matrix_invariants(prof, mid, ctx):
    hw = PROFILES[prof]
    f = facts(mid)
    p = P.plan(cat_model(mid), hw, ctx)
    assert p.fit in ("fits", "partial", "no")
    # the context: as asked, capped at the model's maximum (never reduced when asked for)
    assert p.n_ctx == min(ctx, f.max_context)
    if ctx > f.max_context:
        assert "capped at" in p.sentence and P.ctx_text(f.max_context) in p.sentence
    # YaRN exactly beyond the training context
    assert p.yarn == (p.n_ctx > f.training_context)
    if p.yarn:
        assert p.rope_freq_scale == pytest.approx(f.training_context / p.n_ctx)
        assert p.yarn_orig_ctx == f.training_context and p.flash_attn == "on"
    # a quantized KV cache comes with flash attention
    if p.kv_type != "f16":
        assert p.flash_attn == "on"
    # the estimate's KV is the arithmetic's
    b = p.breakdown
    assert b["kv_gpu"] + b["kv_cpu"] == pytest.approx(p.n_ctx * f.kv_bytes_per_token(p.kv_type),
                                                      abs=2)
    assert p.vram_bytes == b["weights_gpu"] + b["kv_gpu"] + b["compute_gpu"]
    assert p.ram_bytes == b["weights_cpu"] + b["kv_cpu"] + b["compute_cpu"]
    s = p.sentence
    assert P.ctx_text(p.n_ctx) in s and f"{p.kv_type} KV" in s and "GB" in s
    if not hw.gpus:
        assert p.device == "cpu" and p.n_gpu_layers == 0
        assert s.startswith("CPU only") and "no NVIDIA GPU" in s
        return
    g = hw.gpus[0]
    assert g.short_name in s
    assert p.vram_bytes <= p.vram_budget == g.vram_free - P.VRAM_MARGIN
    if p.fit == "fits":
        assert p.n_gpu_layers == f.n_layers and f"All {f.n_layers} layers" in s
        if p.kv_type == "q8_0":  # only because f16 did not fit
            e = P.estimate(f, p.n_ctx, "f16", f.n_layers, gpu=True)
            assert e.vram > p.vram_budget and "f16 KV would need" in s
    elif p.fit == "partial":
        assert 0 <= p.n_gpu_layers < f.n_layers
        assert f"{p.n_gpu_layers} of {f.n_layers} layers" in s and "partial offload" in s
        # partial only after q8_0 with all layers failed, and with as many layers as fit
        assert p.kv_type == "q8_0"
        assert P.estimate(f, p.n_ctx, "q8_0", f.n_layers, gpu=True).vram > p.vram_budget
        assert P.estimate(f, p.n_ctx, "q8_0", p.n_gpu_layers + 1, gpu=True).vram > p.vram_budget
    ls = p.load_settings()
    assert isinstance(ls, LoadSettings)
    assert ls.n_ctx == p.n_ctx and ls.kv_type == p.kv_type and ls.flash_attn == p.flash_attn
    assert ls.n_gpu_layers == (-1 if p.fit == "fits" else p.n_gpu_layers)
    assert ls.rope_scaling == p.rope_scaling and ls.yarn_orig_ctx == p.yarn_orig_ctx


# ------------------------------------------------------------ the matrix: decisions
# (profile, model, ctx) -> (fit, gpu layers, kv, n_ctx)
DECISIONS = {
    # DESIGN.md 3: the 3060 runs Qwen2.5-7B at 128K with every layer, q8_0 KV + flash attention
    ("rtx3060-12gb", "qwen2.5-7b-instruct", 131072): ("fits", 28, "q8_0", 131072),
    ("rtx3060-12gb", "qwen2.5-7b-instruct", 32768): ("fits", 28, "f16", 32768),
    ("rtx3060-12gb", "qwen2.5-7b-instruct", 4096): ("fits", 28, "f16", 4096),
    # ... the 4090 at 128K in f16
    ("rtx4090-24gb", "qwen2.5-7b-instruct", 131072): ("fits", 28, "f16", 131072),
    # 8 GB card at 32K: 4.05 GB of weights on the GPU (embeddings stay in RAM) + 1.75 GB f16 KV
    # + 0.63 GB CUDA/compute = 6.4 GB of the 7.0 usable (8 - 0.5 desktop - 0.5 margin): fits
    ("8gb", "qwen2.5-7b-instruct", 32768): ("fits", 28, "f16", 32768),
    # ... at 128K even q8_0 needs 8.9 GB: 21 layers (each 0.27 GB with its q8_0 KV)
    ("8gb", "qwen2.5-7b-instruct", 131072): ("partial", 21, "q8_0", 131072),
    ("cpu-only", "qwen2.5-7b-instruct", 32768): ("fits", 0, "f16", 32768),
    # DeepSeek-Coder: 512 KiB/token; 16K f16 = 8 GB of KV
    ("rtx3060-12gb", "deepseek-coder-6.7b-instruct", 4096): ("fits", 32, "f16", 4096),
    ("rtx3060-12gb", "deepseek-coder-6.7b-instruct", 32768): ("fits", 32, "q8_0", 16384),
    ("rtx4090-24gb", "deepseek-coder-6.7b-instruct", 131072): ("fits", 32, "f16", 16384),
    ("8gb", "deepseek-coder-6.7b-instruct", 32768): ("partial", 25, "q8_0", 16384),
    # GLM-4-9B: 2 KV heads, native 128K (no YaRN)
    ("rtx3060-12gb", "glm-4-9b-chat", 131072): ("fits", 40, "q8_0", 131072),
    ("rtx4090-24gb", "glm-4-9b-chat", 131072): ("fits", 40, "f16", 131072),
    ("8gb", "glm-4-9b-chat", 32768): ("fits", 40, "q8_0", 32768),
    ("8gb", "glm-4-9b-chat", 131072): ("partial", 31, "q8_0", 131072),
    # small models fit anywhere; their 32K maximum caps a 128K request
    ("8gb", "qwen2.5-0.5b-instruct", 131072): ("fits", 24, "f16", 32768),
    ("rtx3060-12gb", "embedded", 131072): ("fits", 18, "f16", 32768),
    ("cpu-only", "embedded", 4096): ("fits", 0, "f16", 4096),
}


@pytest.mark.parametrize("key", list(DECISIONS), ids=lambda k: "-".join(map(str, k)))
def test_plan_decisions(key):
    prof, mid, ctx = key
    fit, layers, kv, n_ctx = DECISIONS[key]
    p = P.plan(cat_model(mid), PROFILES[prof], ctx)
    assert (p.fit, p.n_gpu_layers, p.kv_type, p.n_ctx) == (fit, layers, kv, n_ctx), p.sentence


def test_3060_qwen7b_128k_is_about_9_gb_with_yarn():
    p = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["rtx3060-12gb"], 131072)
    assert 8.5 * GiB < p.vram_bytes < 9.5 * GiB
    assert (p.rope_scaling, p.rope_freq_scale, p.yarn_orig_ctx, p.flash_attn) == \
        ("yarn", 0.25, 32768, "on")
    s = p.sentence
    assert s.startswith("All 28 layers on the RTX 3060 12 GB, 128K context with YaRN, q8_0 KV")
    assert "of 12 GB VRAM" in s and "f16 KV would need" in s
    ls = p.load_settings()
    assert (ls.n_ctx, ls.n_gpu_layers, ls.kv_type, ls.flash_attn, ls.rope_scaling,
            ls.rope_freq_scale, ls.yarn_orig_ctx) == (131072, -1, "q8_0", "on", "yarn", 0.25, 32768)


def test_4090_qwen7b_128k_f16_about_12_gb():
    p = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["rtx4090-24gb"], 131072)
    assert p.kv_type == "f16" and p.fit == "fits"
    assert 11 * GiB < p.vram_bytes < 12.5 * GiB  # 4.05 weights + 7 KV + ~0.8 compute


def test_8gb_partial_sentence():
    p = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["8gb"], 131072)
    assert p.sentence.startswith("21 of 28 layers on the RTX 4060 8 GB (partial offload, slower)")
    assert "GB RAM" in p.sentence and "all layers would need" in p.sentence
    assert p.load_settings().n_gpu_layers == 21


def test_cpu_only_says_why():
    p = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["cpu-only"])
    assert p.device == "cpu" and p.n_gpu_layers == 0 and p.fit == "fits"
    assert p.sentence.startswith("CPU only, no NVIDIA GPU found (no NVIDIA driver installed)")
    assert p.load_settings().n_gpu_layers == 0
    assert "8 threads" in p.sentence


def test_gpu_with_cpu_only_build_runs_on_cpu_and_says_so():
    hw = replace(hardware.profile("rtx3060-12gb"), build_can_offload=False)
    p = P.plan(cat_model("qwen2.5-7b-instruct"), hw)
    assert p.device == "cpu" and p.n_gpu_layers == 0
    assert "cannot use the RTX 3060" in p.sentence and "ember doctor" in p.sentence


def test_default_context_is_training_capped_at_32k():
    assert P.plan(cat_model("glm-4-9b-chat"), PROFILES["rtx4090-24gb"]).n_ctx == 32768
    assert P.plan(cat_model("deepseek-coder-6.7b-instruct"), PROFILES["rtx4090-24gb"]).n_ctx == 16384
    # 0: the training context itself
    assert P.plan(cat_model("glm-4-9b-chat"), PROFILES["rtx4090-24gb"], 0).n_ctx == 131072


def test_default_context_shrinks_before_layers_leave_the_gpu():
    """Not asked for a context: DeepSeek on 8 GB keeps every layer at 8K rather than go partial
    at 16K; asked for 16K, it keeps 16K and offloads part."""
    d = P.plan(cat_model("deepseek-coder-6.7b-instruct"), PROFILES["8gb"])
    assert (d.fit, d.n_gpu_layers, d.n_ctx, d.kv_type) == ("fits", 32, 8192, "q8_0")
    assert "16K would need" in d.sentence
    a = P.plan(cat_model("deepseek-coder-6.7b-instruct"), PROFILES["8gb"], 16384)
    assert a.fit == "partial" and a.n_ctx == 16384


def test_capped_context_reason_in_sentence():
    p = P.plan(cat_model("embedded"), PROFILES["rtx3060-12gb"], 131072)
    assert p.n_ctx == 32768 and p.rope_scaling is None
    assert "capped at 32K" in p.sentence and "128K asked" in p.sentence
    assert "no YaRN" in p.sentence
    q = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["rtx4090-24gb"], 262144)
    assert q.n_ctx == 131072 and "capped at 128K" in q.sentence and q.yarn


def test_forced_kv_type_and_gpu_layers():
    m = cat_model("qwen2.5-7b-instruct")
    p = P.plan(m, PROFILES["rtx4090-24gb"], 32768, kv_type="q4_0")
    assert p.kv_type == "q4_0" and p.flash_attn == "on" and p.fit == "fits"
    p = P.plan(m, PROFILES["rtx4090-24gb"], 32768, gpu_layers=10)
    assert p.n_gpu_layers == 10 and p.fit == "partial" and p.load_settings().n_gpu_layers == 10
    p = P.plan(m, PROFILES["rtx4090-24gb"], 32768, gpu_layers=0)
    assert p.device == "cpu" and p.n_gpu_layers == 0 and "0 GPU layers" in p.sentence
    p = P.plan(m, PROFILES["8gb"], 131072, gpu_layers=28, kv_type="f16")
    assert p.fit == "no" and "as asked" in p.sentence and p.n_gpu_layers == 28
    # -1 (LoadSettings' "all", the CLI's default) leaves the choice to the planner
    assert P.plan(m, PROFILES["8gb"], 131072, gpu_layers=-1) == P.plan(m, PROFILES["8gb"], 131072)


def test_a_model_too_big_for_vram_and_ram_is_no():
    big = replace(facts("qwen2.5-7b-instruct"), name="Huge-70B", n_layers=80,
                  weights_bytes=40 * GiB, layer_bytes=(40 * GiB - 2 * 500 * MiB) / 80,
                  input_bytes=500 * MiB, output_bytes=500 * MiB, kv_heads=8)
    p = P.plan(big, PROFILES["8gb"], 4096)
    assert p.fit == "no" and p.sentence.startswith("Won't fit: Huge-70B needs about")
    c = P.plan(big, PROFILES["cpu-only"], 4096)
    assert c.fit == "no" and "of RAM" in c.sentence
    # a 24 GB card + 32 GB of RAM holds it, partly offloaded
    assert P.plan(big, PROFILES["rtx4090-24gb"], 4096).fit == "partial"


def test_plan_json_serialisable():
    p = P.plan(cat_model("qwen2.5-7b-instruct"), PROFILES["8gb"], 131072)
    d = json.loads(json.dumps(p.as_dict()))
    assert d["fit"] == "partial" and "facts" not in d and d["breakdown"]["kv_gpu"] > 0


# --------------------------------------------------------------------------- GGUF facts
def test_facts_from_the_embedded_gguf(gemma_path):
    info = gguf_meta.inspect(gemma_path)
    f = P.ModelFacts.from_gguf(info)
    shape = cat_model("embedded").shape
    assert (f.n_layers, f.kv_heads, f.head_dim, f.n_embd, f.n_vocab) == \
        (shape.layers, shape.kv_heads, shape.head_dim, shape.embd, shape.vocab) == \
        (18, 1, 256, 640, 262144)
    assert f.family == "gemma3" and not f.estimated and f.source == "gguf"
    assert f.weights_bytes == gemma_path.stat().st_size
    assert f.training_context == f.max_context == 32768
    tensor_sum = sum(t.n_bytes for t in info.tensors)
    embd = next(t.n_bytes for t in info.tensors if t.name == "token_embd.weight")
    assert f.input_bytes == embd
    # tied embeddings: the output head is a copy of token_embd (llama.cpp puts it on the GPU)
    assert f.output_bytes >= embd
    assert f.input_bytes + f.n_layers * f.layer_bytes + (f.output_bytes - embd) == \
        pytest.approx(tensor_sum)
    p = P.plan(info, PROFILES["rtx3060-12gb"], 131072)
    assert p.n_ctx == 32768 and "capped at 32K" in p.sentence


def test_facts_from_a_synthesized_split_qwen2(qwen_path):
    info = gguf_meta.inspect(qwen_path)
    f = P.ModelFacts.from_gguf(info)
    assert (f.n_layers, f.kv_heads, f.head_dim, f.n_heads, f.n_embd) == (2, 2, 16, 4, 64)
    assert f.family == "qwen2" and f.training_context == 32768
    assert f.weights_bytes == sum(p.stat().st_size for p in info.shards) and len(info.shards) == 2
    # both shards' tensors counted: one f32 block of the synthesized model
    e, ff, hd = 64, 128, 16
    block = (e + (e * 4 * hd + 4 * hd) + 2 * (e * 2 * hd + 2 * hd) + 4 * hd * e + e
             + 3 * ff * e) * 4
    assert f.layer_bytes == block
    assert f.kv_bytes_per_token("f16") == 2 * 2 * 2 * 16 * 2
    # a small Qwen2 does not get YaRN (Qwen documents 128K only for 7B and up)
    assert f.max_context == 32768 and not f.yarn
    p = P.plan(qwen_path, PROFILES["cpu-only"], 65536)
    assert p.n_ctx == 32768 and p.rope_scaling is None


def test_qwen2_file_of_7b_width_gets_yarn(tmp_path):
    """A qwen2 file as wide as Qwen2.5-7B (3584, 28 heads, 4 KV heads) and trained on 32K:
    128K with YaRN (one layer, a tiny vocabulary and f16 keep the file ~55 MB)."""
    path = synth.write_qwen2(tmp_path, name="wide-qwen2", n_embd=3584, n_layer=1, n_head=28,
                             n_head_kv=4, n_ff=16, shards=1, dtype=np.float16)
    f = P.ModelFacts.from_gguf(gguf_meta.inspect(path))
    assert (f.head_dim, f.kv_heads, f.max_context) == (128, 4, 131072) and f.yarn
    p = P.plan(f, PROFILES["rtx3060-12gb"], 131072)
    assert (p.rope_scaling, p.rope_freq_scale, p.yarn_orig_ctx, p.n_ctx) == \
        ("yarn", 0.25, 32768, 131072)


def test_facts_of_accepts_every_model_form(gemma_path):
    a = P.ModelFacts.of(gemma_path)
    b = P.ModelFacts.of(str(gemma_path))
    c = P.ModelFacts.of(gguf_meta.inspect(gemma_path))
    assert a == b == c and P.ModelFacts.of(a) is a
    assert P.ModelFacts.of(cat_model("embedded")).source == "catalog"
    with pytest.raises(TypeError):
        P.ModelFacts.of(42)


# ------------------------------------------------------------------------------ probe
def test_probe_on_this_machine_never_raises(this_machine):
    import llama_cpp
    hw = this_machine
    assert hw.physical_cores >= 1 and hw.logical_cores >= hw.physical_cores
    assert hw.ram_total > 0 and 0 < hw.ram_available <= hw.ram_total
    assert hw.llama_cpp_version == llama_cpp.__version__
    assert hw.build_can_offload == bool(llama_cpp.llama_supports_gpu_offload())
    assert "CPU" in hw.backends
    assert hardware.physical_cores() == hw.physical_cores
    assert hardware.logical_cores() == hw.logical_cores
    assert hardware.total_ram() == hw.ram_total
    json.dumps(hw.as_dict())
    if hw.nvml_status != "ok":  # this machine: no NVIDIA driver
        assert hw.gpus == [] and hw.nvml_error
        assert not hw.can_offload


def test_probe_here_has_no_gpu_and_cpu_build(this_machine):
    """This development machine: no NVIDIA driver, a CPU-only llama-cpp-python build."""
    import llama_cpp
    if this_machine.gpus or llama_cpp.llama_supports_gpu_offload():
        pytest.skip("not the CPU-only development machine")
    assert this_machine.gpus == [] and this_machine.build_can_offload is False
    assert this_machine.nvml_status in ("no_driver", "driver_not_loaded", "no_gpu")
    assert this_machine.backends == ["CPU"]
    p = P.plan(cat_model("embedded"), this_machine)
    assert p.device == "cpu" and p.sentence.startswith("CPU only, no NVIDIA GPU found")


def test_probe_devices_lists_the_cpu():
    hw = hardware.probe(devices=True)
    assert any(d.kind == "cpu" for d in hw.devices)


def _fake_nvml(monkeypatch, *, name="NVIDIA GeForce RTX 3060", total=12 * GiB, free=11 * GiB):
    import pynvml
    monkeypatch.setattr(pynvml, "nvmlInit", lambda: None)
    monkeypatch.setattr(pynvml, "nvmlShutdown", lambda: None)
    monkeypatch.setattr(pynvml, "nvmlSystemGetDriverVersion", lambda: "560.94")
    monkeypatch.setattr(pynvml, "nvmlSystemGetCudaDriverVersion", lambda: 12060)
    monkeypatch.setattr(pynvml, "nvmlDeviceGetCount", lambda: 1)
    monkeypatch.setattr(pynvml, "nvmlDeviceGetHandleByIndex", lambda i: object())
    monkeypatch.setattr(pynvml, "nvmlDeviceGetName", lambda h: name)
    monkeypatch.setattr(pynvml, "nvmlDeviceGetMemoryInfo",
                        lambda h: types.SimpleNamespace(total=total, free=free, used=total - free))
    monkeypatch.setattr(pynvml, "nvmlDeviceGetCudaComputeCapability", lambda h: (8, 6))


def test_probe_reads_a_gpu_from_nvml(monkeypatch):
    _fake_nvml(monkeypatch)
    hw = hardware.probe()
    assert hw.nvml_status == "ok" and hw.nvml_error is None
    (g,) = hw.gpus
    assert (g.name, g.short_name, g.vram_total, g.vram_free, g.compute_capability) == \
        ("NVIDIA GeForce RTX 3060", "RTX 3060", 12 * GiB, 11 * GiB, (8, 6))
    assert hw.driver_version == g.driver_version == "560.94"
    assert hw.cuda_driver_version == "12.6"


@pytest.mark.parametrize("error, status", [("NVMLError_DriverNotLoaded", "driver_not_loaded"),
                                           ("NVMLError_LibraryNotFound", "no_driver"),
                                           (None, "error")])
def test_probe_explains_nvml_failures(monkeypatch, error, status):
    import pynvml

    def boom():
        if error is None:
            raise RuntimeError("something odd")
        raise getattr(pynvml, error)()
    monkeypatch.setattr(pynvml, "nvmlInit", boom)
    hw = hardware.probe()
    assert hw.gpus == [] and hw.nvml_status == status and hw.nvml_error


def test_probe_no_gpu_behind_a_working_driver(monkeypatch):
    _fake_nvml(monkeypatch)
    import pynvml
    monkeypatch.setattr(pynvml, "nvmlDeviceGetCount", lambda: 0)
    hw = hardware.probe()
    assert hw.gpus == [] and hw.nvml_status == "no_gpu" and "sees no GPU" in hw.nvml_error


# ------------------------------------------------------------------ load with fallback
def test_load_with_fallback_loads_the_embedded_model_first_time(gemma_path, this_machine):
    p = P.plan(gemma_path, this_machine, 2048)
    said = []
    e = Engine()
    try:
        info, used = P.load_with_fallback(e, gemma_path, p, on_retry=said.append)
        assert said == [] and used is p
        assert info.n_ctx == 2048 and info.n_layers == 18 and info.kv_type == p.kv_type
        assert e.loaded
        out = P.record_load(info, used)
        assert out == P.last_load_path() and out.exists()
        last = P.last_load()
        assert last["model"] == info.name and last["n_layers"] == 18
        assert last["plan"]["sentence"] == p.sentence
    finally:
        e.unload()


class _SmallGPU(Engine):
    """A real Engine whose loads above `limit` GPU layers fail as a GPU out of memory would
    (this machine has no GPU to exhaust); at or below it, llama.cpp loads for real."""

    def __init__(self, limit: int, reason: str = "out_of_memory"):
        super().__init__()
        self.limit, self.reason, self.tried = limit, reason, []

    def load(self, path, settings=None, progress=None):
        self.tried.append(settings.n_gpu_layers)
        n = 10 ** 9 if settings.n_gpu_layers < 0 else settings.n_gpu_layers
        if n > self.limit:
            raise ModelLoadError("Not enough memory (simulated)", reason=self.reason)
        return super().load(path, settings, progress)


def test_load_with_fallback_retries_with_fewer_layers(gemma_path):
    p = P.plan(gemma_path, PROFILES["8gb"], 2048)
    assert p.fit == "fits" and p.n_gpu_layers == 18
    said = []
    e = _SmallGPU(limit=9)
    try:
        info, used = P.load_with_fallback(e, gemma_path, p, on_retry=said.append)
        # minus 25% of 18 (5) each time: 18 -> 13 -> 8
        assert e.tried == [-1, 13, 8]
        assert used.n_gpu_layers == 8 and used.fit == "partial" and used.n_ctx == 2048
        assert len(said) == 2 and "retrying with 13" in said[0] and "retrying with 8" in said[1]
        assert "8 of 18 layers on the GPU" in used.sentence
        assert "after running out of memory" in used.sentence
        assert info.n_layers == 18 and e.loaded
    finally:
        e.unload()


def test_load_with_fallback_ends_on_the_cpu_and_gives_up_after(gemma_path):
    p = P.plan(gemma_path, PROFILES["8gb"], 2048)
    e = _SmallGPU(limit=-1, reason="context")  # even 0 layers fail
    with pytest.raises(ModelLoadError):
        P.load_with_fallback(e, gemma_path, p)
    assert e.tried == [-1, 13, 8, 3, 0]  # 2048 is already below the 4K context floor


def test_load_with_fallback_reraises_other_errors(gemma_path):
    p = P.plan(gemma_path, PROFILES["8gb"], 2048)
    e = _SmallGPU(limit=0, reason="corrupt")
    with pytest.raises(ModelLoadError) as ei:
        P.load_with_fallback(e, gemma_path, p)
    assert ei.value.reason == "corrupt" and e.tried == [-1]


def test_retry_on_cpu_halves_the_context(gemma_path):
    p = P.plan(gemma_path, PROFILES["cpu-only"], 16384)
    nxt = P._retry_plan(p)
    assert nxt.n_ctx == 8192 and nxt.n_gpu_layers == 0
    assert P._retry_plan(P.plan(gemma_path, PROFILES["cpu-only"], 4096)) is None


# --------------------------------------------------------------------------- ember plan
def plan_args(**kw):
    d = dict(model=None, ctx=None, kv_type=None, gpu_layers=None, profile=None, json=False)
    d.update(kw)
    return argparse.Namespace(**d)


def test_run_plan_prints_a_line_per_profile(capsys):
    assert plan_cli.run_plan(plan_args(ctx=131072)) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Qwen2.5-7B-Instruct")  # the catalog's default
    for name in list(PROFILES) + ["this machine"]:
        assert sum(1 for line in lines if line.startswith(name + ": ")) == 1, name
        assert sum(1 for line in lines if line.startswith(name + "  ")) == 1, name  # table row
    assert "rtx3060-12gb: All 28 layers on the RTX 3060 12 GB, 128K context with YaRN, q8_0" in out


def test_run_plan_json_and_a_gguf_path(capsys, gemma_path):
    assert plan_cli.run_plan(plan_args(model=str(gemma_path), ctx=4096, json=True,
                                       profile=["8gb", "cpu-only"])) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["model"]["source"] == "gguf" and d["model"]["n_layers"] == 18
    assert [p["hardware"] for p in d["plans"]] == ["8gb", "cpu-only"]
    assert all(p["n_ctx"] == 4096 for p in d["plans"])


def test_plan_add_arguments_declares_the_options():
    parser = argparse.ArgumentParser()
    plan_cli.add_plan_arguments(parser)
    a = parser.parse_args(["--model", "embedded", "--ctx", "8192", "--kv-type", "q8_0", "--json",
                           "--profile", "8gb"])
    assert (a.model, a.ctx, a.kv_type, a.json, a.profile) == ("embedded", 8192, "q8_0", True,
                                                              ["8gb"])
    d = argparse.ArgumentParser()
    plan_cli.add_doctor_arguments(d)
    assert d.parse_args(["--json"]).json is True
    assert plan_cli.run_plan.add_arguments is plan_cli.add_plan_arguments
    assert plan_cli.run_doctor.add_arguments is plan_cli.add_doctor_arguments


# ------------------------------------------------------------------------- ember doctor
def test_doctor_on_this_machine_says_cpu(this_machine, tmp_path):
    if this_machine.gpus:
        pytest.skip("an NVIDIA GPU is present")
    import os
    env = dict(os.environ, EMBER_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "desktop.cli.plan", "doctor"], cwd=REPO, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "No NVIDIA GPU was found" in out and "Ember runs on the CPU" in out
    assert "llama-cpp-python" in out and "CPU-only build (no CUDA backend)" in out and "RAM" in out
    assert "physical" in out and "none recorded yet" in out


def test_doctor_shows_the_last_load(capsys, gemma_engine, this_machine):
    P.record_load(gemma_engine.info, P.plan(gemma_engine.info.path, this_machine, 2048))
    assert plan_cli.run_doctor(argparse.Namespace(json=False)) == 0
    out = capsys.readouterr().out
    assert "Last load:     Gemma 3 270m" in out and "2K context" in out
    assert plan_cli.run_doctor(argparse.Namespace(json=True)) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["last_load"]["model"] == "Gemma 3 270m" and d["hardware"]["physical_cores"] >= 1


def test_doctor_gpu_with_cpu_only_build_prints_the_fix(monkeypatch, capsys):
    import llama_cpp
    if llama_cpp.llama_supports_gpu_offload():
        pytest.skip("this build can offload")
    _fake_nvml(monkeypatch)
    assert plan_cli.run_doctor(argparse.Namespace(json=False)) == 0
    out = capsys.readouterr().out
    assert "NVIDIA GeForce RTX 3060" in out and "CPU-only build" in out
    assert "560.94" in out and "12.6" in out and "compute capability 8.6" in out
    cmd = (f'CMAKE_ARGS="-DGGML_CUDA=on" {sys.executable} -m pip install --force-reinstall '
           f"--no-cache-dir llama-cpp-python=={llama_cpp.__version__}")
    assert cmd in out
    assert doctor.cuda_fix_command() == cmd


def test_diagnose_with_a_gpu_build():
    hw = hardware.profile("rtx3060-12gb")
    v, fix = doctor.diagnose(hw, None)
    assert "can run on the NVIDIA GeForce RTX 3060" in v and fix is None
    v, _ = doctor.diagnose(hw, {"n_layers": 28, "n_layers_offloaded": 21})
    assert "21 of 28" in v and "partial" in v
    v, _ = doctor.diagnose(hw, {"n_layers": 28, "n_layers_offloaded": 29})
    assert "every layer" in v
    v, _ = doctor.diagnose(hw, {"n_layers": 28, "n_layers_offloaded": 0, "plan": None})
    assert "no layer on the GPU" in v
    # NVML sees the card, the build can offload, but llama.cpp finds no GPU device
    hw.devices = [hardware.BackendDevice("CPU", "x", "cpu")]
    v, _ = doctor.diagnose(hw, None)
    assert "Update the NVIDIA driver" in v and doctor.build_case(hw) == doctor.CUDA_FAILED


CUDA13 = {"dynamic": True, "cuda_module": True, "cuda_runtime": "13.0",
          "modules": ["libggml-cuda.so", "libggml-cpu-haswell.so"]}


def test_doctor_names_each_case_of_the_cuda_build():
    """Issue 12: the four cases, each with its fix."""
    # 1. CUDA build, GPU in use
    hw = hardware.profile("rtx4090-24gb")
    hw.build, hw.driver_version, hw.cuda_driver_version = dict(CUDA13), "580.95", "13.0"
    v, fix = doctor.diagnose(hw, {"n_layers": 28, "n_layers_offloaded": 29})
    assert doctor.build_case(hw) == doctor.CUDA_GPU
    assert "can run on the NVIDIA GeForce RTX 4090 (CUDA 13.0 backend" in v and fix is None
    # 2. CUDA build, no NVIDIA driver: the CPU, and which driver to install
    cpu = hardware.profile("cpu-only")
    cpu.build = dict(CUDA13, cuda_init_error="ggml_cuda_init: failed to initialize CUDA: CUDA "
                                             "driver version is insufficient for CUDA runtime version")
    v, fix = doctor.diagnose(cpu, None)
    assert doctor.build_case(cpu) == doctor.CUDA_NO_DRIVER
    assert "CUDA backend (CUDA 13.0), but no NVIDIA driver installed" in v
    assert "runs on the CPU" in v and "driver 580 or newer" in v and "insufficient" in v
    # 3. a driver older than the build's CUDA: name the version needed
    old = hardware.profile("rtx3060-12gb")
    old.build, old.driver_version, old.cuda_driver_version = dict(CUDA13), "560.94", "12.6"
    v, _ = doctor.diagnose(old, None)
    assert doctor.build_case(old) == doctor.CUDA_OLD_DRIVER
    assert "driver 560.94 supports CUDA up to 12.6" in v and "needs CUDA 13.0" in v
    assert "580.65.06 or newer" in v
    # 4. a CPU-only build with a GPU present: the fix command
    cpu_build = hardware.profile("rtx3060-12gb")
    cpu_build.backends, cpu_build.build_can_offload, cpu_build.build = ["CPU"], False, {}
    v, fix = doctor.diagnose(cpu_build, None)
    assert doctor.build_case(cpu_build) == doctor.CPU_BUILD
    assert "CPU-only build" in v and fix and "GGML_CUDA=on" in fix
    # the window's one line (the model manager, the welcome dialog) names the same case
    assert doctor.headline(hw) == "NVIDIA GeForce RTX 4090, 24 GB VRAM"
    assert doctor.headline(cpu).startswith("This Ember has llama.cpp's CUDA backend (CUDA 13.0), "
                                           "but no NVIDIA driver installed, so it runs on the CPU")
    assert "needs CUDA 13.0" in doctor.headline(old)
    assert doctor.headline(cpu_build).startswith("Ember is NOT using the NVIDIA GeForce RTX 3060")


# ------------------------------------------------- the planner against llama.cpp (issue 12)
@pytest.fixture(scope="module")
def qwen_hd64(tmp_path_factory):
    """A small Qwen2 with 64-wide heads (a q8_0 KV cache needs blocks of 32 values)."""
    return synth.write_qwen2(tmp_path_factory.mktemp("qwen64"), shards=2, n_embd=256, n_ff=512)


@pytest.mark.parametrize("n_ctx,kv", [(2048, "f16"), (8192, "f16"), (8192, "q8_0")])
def test_planner_matches_what_llama_cpp_allocates(qwen_hd64, n_ctx, kv):
    """The planner's model and KV sizes against the buffer sizes llama.cpp logs for the same
    configuration (on the CPU: the same buffers it would put in VRAM), within 5%."""
    f = P.ModelFacts.from_gguf(gguf_meta.inspect(qwen_hd64))
    e = Engine()
    info = e.load(qwen_hd64, LoadSettings(n_ctx=n_ctx, kv_type=kv, flash_attn="on", n_threads=1))
    try:
        rows = {part: (pred, rep) for part, pred, rep in
                P.compare_buffers(f, n_ctx, kv, 0, gpu=False, buffers=info.buffers)}
    finally:
        e.unload()
    assert info.buffers["model"] and info.buffers["kv"], info.buffers
    for part in ("model (CPU)", "KV (CPU)"):
        pred, rep = rows[part]
        assert rep > 0 and abs(pred / rep - 1) <= 0.05, (part, pred, rep)
    assert "compute (CPU)" in rows and rows["compute (CPU)"][1] > 0   # reported, not a goal
    assert not any(part.endswith("(GPU)") for part in rows)           # nothing on a GPU here


def test_planner_predicts_llama_cpps_cpu_repack(gemma_engine, gemma_path):
    """On an x86-64 CPU with AVX2 llama.cpp keeps a second, interleaved copy of the q4_K (q4_0,
    iq4_nl) weights it multiplies (CPU_REPACK): the planner predicts its size from the tensors."""
    info = gemma_engine.info
    f = P.ModelFacts.from_gguf(gguf_meta.inspect(gemma_path))
    rows = {part: (pred, rep) for part, pred, rep in
            P.compare_buffers(f, info.n_ctx, info.kv_type, 0, gpu=False, buffers=info.buffers)}
    reported = sum(v for d, v in info.buffers["model"].items() if d.endswith("_REPACK"))
    if not P.cpu_repacks():
        assert reported == 0 and "repacked weights (CPU)" not in rows
        pytest.skip("this CPU does not repack (no AVX2, or AMX)")
    assert f.repack_layer_bytes > 0 and reported > 0
    pred, rep = rows["repacked weights (CPU)"]
    assert rep == reported and abs(pred / rep - 1) <= 0.05, (pred, rep)
    # all layers on a GPU: nothing is left to repack; half of them: about half
    assert P.cpu_repack_bytes(f, f.n_layers, gpu=True) == 0
    half = P.cpu_repack_bytes(f, f.n_layers // 2, gpu=True)
    assert 0 < half < P.cpu_repack_bytes(f, 0, gpu=False)


def test_reported_buffers_reads_llama_cpp_log_lines():
    from desktop.core.engine.native import reported_buffers
    lines = ["load_tensors: offloaded 29/29 layers to GPU",
             "load_tensors:        CUDA0 model buffer size =  4168.09 MiB",
             "load_tensors:   CPU_Mapped model buffer size =   292.36 MiB",
             "llama_kv_cache:      CUDA0 KV buffer size =  1792.00 MiB",
             "llama_context:  CUDA_Host  output buffer size =     0.58 MiB",
             "sched_reserve:      CUDA0 compute buffer size =   304.00 MiB",
             "sched_reserve:  CUDA_Host compute buffer size =    71.01 MiB"]
    b = reported_buffers(lines)
    assert b["model"] == {"CUDA0": round(4168.09 * MiB), "CPU_Mapped": round(292.36 * MiB)}
    assert b["kv"] == {"CUDA0": 1792 * MiB}
    assert b["compute"]["CUDA_Host"] == round(71.01 * MiB)
    f = P.ModelFacts.from_catalog(catalog.load().get("qwen2.5-7b-instruct"))
    rows = {r[0]: r for r in P.compare_buffers(f, 32768, "f16", 28, gpu=True, buffers=b)}
    assert rows["KV (GPU)"][2] == 1792 * MiB and rows["KV (GPU)"][1] == 1792 * MiB
    assert rows["model (CPU)"][2] == round(292.36 * MiB)     # CUDA_Host counts as the CPU's
    assert rows["compute (CPU)"][2] == round(71.01 * MiB) + round(0.58 * MiB)


def _vulkan_hw(devices) -> hardware.Hardware:
    """This machine's cores and RAM, with a Vulkan build's registry and `devices` (what
    probe() does after reading ggml's device list)."""
    hw = hardware.profile("cpu-only")
    hw.backends, hw.build, hw.build_can_offload = ["CPU", "Vulkan"], {"dynamic": True}, True
    hw.devices = devices
    hardware._use_vulkan(hw, hardware.vulkan_gpus(devices))
    return hw


def test_a_vulkan_build_plans_on_its_vulkan_devices_and_the_doctor_names_them():
    """Issue 25: the Windows installer's llama.cpp has the Vulkan backend and no CUDA. Its GPUs
    are ggml's Vulkan devices (name, memory from ggml_backend_dev_memory), the planner offloads
    to them, and the doctor says which device, or why Ember is on the CPU."""
    card = hardware.BackendDevice("Vulkan0", "AMD Radeon RX 7600", "gpu", 7 * GiB, 8 * GiB)
    hw = _vulkan_hw([hardware.BackendDevice("CPU", "Intel Core", "cpu", 20 * GiB, 32 * GiB), card])
    assert hw.vulkan_build and hw.can_offload
    assert [(g.name, g.device, g.backend, g.vram_free) for g in hw.gpus] == [
        ("AMD Radeon RX 7600", "Vulkan0", "Vulkan", 7 * GiB)]
    p = P.plan(cat_model("qwen2.5-0.5b-instruct"), hw)
    assert p.device == "gpu" and p.all_layers and p.gpu_name == "AMD Radeon RX 7600"
    assert doctor.build_case(hw) == doctor.VULKAN_GPU
    v, fix = doctor.diagnose(hw, {"n_layers": 24, "n_layers_offloaded": 25})
    assert "can run on the AMD Radeon RX 7600 (Vulkan0, Vulkan backend, 8.0 GB)" in v
    assert "every layer" in v and fix is None
    assert doctor.headline(hw) == "AMD Radeon RX 7600, 8 GB VRAM"
    # NVML's card of the same name lends its driver version; a CUDA build keeps NVML's list
    nv = hardware.profile("rtx3060-12gb")
    nv.backends, nv.build = ["CPU", "Vulkan"], {}
    hardware._use_vulkan(nv, hardware.vulkan_gpus([hardware.BackendDevice(
        "Vulkan0", "NVIDIA GeForce RTX 3060", "gpu", 11 * GiB, 12 * GiB)]))
    assert [(g.backend, g.driver_version) for g in nv.gpus] == [("Vulkan", "560.94")]
    cuda = hardware.profile("rtx3060-12gb")
    cuda.backends = ["CPU", "CUDA", "Vulkan"]
    assert not cuda.vulkan_build
    hardware._use_vulkan(cuda, hardware.vulkan_gpus([card]))
    assert [g.backend for g in cuda.gpus] == ["CUDA"]

    # no Vulkan GPU (no driver, or only Mesa's software device, which ggml-vulkan skips):
    # the CPU, and what to install
    none = _vulkan_hw([hardware.BackendDevice("CPU", "Intel Core", "cpu", 20 * GiB, 32 * GiB)])
    none.build_can_offload = False
    assert doctor.build_case(none) == doctor.VULKAN_NO_DEVICE and not none.can_offload
    v, fix = doctor.diagnose(none, None)
    assert "Vulkan backend, but Vulkan lists no GPU" in v and "graphics driver" in v
    q = P.plan(cat_model("qwen2.5-0.5b-instruct"), none)
    assert q.device == "cpu" and "no Vulkan GPU found" in q.sentence


def test_a_client_of_a_vulkan_engine_plans_on_the_devices_the_engine_lists(monkeypatch):
    """The window and `ember chat` never import llama.cpp: the engine's /health build carries
    its Vulkan devices (vulkan_gpus) and probe() plans on them."""
    monkeypatch.setattr(hardware, "_nvml", lambda hw: setattr(hw, "nvml_status", "no_driver"))
    g = hardware.vulkan_gpus([hardware.BackendDevice("Vulkan0", "Intel Arc A770", "gpu",
                                                     15 * GiB, 16 * GiB)])[0]
    from dataclasses import asdict
    try:
        hardware.use_engine_build({"build_can_offload": True, "backends": ["CPU", "Vulkan"],
                                   "ggml": {}, "vulkan_gpus": [asdict(g)]})
        hw = hardware.probe()
        assert [(x.name, x.device, x.vram_total) for x in hw.gpus] == [
            ("Intel Arc A770", "Vulkan0", 16 * GiB)]
        assert doctor.build_case(hw) == doctor.VULKAN_GPU and hw.can_offload
        hardware.use_engine_build({"build_can_offload": False, "backends": ["CPU"], "ggml": {}})
        assert hardware.probe().gpus == [] and not hardware.probe().vulkan_build
    finally:
        hardware._ENGINE_BUILD = None


def test_the_devices_a_load_uses_come_from_llama_cpps_log():
    from desktop.core.engine.native import used_devices
    lines = ["llama_model_load_from_file_impl: using device Vulkan0 (llvmpipe (LLVM 19.1.7, 256 "
             "bits)) (unknown id) - 15890 MiB free",
             "llama_model_load_from_file_impl: using device CUDA0 (NVIDIA GeForce RTX 3060) "
             "(0000:01:00.0) - 11230 MiB free", "load_tensors: offloaded 19/19 layers to GPU"]
    assert used_devices(lines) == ["Vulkan0 (llvmpipe (LLVM 19.1.7, 256 bits))",
                                   "CUDA0 (NVIDIA GeForce RTX 3060)"]
    assert used_devices(lines[2:]) == []
