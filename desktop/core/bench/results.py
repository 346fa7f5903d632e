"""Bench results: what one model measured (ModelRun), a whole run (BenchResult), the Markdown
tables shaped like the comparison articles', the JSON form, and the stored history."""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT = "ember-bench/1"
CATEGORY_ORDER = ("implement", "rewrite", "fix-bug", "api-json")
LANG_ORDER = ("en", "zh", "ja")


# ------------------------------------------------------------------------------ formatting
def size_label(n: int) -> str:
    return f"{n // 1024}K" if n >= 1024 and n % 1024 == 0 else str(n)


def fmt_s(x: float | None) -> str:
    if x is None:
        return "n/a"
    if x < 10:
        return f"{x:.2f} s"
    if x < 100:
        return f"{x:.1f} s"
    return f"{x:.0f} s"


def fmt_tps(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:.1f}" if x < 1000 else f"{x:,.0f}"


def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "n/a"
    if n >= 1 << 30:
        return f"{n / (1 << 30):.2f} GiB"
    return f"{n / (1 << 20):.0f} MiB"


def fmt_rate(passed: int, total: int) -> str:
    if not total:
        return "n/a"
    return f"{passed}/{total} ({100 * passed / total:.0f}%)"


def checked_cell(r) -> str:
    """pass@1 with "check my code" (the answer's own tests, up to 2 repair rounds)."""
    c = r.coding or {}
    if "checked_total" not in c:
        return "—"
    return fmt_rate(c.get("checked_passed", 0), c.get("checked_total", 0))


def coding_cell(r) -> str:
    """The coding pass rate, marked "not isolated" when the model's code ran (or would have
    run) without the OS sandbox."""
    if not r.coding:
        return "—"
    text = fmt_rate(*r.coding_rate())
    if r.coding.get("isolated") is False:
        text = (text + " (not isolated)") if r.coding.get("total") else "not run (not isolated)"
    return text


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return out


# ----------------------------------------------------------------------------- one model
@dataclass
class ModelRun:
    label: str
    model: dict = field(default_factory=dict)      # name, path, architecture, n_params, size
    load: dict = field(default_factory=dict)       # n_ctx, threads, GPU layers, plan sentence
    speed: list[dict] = field(default_factory=list)
    coding: dict | None = None
    json: dict | None = None
    long_doc: dict | None = None
    humaneval: dict | None = None                  # `--suite humaneval` (humaneval.py)
    native: dict | None = None
    memory: dict = field(default_factory=dict)     # peak_rss, peak_vram, vram_method
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False
    started: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ModelRun":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    # ---- figures the tables use
    def speed_row(self, size: int) -> dict | None:
        for r in self.speed:
            if r.get("size") == size:
                return r
        return None

    def first_measured(self) -> dict | None:
        rows = [r for r in self.speed if not r.get("skipped") and r.get("ttft_s") is not None]
        return min(rows, key=lambda r: r["size"]) if rows else None

    def coding_rate(self) -> tuple[int, int]:
        if not self.coding:
            return 0, 0
        return self.coding.get("passed", 0), self.coding.get("total", 0)

    def json_rate(self, mode: str) -> tuple[int, int]:
        m = (self.json or {}).get("modes", {}).get(mode)
        return (m["valid"], m["total"]) if m else (0, 0)

    def summary(self) -> dict:
        """The headline numbers (history and comparisons)."""
        first = self.first_measured() or {}
        p, t = self.coding_rate()
        jo, jt = self.json_rate("off")
        no, nt = self.json_rate("on")
        return {"ttft_s": first.get("ttft_s"), "decode_tps": first.get("decode_tps"),
                "prefill_tps": first.get("prefill_tps"), "full_response_s": first.get("total_s"),
                "peak_rss": self.memory.get("peak_rss"), "peak_vram": self.memory.get("peak_vram"),
                "coding": [p, t], "json_off": [jo, jt], "json_on": [no, nt],
                "long_doc": None if not self.long_doc else bool(self.long_doc.get("found")),
                "humaneval": None if not self.humaneval else
                [self.humaneval.get("passed", 0), self.humaneval.get("total", 0)]}


def _speed_cell(run: ModelRun, size: int) -> str:
    r = run.speed_row(size)
    if r is None:
        return "—"
    if r.get("skipped"):
        return "skipped"
    if r.get("ttft_s") is None:
        return "n/a"
    shown = fmt_s(r["ttft_s"])
    if r.get("prompt_tokens") and r["prompt_tokens"] != size:
        shown += f" ({r['prompt_tokens']:,} tok)"
    return shown


def _long_doc_cell(run: ModelRun) -> str:
    ld = run.long_doc
    if not ld:
        return "—"
    if ld.get("skipped"):
        return "skipped"
    verdict = "found" if ld.get("found") else "missed"
    return f"{verdict} ({ld.get('prompt_tokens', 0):,} tok)"


# ------------------------------------------------------------------------------ the whole run
@dataclass
class BenchResult:
    runs: list[ModelRun] = field(default_factory=list)
    machine: dict = field(default_factory=dict)
    config: dict = field(default_factory=dict)
    created: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    cancelled: bool = False
    versions: dict = field(default_factory=dict)   # ember, llama-cpp-python

    # ---- JSON
    def as_dict(self) -> dict:
        return {"format": FORMAT, "created": self.created, "cancelled": self.cancelled,
                "versions": self.versions, "machine": self.machine, "config": self.config,
                "runs": [r.as_dict() for r in self.runs]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict) -> "BenchResult":
        if d.get("format") != FORMAT:
            raise ValueError(f"not an Ember bench result (format {d.get('format')!r})")
        return cls(runs=[ModelRun.from_dict(r) for r in d.get("runs", [])],
                   machine=d.get("machine", {}), config=d.get("config", {}),
                   created=d.get("created", ""), cancelled=bool(d.get("cancelled")),
                   versions=d.get("versions", {}))

    @classmethod
    def load(cls, path: str | Path) -> "BenchResult":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def write_json(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        os.replace(tmp, path)
        return path

    def save(self, folder: str | Path) -> list[Path]:
        """One file per model: <folder>/<YYYYmmdd-HHMMSS>-<model>.json."""
        folder = Path(folder)
        stamp = time.strftime("%Y%m%d-%H%M%S", _parse_time(self.created))
        out = []
        for r in self.runs:
            slug = re.sub(r"[^A-Za-z0-9._-]+", "-", r.model.get("name") or r.label).strip("-")[:60]
            one = BenchResult([r], self.machine, self.config, self.created,
                              self.cancelled or r.cancelled, self.versions)
            path = folder / f"{stamp}-{slug or 'model'}.json"
            n = 2
            while path.exists():
                path = folder / f"{stamp}-{slug or 'model'}-{n}.json"
                n += 1
            out.append(one.write_json(path))
        return out

    # ---- Markdown
    def sizes(self) -> list[int]:
        sizes = self.config.get("sizes") or sorted({r["size"] for m in self.runs for r in m.speed})
        return list(sizes)

    def summary_table(self) -> str:
        """One row per model, the articles' columns."""
        sizes = self.sizes()
        resp = self.config.get("response_tokens", 256)
        first = size_label(sizes[0]) if sizes else "512"
        header = (["Model"] + [f"TTFT {size_label(s)}" for s in sizes] +
                  ["Decode tok/s", f"Prompt tok/s ({first})",
                   f"Full response ({first} → {resp} tok)", "Peak VRAM", "Peak RAM",
                   "Coding pass@1", "pass@1 checked", "JSON valid (mode off)",
                   "JSON valid (mode on)", "Long doc"])
        rows = []
        for r in self.runs:
            f = r.first_measured() or {}
            full = fmt_s(f.get("total_s"))
            if f and f.get("completion_tokens") and f["completion_tokens"] < resp:
                full += f" ({f['completion_tokens']} tok)"
            vram = r.memory.get("peak_vram")
            rows.append([r.label + (" (cancelled)" if r.cancelled else "")]
                        + [_speed_cell(r, s) for s in sizes]
                        + [fmt_tps(f.get("decode_tps")), fmt_tps(f.get("prefill_tps")), full,
                           fmt_bytes(vram) if vram is not None else "n/a",
                           fmt_bytes(r.memory.get("peak_rss")),
                           coding_cell(r), checked_cell(r),
                           fmt_rate(*r.json_rate("off")) if r.json else "—",
                           fmt_rate(*r.json_rate("on")) if r.json else "—",
                           _long_doc_cell(r)])
        if any(r.humaneval for r in self.runs):  # `--suite humaneval`: its column
            from .humaneval import cell
            header.append("HumanEval pass@1")
            for row, r in zip(rows, self.runs, strict=True):
                row.append(cell(r.humaneval))
        return "\n".join(_table(header, rows))

    def markdown(self, *, details: bool = True) -> str:
        m = self.machine
        lines = ["## Ember bench" + (" (cancelled: partial results)" if self.cancelled else ""),
                 "", f"Machine: {m.get('description', 'unknown')}", ""]
        cfg = self.config
        if cfg:
            kind = "quick" if cfg.get("quick") else "full"
            if cfg.get("humaneval"):
                kind = "HumanEval" + (" (quick settings)" if cfg.get("quick") else "")
            lines += [f"Run: {self.created} · {kind} · "
                      f"llama-cpp-python {self.versions.get('llama_cpp', '?')} · "
                      f"greedy decoding · answers up to {cfg.get('coding_max_tokens')} tokens "
                      f"(code) / {cfg.get('json_max_tokens')} (JSON)", ""]
        lines += [self.summary_table(), ""]
        if details:
            for r in self.runs:
                lines += self._details(r)
        return "\n".join(lines).rstrip() + "\n"

    def _details(self, r: ModelRun) -> list[str]:
        ld = r.load
        out = [f"### {r.label}", ""]
        if ld:
            where = (f"{ld.get('n_gpu_layers')} of {ld.get('n_layers')} layers on the GPU"
                     if ld.get("n_gpu_layers") else "CPU only")
            out += [f"{r.model.get('name', '')} · {fmt_bytes(r.model.get('size_bytes'))} · "
                    f"{where} · context {ld.get('n_ctx', 0):,} · {ld.get('threads')} threads · "
                    f"flash attention {ld.get('flash_attn')} · KV {ld.get('kv_type')} · "
                    f"loaded in {fmt_s(ld.get('load_s'))}", ""]
        out += self._speed_details(r) + self._coding_details(r) + self._other_details(r)
        if r.humaneval:
            from .humaneval import report_lines
            out += report_lines(r.humaneval)
        notes = list(r.notes) + [f"error: {e}" for e in r.errors]
        if notes:
            out += ["Notes:"] + [f"- {n}" for n in notes] + [""]
        return out

    def _speed_details(self, r: ModelRun) -> list[str]:
        """The speed table of one model's runs, and how they were run."""
        out: list[str] = []
        if r.speed:
            rows = []
            for s in r.speed:
                if s.get("skipped"):
                    rows.append([size_label(s["size"]), "—", "skipped: " + s["skipped"],
                                 "", "", "", "", "", "", ""])
                    continue
                share = s.get("cpu_share")
                rows.append([size_label(s["size"]), f"{s.get('prompt_tokens', 0):,}",
                             fmt_s(s.get("ttft_s")), fmt_tps(s.get("prefill_tps")),
                             fmt_tps(s.get("decode_tps")), str(s.get("completion_tokens", "")),
                             fmt_s(s.get("total_s")), fmt_bytes(s.get("peak_rss")),
                             fmt_bytes(s.get("peak_vram")) if s.get("peak_vram") is not None
                             else "n/a", f"{100 * share:.0f}%" if share is not None else "n/a"])
            out += _table(["Prompt", "Tokens", "TTFT (cold)", "Prompt tok/s", "Decode tok/s",
                           "Generated", "Full response", "Peak RAM", "Peak VRAM", "CPU share"],
                          rows)
            measured = [s for s in r.speed if not s.get("skipped")]
            runs = "; ".join(f"{size_label(s['size'])}: {s.get('runs', 1)} run"
                             + ("s, median" if s.get("runs", 1) > 1 else "") for s in measured)
            out += ["", f"Each run starts from an empty KV cache ({runs}). CPU share: the CPU "
                        "time Ember's threads got "
                        "of what they asked for (CPU inference; near 100% on an idle machine).",
                    ""]
        return out

    def _coding_details(self, r: ModelRun) -> list[str]:
        """The coding suite's pass rates, Check my code, the outcomes, the sandbox."""
        out: list[str] = []
        if r.coding:
            c = r.coding
            cats = c.get("by_category", {})
            langs = c.get("by_lang", {})
            header = [k for k in CATEGORY_ORDER if k in cats] + [k for k in LANG_ORDER if k in langs]
            vals = [fmt_rate(*cats[k]) for k in CATEGORY_ORDER if k in cats] + \
                   [fmt_rate(*langs[k]) for k in LANG_ORDER if k in langs]
            out += _table(["Coding"] + header + ["all"],
                          [["pass@1"] + vals + [fmt_rate(c.get("passed", 0), c.get("total", 0))]])
            if "checked_total" in c:
                sc = c.get("self_checks", {})
                out += ["", f"Check my code (the answer's own tests in the sandbox, up to "
                            f"{c.get('check_rounds', 2)} repair rounds): pass@1 "
                            f"{fmt_rate(c['checked_passed'], c['checked_total'])} against the "
                            f"hidden tests, {c.get('repaired', 0)} answer(s) repaired; own tests "
                            + ", ".join(f"{k} {v}" for k, v in sorted(sc.items()))]
            st = c.get("statuses", {})
            if st:
                out += ["", "Outcomes: " + ", ".join(f"{k} {v}" for k, v in
                                                     sorted(st.items(), key=lambda kv: -kv[1]))]
            if c.get("isolated") is False:
                out += ["", "**Not isolated:** " + (c.get("isolation_reason") or "no OS sandbox")
                        + (". The model's code ran as a plain process (a best-effort audit hook "
                           "only)." if c.get("total") else ". The coding suite did not run.")]
            elif c.get("isolation"):
                out += ["", f"The model's code ran in Ember's sandbox ({c['isolation']})."]
            out += [""]
        return out

    def _other_details(self, r: ModelRun) -> list[str]:
        """JSON mode, the long document, the native comparison."""
        out: list[str] = []
        if r.json:
            rows = []
            for mode in ("off", "on"):
                m = r.json.get("modes", {}).get(mode)
                if m:
                    rows.append([f"JSON mode {mode}", fmt_rate(m["parsed"], m["total"]),
                                 fmt_rate(m["valid"], m["total"])])
            out += _table(["", "Parses as JSON", "Valid against the schema"], rows) + [""]
        if r.long_doc and not r.long_doc.get("skipped"):
            d = r.long_doc
            out += [f"Long document: a fact planted at {100 * d.get('depth', 0):.0f}% of a "
                    f"{d.get('prompt_tokens', 0):,}-token prompt: "
                    f"{'found' if d.get('found') else 'not found'}"
                    f"{' (exact answer)' if d.get('exact') else ''}; TTFT "
                    f"{fmt_s(d.get('ttft_s'))}; answer: {json.dumps(d.get('answer', '')[:120], ensure_ascii=False)}", ""]
        if r.native:
            n = r.native
            if n.get("error"):
                out += [f"Native llama-bench: not measured ({n['error']}).", ""]
            else:
                def ratio(x):
                    return f"**{x:.3f}x**" if x else "n/a"
                out += _table(["Native comparison", "Ember", "llama-bench", "Ember / native"],
                              [["prompt tok/s (pp512)", fmt_tps(n.get("ember_pp512_tps")),
                                fmt_tps(n.get("pp512_tps")), ratio(n.get("pp_ratio"))],
                               ["decode tok/s (tg128 @ 512)", fmt_tps(n.get("ember_tg128_tps")),
                                fmt_tps(n.get("tg128_tps")), ratio(n.get("tg_ratio"))]]) + [""]
        return out


def _parse_time(s: str) -> time.struct_time:
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"):
        try:
            return time.strptime(s, fmt)
        except (ValueError, TypeError):
            continue
    return time.localtime()


# ------------------------------------------------------------------------------- history
def bench_dir() -> Path:
    from .. import paths
    d = paths.data_dir() / "bench"
    d.mkdir(parents=True, exist_ok=True)
    return d


def history(folder: str | Path | None = None) -> list[tuple[Path, BenchResult]]:
    """Stored runs, oldest first (files that are not bench results are skipped)."""
    folder = Path(folder) if folder is not None else bench_dir()
    out = []
    for p in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            out.append((p, BenchResult.load(p)))
        except (OSError, ValueError, TypeError, KeyError):
            continue
    out.sort(key=lambda pr: (pr[1].created, pr[0].name))
    return out


def history_table(entries: list[tuple[Path, BenchResult]]) -> str:
    rows = []
    for i, (p, res) in enumerate(entries, 1):
        for r in res.runs:
            s = r.summary()
            rows.append([str(i), res.created[:16].replace("T", " "), r.label[:40],
                         ("humaneval" if res.config.get("humaneval") else
                          "quick" if res.config.get("quick") else "full")
                         + (" (interrupted)" if res.config.get("partial") else
                            " (cancelled)" if res.cancelled else ""),
                         fmt_s(s["ttft_s"]), fmt_tps(s["decode_tps"]), fmt_tps(s["prefill_tps"]),
                         coding_cell(r) if r.coding or not r.humaneval else
                         "HumanEval " + fmt_rate(*s["humaneval"]),
                         fmt_rate(*s["json_off"]) if r.json else "—",
                         fmt_rate(*s["json_on"]) if r.json else "—",
                         "—" if s["long_doc"] is None else ("found" if s["long_doc"] else "missed"),
                         (res.machine.get("short") or "")[:40], p.name])
    return "\n".join(_table(["#", "When", "Model", "Kind", "TTFT", "Decode tok/s", "Prompt tok/s",
                             "Coding", "JSON off", "JSON on", "Long doc", "Machine", "File"], rows))


def compare_table(old: BenchResult, new: BenchResult) -> str:
    """Headline numbers of two runs side by side, with the change, model by model."""
    lines = []
    keys = ("quick", "humaneval", "sizes", "response_tokens", "coding_max_tokens",
            "json_max_tokens")
    differ = [k for k in keys if old.config.get(k) != new.config.get(k)]
    if differ:
        lines += [f"Note: the two runs used different settings ({', '.join(differ)}): some "
                  "changes below come from that, not from the model or Ember.", ""]
    by_model = {r.model.get("name") or r.label: r for r in old.runs}
    for r in new.runs:
        o = by_model.get(r.model.get("name") or r.label)
        if o is None and len(old.runs) == 1 and len(new.runs) == 1:
            o = old.runs[0]
        if o is None:
            continue
        a, b = o.summary(), r.summary()

        def num(key, fmt, a=a, b=b):
            x, y = a.get(key), b.get(key)
            if x is None or y is None or not x:
                return [fmt(x), fmt(y), ""]
            return [fmt(x), fmt(y), f"{100 * (y - x) / x:+.1f}%"]

        def rate(key, a=a, b=b):
            (p0, t0), (p1, t1) = a[key], b[key]
            return [fmt_rate(p0, t0), fmt_rate(p1, t1),
                    f"{100 * (p1 / t1 - p0 / t0):+.0f} pts" if t0 and t1 else ""]

        rows = [["TTFT"] + num("ttft_s", fmt_s), ["Decode tok/s"] + num("decode_tps", fmt_tps),
                ["Prompt tok/s"] + num("prefill_tps", fmt_tps),
                ["Full response"] + num("full_response_s", fmt_s),
                ["Peak RAM"] + num("peak_rss", fmt_bytes),
                ["Peak VRAM"] + num("peak_vram", fmt_bytes),
                ["Coding pass@1"] + rate("coding"), ["JSON valid (off)"] + rate("json_off"),
                ["JSON valid (on)"] + rate("json_on")]
        if a.get("humaneval") and b.get("humaneval"):
            rows.append(["HumanEval pass@1"] + rate("humaneval"))
        lines += [f"{r.label}: {old.created} → {new.created}", ""]
        lines += _table(["", "before", "after", "change"], rows) + [""]
    if not any(line.startswith("|") for line in lines):
        return "The two runs have no model in common."
    return "\n".join(lines)
