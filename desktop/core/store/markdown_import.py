"""Import of Markdown chats: the Markdown Ember exports (export_markdown), read back.

Part of desktop/core/store (its __init__ tells the whole story).

Markdown keeps the visible thread only, so an import from it is the thread as it was shown:
the title, the system prompt, each question and answer in order, an answer's model, time to first
token, speed and how it ended. Other versions of an answer, tool steps as data and attachments'
text are not in the Markdown (a tool step comes back as text inside its answer); the JSON export
keeps everything. Headings count only outside code fences, so an answer that shows "## You" in
a code block stays one answer. A conversation's uid is made from its text: importing the same
Markdown twice adds it once.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from typing import Any

from ..texts import tr
from .records import COMPLETE, EXPORT_FORMAT, EXPORT_VERSION, INTERRUPTED, ImportFormatError
from .schema import now_iso

_TITLE = re.compile(r"^# (.*\S)\s*$")
_META = re.compile(r"^\*Conversation \d+ · created ([^·*]+?)(?: · model (.+?))?\*\s*$")
_ROLE = re.compile(r"^#{2,3} (You|User|Assistant)(?: · (.*\S))?\s*$", re.I)
_SYSTEM = "> **System:** "
_ATTACHED = re.compile(r"^> \*\*Attached:\*\* .*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TTFT = re.compile(r"^(\d+(?:\.\d+)?) ms to first token$")
_TPS = re.compile(r"^(\d+(?:\.\d+)?) tokens/s$")
_VERSION = re.compile(r"^version \d+ of \d+$")
# how an answer ended (the last line of its text in the export) -> (status, finish_reason)
_ENDINGS = {
    "*(interrupted: Ember stopped before this answer was finished)*": (INTERRUPTED, None),
    "*(still being written)*": (INTERRUPTED, None),
    "*(stopped)*": (COMPLETE, "cancelled"),
    "*(cut at the length limit)*": (COMPLETE, "length"),
}


def looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def parse(text: str) -> dict:
    """Markdown -> export data (core/store/transfer.py import_data reads it). Raises
    ImportFormatError when the text holds no question or answer heading."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    outside = _outside_fences(lines)
    convs: list[dict[str, Any]] = []
    cur: dict[str, Any] | None = None
    msg: dict[str, Any] | None = None

    def new_conv(title: str) -> dict:
        c: dict[str, Any] = {"title": title, "created": None, "model": None, "system": [],
                             "messages": []}
        convs.append(c)
        return c

    i = 0
    while i < len(lines):
        line = lines[i]
        if outside[i]:
            t = _TITLE.match(line)
            if t and (cur is None or _separated(lines, outside, i)):
                cur, msg = new_conv(t.group(1)), None
                i += 1
                continue
            m = _META.match(line)
            if m and cur is not None and not cur["messages"] and msg is None:
                cur["created"], cur["model"] = m.group(1).strip(), m.group(2)
                i += 1
                continue
            if line.startswith(_SYSTEM) and cur is not None and msg is None:
                cur["system"].append(line[len(_SYSTEM):])
                while i + 1 < len(lines) and lines[i + 1].startswith("> ") and \
                        not lines[i + 1].startswith("> **"):
                    i += 1
                    cur["system"].append(lines[i][2:])
                i += 1
                continue
            if _ATTACHED.match(line) and msg is None:
                i += 1   # its text is not in the Markdown
                continue
            r = _ROLE.match(line)
            if r:
                if cur is None:
                    cur = new_conv("")
                role = "user" if r.group(1).lower() in ("you", "user") else "assistant"
                msg = {"role": role, "facts": r.group(2) or "", "lines": []}
                cur["messages"].append(msg)
                i += 1
                continue
        if msg is not None:
            msg["lines"].append(line)
        i += 1
    convs = [c for c in convs if c["messages"]]
    if not convs:
        raise ImportFormatError(tr(
            "This Markdown holds no chat: Ember imports the Markdown it exports (a heading "
            "\"## You\" before each question and \"## Assistant\" before each answer) and its "
            "JSON exports."))
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
            "conversations": [_conversation(c, more=c is not convs[-1]) for c in convs]}


def _outside_fences(lines: list[str]) -> list[bool]:
    out, fence = [], None
    for line in lines:
        m = _FENCE.match(line)
        if fence is None:
            out.append(True)
            if m:
                fence = m.group(1)
        else:
            out.append(False)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and \
                    not line.strip().strip(fence[0]):
                fence = None
    return out


def _separated(lines: list[str], outside: list[bool], i: int) -> bool:
    """A new conversation's title: after a "---" line (export_markdown's separator)."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and outside[j] and lines[j].strip() == "---"


def _conversation(c: dict, *, more: bool) -> dict:
    """`more`: another conversation follows (its "---" separator ends this one's last answer)."""
    created = _when(c["created"])
    msgs = []
    for n, m in enumerate(c["messages"], 1):
        body = list(m["lines"])
        while body and not body[-1].strip():
            body.pop()
        if more and n == len(c["messages"]) and body and body[-1].strip() == "---":
            body.pop()   # export_markdown's separator before the next conversation
            while body and not body[-1].strip():
                body.pop()
        while body and not body[0].strip():
            body.pop(0)
        status, finish = COMPLETE, None
        if m["role"] == "assistant" and body and body[-1].strip() in _ENDINGS:
            status, finish = _ENDINGS[body.pop().strip()]
            while body and not body[-1].strip():
                body.pop()
        model = ttft = tps = None
        if m["role"] == "assistant":
            for fact in (f.strip() for f in m["facts"].split(" · ") if f.strip()):
                if (t := _TTFT.match(fact)):
                    ttft = float(t.group(1)) / 1000
                elif (t := _TPS.match(fact)):
                    tps = float(t.group(1))
                elif not _VERSION.match(fact) and model is None:
                    model = fact
        msgs.append({"id": n, "parent": n - 1 if n > 1 else None, "active": True,
                     "role": m["role"], "content": "\n".join(body), "status": status,
                     "created": created, "updated": created, "model": model, "ttft_s": ttft,
                     "decode_tps": tps, "finish_reason": finish})
    system = "\n".join(c["system"]) or None
    digest = hashlib.sha256("\x00".join(
        [c["title"], system or ""] + [f"{m['role']}\x01{m['content']}" for m in msgs]
    ).encode("utf-8")).hexdigest()
    title = "" if c["title"] == "Untitled conversation" else c["title"]   # export's word for none
    return {"uid": f"md-{digest[:32]}", "title": title,
            "title_source": "user" if title else "", "created": created,
            "updated": created, "model": c["model"], "system_prompt": system,
            "settings": None, "pinned": False, "messages": msgs, "attachments": []}


def _when(shown: str | None) -> str:
    """export_markdown's "2026-12-03 13:40" (local time) as the store's UTC ISO time; now when
    the Markdown does not say."""
    if shown:
        try:
            t = datetime.strptime(shown.strip(), "%Y-%m-%d %H:%M").astimezone()
            return t.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
                "+00:00", "Z")
        except ValueError:
            pass
    return now_iso()
