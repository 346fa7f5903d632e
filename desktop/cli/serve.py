"""`ember serve`: the engine process (desktop/core/server), headless or for a window."""
from __future__ import annotations

import argparse
import logging


def register(sub) -> None:
    sv = sub.add_parser("serve", help="run the engine: an OpenAI-compatible API for the window, "
                                      "the terminal and your editor")
    sv.add_argument("--model", "-m", default=None,
                    help="the model to load at start (default: the default model; 'none': none)")
    sv.add_argument("--port", type=int, default=None,
                    help="also listen on this TCP port on 127.0.0.1 for editors and scripts")
    sv.add_argument("--api-key", default=None, help="require this bearer token on --port")
    sv.add_argument("--host", default=None, metavar="ADDRESS",
                    help="a team's engine: listen on ADDRESS (e.g. 0.0.0.0) at --port (default "
                         "8080) for clients with a key from `ember keys create`")
    sv.add_argument("--tls-cert", default=None, metavar="FILE",
                    help="with --host: serve HTTPS with this certificate (PEM; its key inside "
                         "or in --tls-key)")
    sv.add_argument("--tls-key", default=None, metavar="FILE")
    sv.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                    help="a web page origin allowed to call the API (cross-origin requests are "
                         "refused otherwise)")
    sv.add_argument("--socket", default=None, help="the private Unix socket's path")
    sv.add_argument("--private-tcp", action="store_true",
                    help="private channel on loopback TCP with a random token (where there are "
                         "no Unix sockets)")
    sv.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    sv.add_argument("--private", action="store_true", help=argparse.SUPPRESS)
    sv.add_argument("--ctx", type=int, default=None)
    sv.add_argument("--gpu-layers", type=int, default=None)
    sv.add_argument("--threads", type=int, default=None)
    sv.add_argument("--kv-type", choices=["f16", "q8_0", "q4_0"], default=None)
    sv.add_argument("--flash-attn", choices=["auto", "on", "off"], default=None)
    sv.add_argument("--parallel", "-np", type=_parallel, default=1, metavar="N|auto",
                    help="decode up to N requests together in one context (default 1; auto: "
                         "the planner's choice for the device and the context)")
    sv.add_argument("--speculative", choices=["off", "lookup", "draft"], default=None,
                    help="speculative decoding: drafts from the prompt (lookup) or from a small "
                         "model of the same family (draft, with --draft-model); default off "
                         "(docs/benchmarks.md: where it gains)")
    sv.add_argument("--draft-model", default=None, metavar="MODEL",
                    help="the draft model: a catalog id (e.g. qwen2.5-0.5b-instruct) or a .gguf "
                         "(implies --speculative draft)")
    sv.add_argument("--draft-max", type=int, default=None, metavar="N",
                    help="drafts per step, at most (default 6)")
    sv.add_argument("--load-wait", type=float, default=120.0, metavar="SECONDS",
                    help="how long a request that arrives while a model loads waits for it "
                         "before a 503 'Loading model' with Retry-After (default 120)")

    sv.set_defaults(func=run_serve)


def _parallel(value: str):
    if value == "auto":
        return "auto"
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("--parallel takes a number or 'auto'") from None


def run_serve(args) -> int:
    from ..core.errors import EmberError
    from ..core.server.run import HAS_UNIX_SOCKETS, ServeOptions, serve
    if args.parallel != "auto" and not 1 <= args.parallel <= 64:
        raise EmberError("--parallel must be between 1 and 64, or auto.")
    if not 0 <= args.load_wait <= 24 * 3600:
        raise EmberError("--load-wait must be between 0 and 86400 seconds.")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise EmberError("--port must be between 0 and 65535.")
    if (args.tls_cert or args.tls_key) and not args.host:
        raise EmberError("--tls-cert goes with --host (the loopback port is plain HTTP).")
    logging.getLogger("ember").setLevel(logging.INFO)
    logging.getLogger("ember.llama_cpp").setLevel(logging.INFO)  # its log explains a crash
    model = "" if (args.model or "").lower() == "none" else args.model
    from ..core.engine.speculative import SpeculativeSettings
    mode = args.speculative or ("draft" if args.draft_model else "off")
    spec = SpeculativeSettings(mode=mode, draft_path=args.draft_model)
    if args.draft_max is not None:
        spec.n_max = args.draft_max
    if mode != "draft" and args.draft_model:
        raise EmberError("--draft-model goes with --speculative draft.")
    spec.check()
    if mode != "off" and args.parallel != "auto" and args.parallel > 1:
        raise EmberError("--speculative decodes one stream: it cannot be combined with "
                         "--parallel above 1 yet.")
    return serve(ServeOptions(
        model=model, socket_path=args.socket, private_tcp=args.private_tcp or not HAS_UNIX_SOCKETS,
        port=args.port, parent_pid=args.parent_pid, allowed_origins=tuple(args.allow_origin),
        ctx=args.ctx, gpu_layers=args.gpu_layers, threads=args.threads, kv_type=args.kv_type,
        flash_attn=args.flash_attn, api_key=args.api_key, private=args.private,
        parallel=args.parallel, speculative=spec, host=args.host, tls_cert=args.tls_cert,
        tls_key=args.tls_key, load_wait_s=args.load_wait))
