"""run_python: the model runs code in the sandbox (core/sandbox.py), as the user's Run does.

Part of desktop/core/agent (its __init__ tells the whole story)."""
from __future__ import annotations

from .. import sandbox
from .toolbox import CallContext, Tool, ToolResult, cap

DESCRIPTION = ("Run a Python 3 program in a sandbox (no network, no access to the user's files, "
               "10 seconds, 512 MB) and get its standard output, standard error and exit "
               "status. Use it to check code before giving it to the user.")
PARAMETERS = {
    "type": "object",
    "properties": {"code": {"type": "string", "description": "the whole program"},
                   "stdin": {"type": "string", "description": "its standard input"}},
    "required": ["code"],
}


def run_code(code: str, stdin: str = "", *, cancel=None,
             limits: sandbox.Limits | None = None) -> dict:
    """Run Python in the sandbox; the outcome as the store keeps it (a code block's Run and the
    tool share it)."""
    r = sandbox.run_python(code, stdin=stdin or "", limits=limits or sandbox.Limits(),
                           cancel=cancel)
    return {"status": r.status, "exit": r.returncode, "signal": r.signal,
            "stdout": r.stdout, "stderr": r.stderr, "seconds": round(r.seconds, 3),
            "isolated": r.isolated, "reason": r.reason}


def step_status(status: str) -> str:
    """A run's sandbox status as a stored step's status (store/steps.py)."""
    return {"ok": "ok", "cancelled": "cancelled", "refused": "refused",
            "unavailable": "refused"}.get(status, "error")


def describe(out: dict) -> str:
    """The outcome as the model reads it."""
    lines = []
    if out["status"] == sandbox.REFUSED or out["status"] == sandbox.UNAVAILABLE:
        return f"The code was not run: {out['reason']}"
    head = {"ok": "exit status 0", "exited": f"exit status {out['exit']}",
            "killed": f"killed by {out['signal']}", "timeout": "stopped: ran too long",
            "output_limit": "stopped: printed too much",
            "cancelled": "stopped by the user"}.get(out["status"], out["status"])
    lines.append(f"[{head}, {out['seconds']:.2f} s]")
    if out["stdout"]:
        lines.append("stdout:\n" + cap(out["stdout"], 4000))
    if out["stderr"]:
        lines.append("stderr:\n" + cap(out["stderr"], 3000))
    if not out["stdout"] and not out["stderr"]:
        lines.append("(no output)")
    return "\n".join(lines)


def run_python_tool(parameters: dict | None = None) -> Tool:
    def run(args: dict, ctx: CallContext) -> ToolResult:
        code = args.get("code")
        if not isinstance(code, str) or not code.strip():
            return ToolResult("'code' must be a non-empty string.", ok=False, status="error")
        stdin = args.get("stdin") or ""
        if not isinstance(stdin, str):
            return ToolResult("'stdin' must be a string.", ok=False, status="error")
        out = run_code(code, stdin, cancel=ctx.cancel)
        return ToolResult(describe(out), ok=out["status"] == "ok",
                          status=step_status(out["status"]),
                          data={"run": out}, seconds=out["seconds"])
    return Tool("run_python", DESCRIPTION, parameters or PARAMETERS, run)
