"""Runs a model's code against hidden tests: `ember bench`'s coding suite.

The code runs in Ember's sandbox (desktop/core/sandbox.py): on Linux, bubblewrap namespaces (own
user, mount, PID and network namespaces; a read-only system; a private tmpfs; no home folder)
under rlimits, a wall clock and an output cap. That is the security boundary.

How a verdict comes back: the parent picks a random nonce for each run and sends it, with the
code and the tests, on the sandbox's stdin (never argv, a file or the environment). A harness
in the sandbox reads all of stdin before the code runs, runs the code, then the tests one
top-level statement at a time, and writes one line on stdout: the nonce and a JSON verdict
(status, detail, how many test statements ran). The parent reads stdout through its own pipe
and counts a pass only when that line says "passed", the count is every statement of the tests
(counted by the parent), the sandbox exited with status 0 on its own, and it was not killed,
timed out or cut off. There is no result file.

So an answer cannot pass by exiting early (sys.exit, os._exit, a crash, killing itself), by
printing a pass line (it does not know the nonce), by writing files, or by stopping the
harness. What it can still do, because it runs in the harness's interpreter: code written
against this harness can find the nonce in its own process memory (frames, gc, /proc/self/mem)
and print a forged verdict. That forges one benchmark score; it gets nothing else, since the
code is confined by the sandbox either way. Treat the pass rate of a model that is trying to
cheat the bench as unreliable; no in-process test runner can do better.

Where the operating-system sandbox is not available, the code runs only when the caller allows
it (allow_unisolated), as a plain child process, and the harness then also installs the old
PEP 578 audit hook: a BEST EFFORT against accidents (a stray rmtree, an HTTP call), NOT a
security boundary (it can be switched off or bypassed from inside). Those results say
isolated=False and the bench marks them "not isolated".
"""
from __future__ import annotations

import ast
import json
import secrets
import signal
import threading
from dataclasses import asdict, dataclass, field

from .. import sandbox as _sb

MiB = 1 << 20

# statuses a run can end with
PASSED = "passed"
FAILED = "failed"        # a hidden test failed (assertion or exception)
ERROR = "error"          # the code did not load, or the run ended without a verdict
MISSING = "missing"      # the code loaded but does not define the entry point
TIMEOUT = "timeout"      # wall clock or CPU limit
MEMORY = "memory"        # MemoryError under the address-space limit
BLOCKED = "blocked"      # the sandbox refused an operation (network, write, a limit)
OUTPUT_LIMIT = "output_limit"
CRASHED = "crashed"      # killed by a signal (segfault, ...)
CANCELLED = "cancelled"
UNAVAILABLE = "unavailable"  # no Python interpreter to run it with (a frozen build)
NOT_ISOLATED = "not_isolated"  # no OS sandbox here and running without one was not allowed


@dataclass
class SandboxLimits:
    timeout_s: float = 10.0          # wall clock, enforced by the parent (every platform)
    cpu_s: int = 10                  # RLIMIT_CPU (POSIX)
    memory_bytes: int = 512 * MiB    # RLIMIT_AS (POSIX; not enforced on macOS)
    file_bytes: int = 16 * MiB       # RLIMIT_FSIZE, and what is kept of stdout / stderr
    disk_bytes: int = 64 * MiB       # the sandbox's private /tmp (isolated runs)
    processes: int = 32              # RLIMIT_NPROC in the sandbox (isolated runs)
    open_files: int = 256            # RLIMIT_NOFILE

    def to_limits(self) -> _sb.Limits:
        return _sb.Limits(timeout_s=self.timeout_s, cpu_s=self.cpu_s,
                          memory_bytes=self.memory_bytes, file_bytes=self.file_bytes,
                          disk_bytes=self.disk_bytes, processes=self.processes,
                          open_files=self.open_files, output_bytes=self.file_bytes)


@dataclass
class SandboxResult:
    status: str
    detail: str = ""
    seconds: float = 0.0
    output: str = ""                 # the tail of what the code printed (stdout, then stderr)
    violations: list[str] = field(default_factory=list)  # what the sandbox refused
    returncode: int | None = None
    isolated: bool = True            # False: ran without the OS sandbox (or did not run)
    isolation: str = ""              # how it ran

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def as_dict(self) -> dict:
        return asdict(self)


def isolation(bwrap: str | None = None) -> _sb.Isolation:
    """Whether model-written code would run isolated here, and if not, why."""
    return _sb.probe(bwrap)


# The harness: main program in the sandbox. Reads the payload (with the nonce) from stdin
# before the model's code runs; writes its verdict as one "<nonce> {json}" line on stdout.
_HARNESS = r"""
import sys, os, json, ast, errno
def _ember_main():
    # what the verdict needs, bound before the model's code can patch a module or builtin
    dumps, write, _exit, run, isinstance_, type_ = (json.dumps, os.write, os._exit, exec,
                                                    isinstance, type)
    payload = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    nonce = payload.pop("nonce")
    try:
        fd = os.open(os.devnull, os.O_RDONLY)
        os.dup2(fd, 0)
        os.close(fd)
    except OSError:
        pass
    verdict_fd = os.dup(1)
    sys.argv = ["solution.py"]
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except Exception:
            pass
    code, tests, entry = payload["code"], payload["tests"], payload["entry"]
    root = os.path.realpath(os.getcwd())
    devnull = os.path.realpath(os.devnull)
    violations = []
    class SandboxViolation(PermissionError):
        pass
    if payload["audit"]:
        # NOT ISOLATED: the old PEP 578 audit hook, a best effort against accidents only
        busy = [False]
        WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_TRUNC", 0)
        BLOCKED = ("subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty",
                   "os.system", "os.startfile", "os.kill", "os.killpg", "os.add_dll_directory",
                   "pty.spawn", "signal.pthread_kill", "ctypes.", "winreg.", "_winapi.",
                   "resource.setrlimit", "resource.prlimit", "webbrowser.open", "socket.",
                   "http.client.connect", "ftplib.", "smtplib.", "poplib.", "imaplib.", "nntplib.",
                   "telnetlib.", "urllib.Request")
        PATH_EVENTS = {"os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1),
                       "os.link": (0, 1), "os.symlink": (1,), "os.chmod": (0,), "os.chown": (0,),
                       "os.chflags": (0,), "os.lchflags": (0,), "os.lchmod": (0,),
                       "os.truncate": (0,), "os.utime": (0,), "os.setxattr": (0,),
                       "os.removexattr": (0,), "os.mkfifo": (0,), "os.mknod": (0,),
                       "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copymode": (1,),
                       "shutil.copystat": (1,), "shutil.move": (0, 1), "shutil.chown": (0,),
                       "shutil.make_archive": (0,)}
        DIR_FD = {"os.remove": 1, "os.rmdir": 1, "os.mkdir": 2, "os.chmod": 2, "os.chown": 3,
                  "os.utime": 4, "os.symlink": 2, "os.mkfifo": 2, "os.mknod": 3}

        def inside(path, dir_fd=None):
            if isinstance(path, int):
                return True  # an fd already open
            try:
                p = os.fsdecode(os.fspath(path))
            except TypeError:
                return False
            if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(p):
                try:
                    base = os.readlink("/proc/self/fd/%d" % dir_fd)
                except OSError:
                    return False
                p = os.path.join(base, p)
            p = os.path.realpath(p)
            return p == root or p.startswith(root + os.sep) or p == devnull

        def refuse(what):
            violations.append(what)
            raise SandboxViolation("blocked by Ember's bench sandbox: " + what)

        def hook(event, args):
            if busy[0]:
                return
            busy[0] = True
            try:
                if event == "open":
                    path, mode, flags = (tuple(args) + (None, None, None))[:3]
                    write = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                            (isinstance(flags, int) and flags & WRITE_FLAGS)
                    if write and not inside(path):
                        refuse("writing %s (outside the sandbox folder)" % (path,))
                elif event in PATH_EVENTS:
                    dfd = DIR_FD.get(event)
                    dir_fd = args[dfd] if dfd is not None and dfd < len(args) else None
                    for i in PATH_EVENTS[event]:
                        if i < len(args) and args[i] is not None and not inside(args[i], dir_fd):
                            refuse("%s %s (outside the sandbox folder)" % (event, args[i]))
                elif event == "socket.__new__":
                    family = args[1] if len(args) > 1 else None
                    if family != getattr(__import__("socket"), "AF_UNIX", -1):
                        refuse("network access (%s)" % event)
                elif event.startswith(BLOCKED):
                    if event.startswith(("socket.", "http.", "ftplib.", "smtplib.", "poplib.",
                                         "imaplib.", "nntplib.", "telnetlib.", "urllib.")):
                        refuse("network access (%s)" % event)
                    refuse(event)
            finally:
                busy[0] = False

        sys.addaudithook(hook)

    NET = (errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL,
           errno.ENETDOWN)
    LIMITS = {errno.EPERM: "not permitted", errno.EACCES: "not permitted",
              errno.EROFS: "read-only file system", errno.ENOSPC: "the sandbox's disk is full",
              errno.EDQUOT: "the sandbox's disk is full",
              errno.EFBIG: "a file reached the file-size limit",
              errno.EMFILE: "too many open files",
              errno.EAGAIN: "a resource limit (processes?)"}
    def blocked_by(e):
        import socket
        seen, hops = e, 0
        while seen is not None and hops < 20:
            hops += 1
            if isinstance(seen, SandboxViolation):
                return True
            if isinstance(seen, socket.gaierror) or (isinstance(seen, OSError) and
                                                     seen.errno in NET):
                violations.append("network access refused: %s: %s" % (type(seen).__name__, seen))
                return True
            if isinstance(seen, OSError) and seen.errno in LIMITS:
                violations.append("%s: %s: %s" % (LIMITS[seen.errno], type(seen).__name__, seen))
                return True
            seen = seen.__cause__ or seen.__context__
        return False
    def report(status, detail="", ran=0):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        try:
            line = nonce + " " + dumps({"status": status, "detail": str(detail)[:2000],
                                        "violations": [str(v) for v in violations[:20]],
                                        "ran": ran})
            write(verdict_fd, b"\n" + line.encode("utf-8") + b"\n")
        finally:
            _exit(0)
    PLAIN = (int, float, complex, bool, str, bytes, type(None), list, tuple, dict, set, frozenset)
    def plain(x, depth=0):
        t = type_(x)
        if t not in PLAIN or depth > 200:
            return False
        if t in (list, tuple, set, frozenset):
            return all(plain(v, depth + 1) for v in x)
        if t is dict:
            return all(plain(k, depth + 1) and plain(v, depth + 1) for k, v in x.items())
        return True
    def strict_eq(a, b):
        # "result == expected" in a test: an object whose __eq__ always says True (or a
        # subclass of list, ...) must not pass; plain data compares as Python does
        if plain(a) and plain(b):
            return a == b
        return type_(a) is type_(b) and not plain(a) and a == b
    class Strict(ast.NodeTransformer):
        def visit_Compare(self, node):
            self.generic_visit(node)
            if len(node.ops) == 1 and isinstance_(node.ops[0], (ast.Eq, ast.NotEq)):
                call = ast.Call(func=ast.Name(id="_ember_strict_eq", ctx=ast.Load()),
                                args=[node.left, node.comparators[0]], keywords=[])
                new = call if isinstance_(node.ops[0], ast.Eq) else \
                    ast.UnaryOp(op=ast.Not(), operand=call)
                return ast.copy_location(new, node)
            return node
    def describe(e, source, filename):
        kind = type(e).__name__
        text = "%s: %s" % (kind, e) if str(e) else kind
        tb = e.__traceback__
        lineno = None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                lineno = tb.tb_lineno
            tb = tb.tb_next
        if lineno is None and isinstance(e, SyntaxError) and e.filename == filename:
            lineno = e.lineno
        if lineno is not None:
            lines = source.splitlines()
            if 0 < lineno <= len(lines):
                text += " (%s line %d: %s)" % (filename, lineno, lines[lineno - 1].strip()[:300])
        return text
    def status_of(e, default):
        if blocked_by(e):
            return "blocked"
        if isinstance(e, MemoryError):
            return "memory"
        return default
    statements = []
    for node in ast.parse(tests, "tests.py").body:
        node = ast.fix_missing_locations(Strict().visit(node))
        statements.append(compile(ast.Module(body=[node], type_ignores=[]), "tests.py", "exec"))
    ns = {"__name__": "solution", "__builtins__": __builtins__}
    try:
        exec(compile(code, "solution.py", "exec"), ns)
    except BaseException as e:
        report(status_of(e, "error"), describe(e, code, "solution.py"))
    if entry and entry not in ns:
        report("missing", "the code does not define %s" % entry)
    ran = 0
    ns["_ember_strict_eq"] = strict_eq
    for statement in statements:
        try:
            run(statement, ns)
        except BaseException as e:
            report(status_of(e, "failed"), describe(e, tests, "tests.py"), ran)
        ran += 1
    report("passed", "", ran)
_ember_main()
"""


def _tail(text: str, n: int = 2000) -> str:
    return text[-n:]


def run_solution(code: str, tests: str, entry: str | None = None,
                 limits: SandboxLimits | None = None,
                 cancel: threading.Event | None = None, *,
                 allow_unisolated: bool = False, bwrap: str | None = None,
                 ro_binds: dict | None = None) -> SandboxResult:
    """Run `code`, then `tests` (Python with asserts, in the code's namespace) in Ember's
    sandbox. `entry`: the name the code must define. allow_unisolated: run even where the OS
    sandbox is not available (then isolated=False; otherwise status NOT_ISOLATED). Never raises
    for anything the code does."""
    limits = limits or SandboxLimits()
    expected = len(ast.parse(tests, "tests.py").body)  # ours: a SyntaxError here is a bug
    nonce = "EMBER-VERDICT-" + secrets.token_hex(16)
    payload = json.dumps({"nonce": nonce, "code": code, "tests": tests, "entry": entry or "",
                          "audit": False})
    iso = _sb.probe(bwrap)
    if not iso.available:
        payload = payload.replace('"audit": false}', '"audit": true}')
    r = _sb.run_python(_HARNESS, stdin=payload.encode("utf-8"), limits=limits.to_limits(),
                       cancel=cancel, allow_unisolated=allow_unisolated, bwrap=bwrap, site=False,
                       filename="ember_harness.py", ro_binds=ro_binds)
    verdicts, printed = [], []
    for line in r.stdout.splitlines():
        if line.startswith(nonce + " "):
            verdicts.append(line[len(nonce) + 1:])
        else:
            printed.append(line)
    out = "\n".join(printed).strip("\n")
    if r.stderr.strip():
        out = (out + "\n" if out else "") + r.stderr.rstrip("\n")
    res = SandboxResult(ERROR, "", r.seconds, _tail(out), [], r.returncode, r.isolated,
                        r.isolation)
    if r.status in _STOPPED:
        _stopped(res, r, limits)
        return res
    if len(verdicts) != 1:
        res.detail = ("exited (code %s) without finishing the tests" % r.returncode
                      if not verdicts else "more than one verdict line (a forgery?)")
        return res
    try:
        v = json.loads(verdicts[0])
        status, detail = str(v["status"]), str(v.get("detail", ""))
        ran = int(v.get("ran", 0))
        violations = [str(x) for x in (v.get("violations") or [])][:20]
    except (ValueError, KeyError, TypeError, AttributeError):
        res.detail = "an unreadable verdict"
        return res
    res.violations = violations
    if r.status != _sb.OK:
        res.detail = f"exited (code {r.returncode}) after its verdict"
        return res
    if status == PASSED and ran != expected:
        res.detail = f"the verdict says passed after {ran} of {expected} test statements"
        return res
    if status not in (PASSED, FAILED, ERROR, MISSING, MEMORY, BLOCKED):
        status = ERROR
    res.status, res.detail = status, detail
    return res


# the sandbox's outcomes that end a run before its verdict
_STOPPED = (_sb.REFUSED, _sb.UNAVAILABLE, _sb.CANCELLED, _sb.TIMEOUT, _sb.OUTPUT_LIMIT,
            _sb.KILLED)


def _stopped(res: SandboxResult, r, limits: SandboxLimits) -> None:
    """A run the sandbox refused or stopped before a verdict: which, and why."""
    if r.status == _sb.REFUSED:
        res.status, res.detail = NOT_ISOLATED, r.reason
    elif r.status == _sb.UNAVAILABLE:
        res.status, res.detail = UNAVAILABLE, r.reason
    elif r.status == _sb.CANCELLED:
        res.status, res.detail = CANCELLED, "cancelled"
    elif r.status == _sb.TIMEOUT:
        res.status, res.detail = TIMEOUT, r.reason
    elif r.status == _sb.OUTPUT_LIMIT:
        res.status = OUTPUT_LIMIT
        res.detail = f"printed more than {limits.file_bytes // MiB or 1} MiB (stopped)"
    elif r.status == _sb.KILLED:
        if r.signal == "SIGXCPU" or "CPU" in r.reason:
            res.status, res.detail = TIMEOUT, f"used more than {limits.cpu_s} s of CPU (killed)"
        elif r.signal == "SIGXFSZ":
            res.status = OUTPUT_LIMIT
            res.detail = (f"wrote more than {limits.file_bytes // MiB} MiB to one file or its "
                          "output (killed)")
        else:
            why = (" (the CPU limit's last resort, or the system's out-of-memory killer)"
                   if r.signal == signal.SIGKILL.name else "")
            res.status, res.detail = CRASHED, f"killed by {r.signal}{why}"
