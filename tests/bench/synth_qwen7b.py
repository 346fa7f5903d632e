#!/usr/bin/env python3
"""Write a model with Qwen2.5-7B-Instruct's exact shapes (random weights), quantized to Q4_K_M,
for `ember bench` on a GPU machine where the real 4.7 GB download is not possible.

Shapes (Qwen2.5-7B's config.json): 28 layers, hidden 3584, FFN 18944, 28 attention heads with
4 KV heads (head size 128), vocabulary 152,064 (byte-level BPE; the unused ids are filler
tokens), untied output head, RoPE base 1e6, RMS norm eps 1e-6, trained context 32,768, the
ChatML template. llama.cpp does the same work per token whatever the weights' values, so the
speed and memory figures are representative of the real model (its answers are noise: the
coding / JSON / long-document scores of this file mean nothing).

    python tests/bench/synth_qwen7b.py [--out DIR] [--keep-f16]
    ember bench DIR/qwen2.5-7b-shapes-q4_k_m.gguf          # or: python -m desktop.cli.bench ...

The f16 file is written tensor by tensor (about 15 GB on disk, little RAM), quantized with
llama.cpp's `llama_model_quantize` (LLAMA_FTYPE_MOSTLY_Q4_K_M, ~4.7 GB), then deleted.
`--tiny` writes a 2-layer, 256-wide model with the same vocabulary: a quick check of the script.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QWEN25_7B = dict(n_embd=3584, n_ff=18944, n_layer=28, n_head=28, n_head_kv=4, n_vocab=152064,
                 n_ctx_train=32768)
TINY = dict(n_embd=256, n_ff=512, n_layer=2, n_head=4, n_head_kv=2, n_vocab=152064,
            n_ctx_train=32768)


def vocab(n_vocab: int):
    """Qwen-like byte-level vocabulary padded to n_vocab: bytes, a few merges, filler tokens,
    then the three ChatML specials at Qwen's own ids (151643-151645) and unused ids after."""
    import synth

    import gguf
    b2u = synth.bytes_to_unicode()
    tokens = [b2u[b] for b in range(256)]
    merged = [a + b for a, b in synth.MERGES]
    tokens += merged
    specials = {151643: "<|endoftext|>", 151644: "<|im_start|>", 151645: "<|im_end|>"}
    types = [gguf.TokenType.NORMAL] * len(tokens)
    i = 0
    while len(tokens) < n_vocab:
        tid = len(tokens)
        if tid in specials:
            tokens.append(specials[tid])
            types.append(gguf.TokenType.CONTROL)
        elif tid > 151645:
            tokens.append(f"<|extra_{tid}|>")
            types.append(gguf.TokenType.UNUSED)
        else:
            tokens.append(f"Ġtok{i}")  # reachable by no merge: never produced by tokenizing
            types.append(gguf.TokenType.NORMAL)
            i += 1
    merges = [f"{a} {b}" for a, b in synth.MERGES]
    return tokens, [int(t) for t in types], merges


def write_f16(path: Path, shape: dict, seed: int = 0) -> Path:
    import synth

    import gguf
    rng = np.random.default_rng(seed)
    e, ff, L = shape["n_embd"], shape["n_ff"], shape["n_layer"]
    nh, nkv, nv = shape["n_head"], shape["n_head_kv"], shape["n_vocab"]
    hd = e // nh
    tokens, types, merges = vocab(nv)
    w = gguf.GGUFWriter(str(path), "qwen2")
    w.add_name("Qwen2.5-7B-Instruct shapes (random weights)")
    w.add_context_length(shape["n_ctx_train"])
    w.add_embedding_length(e)
    w.add_block_count(L)
    w.add_feed_forward_length(ff)
    w.add_head_count(nh)
    w.add_head_count_kv(nkv)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(1000000.0)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("qwen2")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_bos_token_id(151643)
    w.add_eos_token_id(151645)
    w.add_pad_token_id(151643)
    w.add_add_bos_token(False)
    w.add_chat_template(synth.QWEN25_CHAT_TEMPLATE)

    # (name, shape in numpy order, dtype, scale); 1-D tensors (norms, biases) stay f32
    plan = [("token_embd.weight", (nv, e), np.float16, 1.0)]
    for i in range(L):
        p = f"blk.{i}."
        plan += [(p + "attn_norm.weight", (e,), np.float32, None),
                 (p + "attn_q.weight", (nh * hd, e), np.float16, 0.02),
                 (p + "attn_q.bias", (nh * hd,), np.float32, 0.0),
                 (p + "attn_k.weight", (nkv * hd, e), np.float16, 0.02),
                 (p + "attn_k.bias", (nkv * hd,), np.float32, 0.0),
                 (p + "attn_v.weight", (nkv * hd, e), np.float16, 0.02),
                 (p + "attn_v.bias", (nkv * hd,), np.float32, 0.0),
                 (p + "attn_output.weight", (e, nh * hd), np.float16, 0.02),
                 (p + "ffn_norm.weight", (e,), np.float32, None),
                 (p + "ffn_gate.weight", (ff, e), np.float16, 0.02),
                 (p + "ffn_up.weight", (ff, e), np.float16, 0.02),
                 (p + "ffn_down.weight", (e, ff), np.float16, 0.02)]
    plan += [("output_norm.weight", (e,), np.float32, None),
             ("output.weight", (nv, e), np.float16, 1.0)]
    for name, shp, dt, _ in plan:
        w.add_tensor_info(name, shp, np.dtype(dt), int(np.prod(shp)) * np.dtype(dt).itemsize)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_ti_data_to_file()
    t0 = time.time()
    for k, (_name, shp, dt, scale) in enumerate(plan):
        if scale is None:
            arr = np.ones(shp, dtype=dt)
        elif scale == 0.0:
            arr = np.zeros(shp, dtype=dt)
        else:
            arr = (rng.standard_normal(shp, dtype=np.float32) * scale).astype(dt)
        w.write_tensor_data(arr)
        if k % 24 == 0:
            print(f"  {k + 1}/{len(plan)} tensors ({time.time() - t0:.0f} s)", file=sys.stderr)
    w.close()
    return path


def quantize(src: Path, dst: Path, threads: int) -> None:
    import llama_cpp
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
    params.nthread = threads
    rc = llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), ctypes.byref(params))
    if rc != 0:
        raise SystemExit(f"llama_model_quantize failed (code {rc})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=".", help="folder for the model (default: here)")
    ap.add_argument("--keep-f16", action="store_true", help="keep the ~15 GB f16 file")
    ap.add_argument("--tiny", action="store_true", help="a 2-layer check of this script")
    ap.add_argument("--layers", type=int, default=None,
                    help="with --tiny: this many layers (the GPU-rate proxy of "
                         "bench_served_overhead.py takes as many as bring llama_decode to the "
                         "4-5 ms a token of a 7B on a GPU)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 4)
    args = ap.parse_args()
    out = Path(args.out).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    shape = dict(TINY) if args.tiny else dict(QWEN25_7B)
    if args.layers:
        shape["n_layer"] = args.layers
    stem = ("qwen2.5-7b-shapes" if not args.tiny else "qwen2.5-tiny-shapes"
            if not args.layers else f"qwen2.5-tiny-{args.layers}l-shapes")
    f16 = out / f"{stem}-f16.gguf"
    q4 = out / f"{stem}-q4_k_m.gguf"
    t0 = time.time()
    print(f"writing {f16} ...", file=sys.stderr)
    write_f16(f16, shape)
    print(f"quantizing to Q4_K_M: {q4} ...", file=sys.stderr)
    quantize(f16, q4, args.threads)
    if not args.keep_f16:
        f16.unlink()
    print(f"done in {time.time() - t0:.0f} s: {q4} ({q4.stat().st_size / 1e9:.2f} GB)",
          file=sys.stderr)
    print(q4)
    return 0


if __name__ == "__main__":
    sys.exit(main())
