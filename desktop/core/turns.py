"""What a turn is made of, without llama.cpp: load and sampling settings, a turn's metrics, the
loaded model's description, the streamed Turn and the stop-string matcher.

Qt-free and llama.cpp-free, so the window and other clients of the engine process can use them
(desktop/core/engine re-exports them for code that holds an Engine)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Generator, Iterator, Sequence

from .hardware import physical_cores
from .settings import DEFAULTS as _D
from .texts import tr


# ------------------------------------------------------------------------------ settings
@dataclass
class LoadSettings:
    """How to load a model. Defaults suit a CPU; the planner (issue 3) fills in GPU choices."""
    n_ctx: int = 4096             # 0 = the model's training context
    n_gpu_layers: int = -1        # -1 = all layers the build can offload; 0 = CPU only
    n_threads: int | None = None  # None = physical cores
    n_threads_batch: int | None = None
    n_batch: int = 512            # prompt tokens per llama_decode call (a cancel point)
    n_ubatch: int = 512
    flash_attn: str = "auto"      # auto | on | off
    kv_type: str = "f16"          # f16 | q8_0 | q4_0 (K and V); a quantized V needs flash attention
    rope_scaling: str | None = None   # None (from the model) | yarn | linear | none
    rope_freq_scale: float = 0.0
    yarn_orig_ctx: int = 0
    use_mmap: bool = True
    seed: int = 0xFFFFFFFF        # LLAMA_DEFAULT_SEED: random
    # parallel streams (engine/parallel.py): sequences in one unified KV cache; above 1, CPU
    # weight repacking is off unless `repack` says otherwise (its kernels are not
    # batch-invariant: see parallel.py)
    n_seq_max: int = 1
    repack: bool | None = None    # None: on for one sequence, off for several

    def threads(self) -> tuple[int, int]:
        n = self.n_threads or physical_cores()
        return n, self.n_threads_batch or n


@dataclass
class SamplingSettings:
    # the defaults are the user settings' defaults (settings.DEFAULTS: one place)
    temperature: float = _D["temperature"]      # 0 = greedy
    top_k: int = _D["top_k"]
    top_p: float = _D["top_p"]
    min_p: float = _D["min_p"]
    repeat_penalty: float = _D["repeat_penalty"]
    repeat_last_n: int = 64
    max_tokens: int = _D["max_tokens"]          # -1 = until the context is full
    seed: int | None = None       # None = random
    # no end before this many tokens: end-of-generation tokens cannot be sampled, and stop
    # strings, the template's end-of-turn text and the repetition guard are not checked
    # (vLLM's `min_tokens`); the answer is at least min(min_tokens, max_tokens) tokens long
    # unless it is cancelled or the context fills
    min_tokens: int = _D["min_tokens"]
    ignore_eos: bool = False      # end-of-generation tokens are never sampled (llama-server's)
    # {token id: bias} added to the logits before sampling (OpenAI's logit_bias; -inf bans)
    logit_bias: dict[int, float] | None = None

    def suppress_eog(self, n_gen: int) -> bool:
        """Whether the token after `n_gen` generated ones may not be an end-of-generation one."""
        return self.ignore_eos or n_gen < self.min_tokens


@dataclass
class TurnMetrics:
    prompt_tokens: int = 0        # tokens in the whole prompt
    reused_tokens: int = 0        # of those, already in the KV cache from the previous turn
    processed_tokens: int = 0     # prompt tokens actually evaluated this turn
    completion_tokens: int = 0
    ttft_s: float | None = None   # request start -> first token sampled
    prefill_s: float = 0.0
    prefill_tps: float | None = None
    decode_s: float = 0.0         # first token -> last token
    decode_tps: float | None = None
    # of decode_s, the time inside llama_decode (one stream, no drafts): the rest of each
    # token's time is Ember's own (sampling, text, stop strings; docs/benchmarks.md, issue 29)
    llama_decode_s: float = 0.0
    total_s: float = 0.0
    finish_reason: str = ""       # stop | length | cancelled
    n_ctx: int = 0
    backend_sampling: bool = False  # the sampler chain ran in llama.cpp's graph (Engine)
    speculative: str = ""         # the drafter that ran: "" (none) | lookup | draft
    draft_tokens: int = 0         # drafts proposed
    draft_accepted: int = 0       # of those, kept (the answer has them)
    repetition: bool = False      # ended by the repetition guard (a base model's loop)
    # llama.cpp threads at the end of the turn, of the threads set (engine/threads.py: fewer
    # while other programs keep cores busy), and the cores those others used; 0/None: unknown
    threads: int = 0
    threads_max: int = 0
    cpu_others: float | None = None
    # the documents' parts retrieval sent with the question ('spec.pdf p. 1-4'; session.run_turn
    # sets it): the answer's "from:" line, kept with it in the store's metrics
    sources: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def threads_note(self) -> tuple[str, str] | None:
        """(a few words, a sentence) when the engine decoded on fewer threads than it was set to
        because other programs kept cores busy (engine/threads.py); None otherwise."""
        if not (self.threads and self.threads_max and self.threads < self.threads_max):
            return None
        short = tr("{threads} of {threads_max} threads: the CPU is busy").format(
            threads=self.threads, threads_max=self.threads_max)
        others = self.cpu_others if self.cpu_others is not None else 0.0
        long = tr("Other programs kept {others:.1f} cores busy, so Ember decoded on {threads} of "
                  "its {threads_max} threads: sharing a core with them would be slower. It takes "
                  "the threads back when the cores are free.").format(
            others=others, threads=self.threads, threads_max=self.threads_max)
        return short, long

    @classmethod
    def from_dict(cls, d: dict) -> "TurnMetrics":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (d or {}).items() if k in names})

    def summary(self) -> str:
        parts = []
        if self.ttft_s is not None:
            parts.append(f"TTFT {self.ttft_s * 1000:.0f} ms")
        if self.decode_tps is not None:
            parts.append(f"{self.decode_tps:.1f} tokens/s")
        parts.append(f"{self.completion_tokens} tokens")
        parts.append(f"prompt {self.prompt_tokens} ({self.processed_tokens} processed, "
                     f"{self.reused_tokens} reused)")
        parts.append(f"finish: {self.finish_reason}")
        return " · ".join(parts)


@dataclass
class ModelInfo:
    path: Path
    name: str
    architecture: str
    n_ctx: int
    n_ctx_train: int
    n_layers: int
    n_layers_offloaded: int | None
    n_params: int
    size_bytes: int
    chat_format: str              # "template" or the fallback's name
    notice: str | None            # e.g. the chat-template fallback, said once to the user
    gpu_offload_supported: bool
    threads: tuple[int, int]
    flash_attn: str
    kv_type: str
    # what llama.cpp reported allocating: {"model"|"kv"|"compute"|"output": {buffer: bytes}}
    buffers: dict = field(default_factory=dict)
    tool_calls: bool = False      # the chat template takes tools (<tool_call> format; issue 14)
    # the devices llama.cpp said it uses ("Vulkan0 (llvmpipe ...)", "CUDA0 (...)"); [] the CPU
    devices: list = field(default_factory=list)
    n_vocab: int = 0              # tokens in the vocabulary (0: not known, e.g. a remote's)
    max_token_bytes: int = 0      # its longest token (llama.cpp's log; 0: not known)

    @property
    def where(self) -> str:
        """Where the layers run: "18/18 layers on CUDA0 (NVIDIA GeForce RTX 3060)", "CPU"
        (llama.cpp counts the output head as a layer: 19 offloaded of 18)."""
        off = self.n_layers_offloaded
        if not off:
            return "CPU"
        dev = " + ".join(self.devices) if self.devices else "GPU"
        return f"{min(off, self.n_layers)}/{self.n_layers} layers on {dev}"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["path"] = str(self.path)
        d["threads"] = list(self.threads)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ModelInfo":
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["path"] = Path(kw["path"])
        kw["threads"] = tuple(kw.get("threads") or (1, 1))
        return cls(**kw)



# ----------------------------------------------------------------------------- the turn
class Turn:
    """One streamed answer. Iterate it for text pieces; `metrics` is complete afterwards.

    Stopping the iteration early (break / close()) counts as a cancel."""

    # set on engine.Engine's turns: what parallel.Scheduler needs to decode it in a batch
    # (engine/parallel.GenRequest; None: it cannot be), and a base model's prompt (base.py)
    request: Any
    base_prompt: Any

    def __init__(self, gen_factory: Callable[["Turn"], Generator[str, None, Any]]):
        self.metrics = TurnMetrics()
        self.text = ""
        self._gen = gen_factory(self)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()

    def run(self) -> str:
        for _ in self:
            pass
        return self.text


class _StopMatcher:
    """Holds back text that may be the start of a stop string; finds complete stops."""

    def __init__(self, stops: Sequence[str]):
        self.stops = [s for s in stops if s]
        self.keep = max((len(s) for s in self.stops), default=0) - 1
        self.pending = ""

    def feed(self, text: str) -> tuple[str, bool]:
        if not self.stops:
            return text, False
        buf = self.pending + text
        for s in self.stops:
            i = buf.find(s)
            if i >= 0:
                self.pending = ""
                return buf[:i], True
        # emit all but the longest suffix that is a prefix of some stop string
        hold = 0
        for s in self.stops:
            for k in range(min(len(s) - 1, len(buf)), 0, -1):
                if buf.endswith(s[:k]):
                    hold = max(hold, k)
                    break
        self.pending = buf[len(buf) - hold:] if hold else ""
        return buf[:len(buf) - hold], False

    def flush(self) -> str:
        out, self.pending = self.pending, ""
        return out


