"""Tool steps (issue 15): a model's tool calls and their results, and the user's runs of code
blocks, kept with their message. Written as each step starts and ends, so a step survives the
engine's or the window's death (a step left 'running' by a dead process reads 'interrupted').

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..texts import tr
from .common import _Parts
from .records import StoreError
from .schema import now_iso

STEP_STATUSES = ("running", "ok", "error", "refused", "declined", "cancelled", "interrupted")


@dataclass
class Step:
    id: int
    message_id: int
    seq: int
    origin: str              # model | user
    round: int
    call_id: str | None
    name: str
    arguments: str
    text_before: str
    status: str
    result: str
    data: dict = field(default_factory=dict)
    seconds: float | None = None
    created: str = ""
    updated: str = ""

    def as_export(self) -> dict:
        return {k: getattr(self, k) for k in ("seq", "origin", "round", "call_id", "name",
                                              "arguments", "text_before", "status", "result",
                                              "data", "seconds", "created", "updated")}


_COLS = ("id, message_id, seq, origin, round, call_id, name, arguments, text_before, status, "
         "result, data, seconds, created, updated")


def _step(row) -> Step:
    d = dict(zip([c.strip() for c in _COLS.split(",")], row, strict=True))
    d["data"] = json.loads(d["data"] or "{}")
    return Step(**d)


class _Steps(_Parts):
    def add_step(self, message_id: int, *, origin: str, name: str, arguments: str = "{}",
                 round: int = 0, call_id: str | None = None, text_before: str = "",
                 status: str = "running") -> int:
        if origin not in ("model", "user") or status not in STEP_STATUSES:
            raise StoreError(tr("A step's origin is model or user, not {origin!r}.").format(
                                 origin=origin))
        now = now_iso()
        with self.transaction() as db:
            self._message_row(db, message_id)  # raises if it does not exist
            seq = db.conn.execute("SELECT ifnull(max(seq), 0) + 1 FROM steps WHERE "
                                  "message_id = ?", (message_id,)).fetchone()[0]
            cur = db.conn.execute(
                "INSERT INTO steps (message_id, seq, origin, round, call_id, name, arguments, "
                "text_before, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message_id, seq, origin, round, call_id, name, arguments, text_before, status,
                 now, now))
            assert cur.lastrowid is not None  # an INSERT's row
            return int(cur.lastrowid)

    def finish_step(self, step_id: int, *, status: str, result: str = "",
                    data: dict | None = None, seconds: float | None = None) -> None:
        if status not in STEP_STATUSES:
            raise StoreError(tr("Unknown step status {status!r}.").format(status=status))
        with self.transaction() as db:
            cur = db.conn.execute(
                "UPDATE steps SET status = ?, result = ?, data = ?, seconds = ?, updated = ? "
                "WHERE id = ?", (status, result, json.dumps(data or {}, ensure_ascii=False),
                                 seconds, now_iso(), step_id))
            if cur.rowcount == 0:
                raise StoreError(tr("There is no step {step_id}.").format(step_id=step_id))

    def steps(self, message_id: int) -> list[Step]:
        with self._read() as db:
            return [_step(r) for r in db.conn.execute(
                f"SELECT {_COLS} FROM steps WHERE message_id = ? ORDER BY seq", (message_id,))]

    def mark_running_steps_interrupted(self) -> int:
        """Steps left 'running' by a process that is gone (called when nothing runs them)."""
        with self.transaction() as db:
            return db.conn.execute("UPDATE steps SET status = 'interrupted', updated = ? "
                                   "WHERE status = 'running'", (now_iso(),)).rowcount
