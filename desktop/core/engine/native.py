"""llama.cpp's side: setting maps, its log (kept to explain failed loads), the AMX guard.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

import collections
import ctypes
import logging
import os
import re

import llama_cpp

from .. import ggml_backends

KV_TYPES = {
    "f32": llama_cpp.GGML_TYPE_F32,
    "f16": llama_cpp.GGML_TYPE_F16,
    "q8_0": llama_cpp.GGML_TYPE_Q8_0,
    "q4_0": llama_cpp.GGML_TYPE_Q4_0,
}
FLASH_ATTN = {
    "auto": llama_cpp.LLAMA_FLASH_ATTN_TYPE_AUTO,
    "on": llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED,
    "off": llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED,
}
ROPE_SCALING = {
    None: llama_cpp.LLAMA_ROPE_SCALING_TYPE_UNSPECIFIED,
    "none": llama_cpp.LLAMA_ROPE_SCALING_TYPE_NONE,
    "linear": llama_cpp.LLAMA_ROPE_SCALING_TYPE_LINEAR,
    "yarn": llama_cpp.LLAMA_ROPE_SCALING_TYPE_YARN,
}


# --------------------------------------------------------------------------- llama.cpp's log
class _NativeLog:
    """Keeps llama.cpp's recent log lines (to explain failed loads) and forwards them to logging.

    Replaces llama-cpp-python's callback, which prints to stderr: a desktop app has no console."""

    # ggml_log_level: NONE=0 DEBUG=1 INFO=2 WARN=3 ERROR=4 CONT=5 (continues the previous line)
    _LEVELS = {0: logging.DEBUG, 1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING,
               4: logging.ERROR}

    def __init__(self) -> None:
        self.lines: collections.deque[str] = collections.deque(maxlen=5000)  # a 7B load logs ~1,000 lines
        self.count = 0
        self._partial = ""
        self._native = logging.getLogger("ember.llama_cpp")
        self._last_level = logging.DEBUG

        @llama_cpp.llama_log_callback
        def _callback(level, text, _user):
            try:
                s = text.decode("utf-8", errors="replace")
            except Exception:  # never let an exception cross into C
                return
            lvl = self._LEVELS.get(level, self._last_level)
            self._last_level = lvl
            s = self._partial + s
            parts = s.split("\n")
            self._partial = parts.pop()
            for line in parts:
                self.lines.append(line)
                self.count += 1
                self._native.log(lvl, "%s", line)

        self._callback = _callback  # keep a reference: C holds only the pointer
        llama_cpp.llama_log_set(self._callback, ctypes.c_void_p(0))

    def since(self, mark: int) -> list[str]:
        n = self.count - mark
        lines = list(self.lines)
        if self._partial:
            lines.append(self._partial)
            n += 1
        return lines[-n:] if n > 0 else []


NATIVE_LOG = _NativeLog()

# a GGML_BACKEND_DL build (Ember's CUDA build): register its backend modules now, with the log
# above catching why CUDA could not start (no driver, a driver too old)
_mark = NATIVE_LOG.count
ggml_backends.load()
ggml_backends.note_log(NATIVE_LOG.since(_mark))


def _extra_bufts_safe() -> bool:
    """False on CPUs with AMX (see Engine.load); EMBER_EXTRA_BUFTS=1/0 overrides."""
    env = os.environ.get("EMBER_EXTRA_BUFTS")
    if env in ("0", "1"):
        return env == "1"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return "amx_tile" not in line.split()
    except OSError:
        pass
    return True


def guard_llama_defaults() -> None:
    """Make llama-cpp-python's own `Llama` class (used by tests and benchmarks as the
    reference) load with the same extra-buffer-type choice as Engine.load."""
    orig = llama_cpp.llama_model_default_params
    if getattr(orig, "_ember_guarded", False):
        return

    def params():
        p = orig()
        p.use_extra_bufts = _extra_bufts_safe()
        return p

    params._ember_guarded = True  # type: ignore[attr-defined]  # a mark on the function
    llama_cpp.llama_model_default_params = params
    import llama_cpp.llama as _llama_mod
    if hasattr(_llama_mod, "llama_cpp"):
        _llama_mod.llama_cpp.llama_model_default_params = params


_BUFFER_RE = re.compile(r"(\S+)\s+(model|KV|compute|output) buffer size\s*=\s*([\d.]+) MiB")
_BUFFER_KIND = {"model": "model", "KV": "kv", "compute": "compute", "output": "output"}


def reported_buffers(lines: list[str]) -> dict[str, dict[str, int]]:
    """What llama.cpp says it allocated, from its load log: {"model" | "kv" | "compute" |
    "output": {buffer type: bytes}}, e.g. {"model": {"CPU_Mapped": ..., "CUDA0": ...},
    "kv": {"CUDA0": ...}}. A buffer type named twice (a split model's shards) is summed."""
    out: dict[str, dict[str, int]] = {k: {} for k in _BUFFER_KIND.values()}
    for line in lines:
        m = _BUFFER_RE.search(line)
        if m:
            kind = _BUFFER_KIND[m.group(2)]
            dev = m.group(1)
            out[kind][dev] = out[kind].get(dev, 0) + int(round(float(m.group(3)) * (1 << 20)))
    return out


_DEVICE_RE = re.compile(r"using device (\S+) \((.*)\) \([^()]*\) - \d+ MiB free")


def used_devices(lines: list[str]) -> list[str]:
    """The devices llama.cpp said a load uses, from its log: ["Vulkan0 (llvmpipe (LLVM 19.1.7,
    256 bits))"], ["CUDA0 (NVIDIA GeForce RTX 3060)"]; [] on the CPU."""
    out = []
    for line in lines:
        m = _DEVICE_RE.search(line)
        if m and f"{m.group(1)} ({m.group(2)})" not in out:
            out.append(f"{m.group(1)} ({m.group(2)})")
    return out


_MAX_TOKEN_RE = re.compile(r"max token length\s*=\s*(\d+)")


def max_token_bytes(lines: list[str]) -> int:
    """The vocabulary's longest token in bytes, as llama.cpp's load log says it ("max token
    length = 48" for Gemma 3); 0 when it did not say. A text of more than n_ctx times this
    many bytes cannot fit in the context, whatever its tokens."""
    for line in lines:
        m = _MAX_TOKEN_RE.search(line)
        if m:
            return int(m.group(1))
    return 0


def _last_error(lines: list[str]) -> str:
    for line in reversed(lines):
        low = line.lower()
        if "error" in low or "failed" in low:
            msg = re.sub(r"^\S+:\s*", "", line.strip())
            return f" (llama.cpp: {msg})"
    return ""


def _decode_failure(what: str, rc: int) -> str:
    """llama_decode's codes: -2 is a failed allocation (llama.h: "fatal error")."""
    if rc == -2:
        why = _last_error(NATIVE_LOG.since(max(0, NATIVE_LOG.count - 20)))
        return (f"llama.cpp ran out of memory while trying to {what} (code -2){why}. "
                "Load the model with fewer GPU layers or a smaller context.")
    return f"llama.cpp failed to {what} (code {rc})."
