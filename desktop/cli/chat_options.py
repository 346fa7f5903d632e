"""`ember chat`'s options as one typed, checked object (issue 26): what the terminal chat's
functions take instead of argparse's Namespace. `ChatOptions.from_args` checks every option
(a bad one is a clear EmberError before any model loads), loads --schema and reads the one-shot
prompt ('-': standard input)."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import EmberError
from ..core.turns import SamplingSettings


@dataclass(frozen=True)
class ChatOptions:
    model: str | None = None
    system: str | None = None
    prompt: str | None = None          # one-shot: its text; None: the interactive chat
    json: bool = False
    schema: dict | None = None         # --schema, loaded (implies JSON mode)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    # how a local model loads (None: the planner's choice)
    ctx: int | None = None
    gpu_layers: int | None = None
    threads: int | None = None
    flash_attn: str | None = None
    kv_type: str | None = None
    attach: tuple[str, ...] = ()
    # tools (agent/assemble.py) and --check
    tools: bool = False
    folder: str | None = None
    allow_write: bool = False
    mcp: tuple[str, ...] = ()
    check: int = 0
    # the history
    no_save: bool = False
    resume: int | None = None

    @property
    def json_mode(self) -> bool:
        return bool(self.json or self.schema is not None)

    @property
    def interactive(self) -> bool:
        return self.prompt is None

    @property
    def wants_tools(self) -> bool:
        return bool(self.tools or self.folder or self.allow_write or self.mcp)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> "ChatOptions":
        _check_args(args)
        schema = _load_schema(args.schema)
        prompt = None
        if args.prompt is not None:  # read and check the prompt before spending time on a load
            prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
            if not prompt.strip():
                raise EmberError("The prompt is empty.")
        resume = getattr(args, "resume", None)
        if resume is not None and prompt is not None:
            raise EmberError("--resume continues a conversation in the interactive chat: drop "
                             "--prompt.")
        sampling = SamplingSettings(
            temperature=args.temperature, top_k=args.top_k, top_p=args.top_p, min_p=args.min_p,
            repeat_penalty=args.repeat_penalty, max_tokens=args.max_tokens, seed=args.seed,
            min_tokens=args.min_tokens, ignore_eos=args.ignore_eos)
        return cls(model=args.model, system=args.system, prompt=prompt, json=bool(args.json),
                   schema=schema, sampling=sampling, ctx=args.ctx, gpu_layers=args.gpu_layers,
                   threads=args.threads, flash_attn=args.flash_attn, kv_type=args.kv_type,
                   attach=tuple(args.attach or ()), tools=bool(args.tools), folder=args.folder,
                   allow_write=bool(args.allow_write), mcp=tuple(args.mcp or ()),
                   check=int(getattr(args, "check", 0) or 0),
                   no_save=bool(getattr(args, "no_save", False)), resume=resume)


def _check_args(args) -> None:
    if args.max_tokens == 0 or args.max_tokens < -1:
        raise EmberError("--max-tokens must be a positive number, or -1 for no limit.")
    if args.min_tokens < 0 or (args.max_tokens > 0 and args.min_tokens > args.max_tokens):
        raise EmberError("--min-tokens must be between 0 and --max-tokens.")
    if (args.min_tokens or args.ignore_eos) and (args.json or args.schema or args.tools
                                                 or args.folder or args.mcp):
        raise EmberError("--min-tokens / --ignore-eos cannot be combined with --json, --schema "
                         "or tools: their grammar decides where the answer ends.")
    if args.allow_write and not args.folder:
        raise EmberError("--allow-write goes with --folder (the folder the model may write in).")
    if (args.tools or args.folder or args.mcp) and (args.json or args.schema):
        raise EmberError("--json / --schema and tools cannot be combined (both are a grammar).")
    if args.folder and not Path(args.folder).expanduser().is_dir():
        raise EmberError(f"--folder: {args.folder} is not a folder.")
    if args.ctx is not None and args.ctx < 0:
        raise EmberError("--ctx must be 0 (the model's own context) or a number of tokens.")
    if args.threads is not None and args.threads < 1:
        raise EmberError("--threads must be at least 1.")
    from ..core.settings import check
    for key in ("temperature", "top_k", "top_p", "min_p", "repeat_penalty", "max_tokens",
                "min_tokens"):   # the same rules as the settings file's (core/settings.TABLE)
        why = check(key, getattr(args, key))
        if why:
            raise EmberError(f"--{key.replace('_', '-')}: {why}.")
    if args.kv_type not in (None, "f16") and args.flash_attn == "off":
        raise EmberError(f"A {args.kv_type} KV cache needs flash attention: drop --flash-attn off.")


def _load_schema(value: str | None):
    if not value:
        return None
    p = Path(value).expanduser()
    text = p.read_text(encoding="utf-8") if p.exists() else value
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise EmberError(f"--schema is neither a JSON file nor valid JSON: {e}") from e
