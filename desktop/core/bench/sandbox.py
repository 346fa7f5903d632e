"""Runs a model's code against hidden tests in a separate, limited Python process.

What it does (POSIX): a fresh temporary folder as the working directory (and HOME, TMPDIR);
`python -I -S -B` (isolated: no user site, no PYTHON* variables, no site-packages, no .pyc
writes); in the child, before the model's code runs: resource limits (RLIMIT_AS for memory,
RLIMIT_CPU for endless loops, RLIMIT_FSIZE for output and files, RLIMIT_CORE 0) set as hard
limits, and an audit hook (PEP 578) that refuses network use (socket creation for anything but
AF_UNIX pairs, connect, bind, name lookups, sendto), process creation (fork, exec, spawn,
subprocess, os.system), signals to other processes, ctypes, and every write, delete, rename,
chmod, ... of a path outside the temporary folder. The parent kills the whole process group
at the wall-clock timeout or when the bench is cancelled. Output goes to an anonymous file
outside the folder, capped by RLIMIT_FSIZE.

What it is not: a security boundary. It keeps a model's *buggy* code (an endless loop, a
memory bomb, a stray `shutil.rmtree`, an HTTP call) from harming the machine or the results; it
does not stop *hostile* code that means to escape (audit hooks can be bypassed by code written
to do so, reads are not restricted, a Python-level sandbox has known holes). Run untrusted code
in a container or VM. On Windows there is no `resource` module: only the wall-clock timeout
and the audit hook apply. On macOS RLIMIT_AS is not enforced by the kernel.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field

MiB = 1 << 20

# statuses a run can end with
PASSED = "passed"
FAILED = "failed"        # a hidden test failed (assertion or exception)
ERROR = "error"          # the code did not load (syntax error, exception at import)
MISSING = "missing"      # the code loaded but does not define the entry point
TIMEOUT = "timeout"      # wall clock or CPU limit
MEMORY = "memory"        # MemoryError under the address-space limit
BLOCKED = "blocked"      # the sandbox refused an operation (network, write outside, process)
OUTPUT_LIMIT = "output_limit"
CRASHED = "crashed"      # killed by a signal (segfault, ...)
CANCELLED = "cancelled"
UNAVAILABLE = "unavailable"  # no Python interpreter to run it with (a frozen build)


@dataclass
class SandboxLimits:
    timeout_s: float = 10.0          # wall clock, enforced by the parent (every platform)
    cpu_s: int = 10                  # RLIMIT_CPU (POSIX)
    memory_bytes: int = 512 * MiB    # RLIMIT_AS (POSIX; not enforced on macOS)
    file_bytes: int = 16 * MiB       # RLIMIT_FSIZE: the largest file, stdout included (POSIX)


@dataclass
class SandboxResult:
    status: str
    detail: str = ""
    seconds: float = 0.0
    output: str = ""                 # the tail of what the code printed
    violations: list[str] = field(default_factory=list)  # operations the sandbox refused
    returncode: int | None = None

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def as_dict(self) -> dict:
        return asdict(self)


# The child: applies the limits, installs the audit hook, runs the solution, then the tests,
# and writes its verdict to "<nonce>.json" in the folder (the nonce is taken out of sys.argv
# before the model's code runs).
_CHILD = r'''
import sys, os, json
def _ember_main():
    nonce = sys.argv[1]
    cfg = json.loads(sys.argv[2])
    sys.argv = ["solution.py"]
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    except Exception:
        pass
    root = os.path.realpath(os.getcwd())
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        # soft limits; the CPU's hard limit a second later (at the soft one the kernel sends
        # SIGXCPU, at the hard one SIGKILL: equal limits would always mean SIGKILL)
        cpu = cfg["cpu"]
        for name, soft, hard in (("RLIMIT_AS", cfg["memory"], cfg["memory"]),
                                 ("RLIMIT_CPU", cpu, cpu + 1 if cpu else None),
                                 ("RLIMIT_FSIZE", cfg["fsize"], cfg["fsize"]),
                                 ("RLIMIT_CORE", 0, 0)):
            r = getattr(resource, name, None)
            if r is None or soft is None:
                continue
            try:
                resource.setrlimit(r, (soft, hard))
            except (ValueError, OSError):
                pass
    with open("solution.py", encoding="utf-8") as f:
        code = f.read()
    with open("tests.py", encoding="utf-8") as f:
        tests = f.read()
    entry = cfg["entry"]
    devnull = os.path.realpath(os.devnull)

    class SandboxViolation(PermissionError):
        pass

    violations = []
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

    result_path = os.path.join(root, nonce + ".json")

    def report(status, detail=""):
        # a file of its own: stdout may be full (RLIMIT_FSIZE) or closed by the code
        data = json.dumps({"nonce": nonce, "status": status, "detail": detail[:2000],
                           "violations": violations[:20]}).encode("utf-8")
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        fd = os.open(result_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, data)
        os.close(fd)
        os._exit(0)

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
        seen = e
        while seen is not None:
            if isinstance(seen, SandboxViolation):
                return "blocked"
            seen = seen.__cause__ or seen.__context__
        if isinstance(e, MemoryError):
            return "memory"
        return default

    ns = {"__name__": "solution", "__builtins__": __builtins__}
    try:
        exec(compile(code, "solution.py", "exec"), ns)
    except BaseException as e:
        report(status_of(e, "error"), describe(e, code, "solution.py"))
    if entry and entry not in ns:
        report("missing", "the code does not define %s" % entry)
    try:
        exec(compile(tests, "tests.py", "exec"), ns)
    except BaseException as e:
        report(status_of(e, "failed"), describe(e, tests, "tests.py"))
    report("passed")

_ember_main()
'''


def find_python() -> str | None:
    """An interpreter for the child. A frozen (PyInstaller) Ember has no `python` of its own:
    then one on PATH, else None (the coding suite is skipped and says why)."""
    if not getattr(sys, "frozen", False):
        return sys.executable
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        try:
            proc.kill()
        except OSError:
            pass


def run_solution(code: str, tests: str, entry: str | None = None,
                 limits: SandboxLimits | None = None,
                 cancel: threading.Event | None = None) -> SandboxResult:
    """Run `code`, then `tests` (Python with asserts, in the code's namespace) in a sandboxed
    child. `entry`: the name the code must define. Never raises for anything the code does."""
    limits = limits or SandboxLimits()
    python = find_python()
    if python is None:
        return SandboxResult(UNAVAILABLE, "no Python interpreter found to run the code with "
                                          "(this Ember is a frozen build: install Python 3)")
    folder = tempfile.mkdtemp(prefix="ember-sandbox-")
    t0 = time.perf_counter()
    try:
        with open(os.path.join(folder, "solution.py"), "w", encoding="utf-8") as f:
            f.write(code)
        with open(os.path.join(folder, "tests.py"), "w", encoding="utf-8") as f:
            f.write(tests)
        nonce = "EMBER-RESULT-" + secrets.token_hex(16)
        cfg = {"entry": entry or "", "memory": int(limits.memory_bytes) or None,
               "cpu": int(max(1, limits.cpu_s)) if limits.cpu_s else None,
               "fsize": int(limits.file_bytes) or None}
        env = {"HOME": folder, "TMPDIR": folder, "TEMP": folder, "TMP": folder,
               "LANG": "C.UTF-8", "PATH": os.defpath}
        for keep in ("SYSTEMROOT", "SystemRoot", "WINDIR"):  # Python on Windows needs them
            if keep in os.environ:
                env[keep] = os.environ[keep]
        kwargs: dict = {}
        if os.name == "posix":
            kwargs["start_new_session"] = True  # its own process group: killed as a whole
        else:
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(
                [python, "-I", "-S", "-B", "-X", "utf8", "-c", _CHILD, nonce, json.dumps(cfg)],
                cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, **kwargs)
            deadline = t0 + limits.timeout_s
            timed_out = cancelled = False
            while True:
                try:
                    proc.wait(timeout=0.05)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if cancel is not None and cancel.is_set():
                    cancelled = True
                elif time.perf_counter() > deadline:
                    timed_out = True
                else:
                    continue
                _kill(proc)
                proc.wait()
                break
            if os.name == "posix":  # anything left in its group (nothing should be)
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    pass
            seconds = time.perf_counter() - t0
            out.seek(0, os.SEEK_END)
            size = out.tell()
            out.seek(max(0, size - 65536))
            tail = out.read().decode("utf-8", errors="replace")
        rc = proc.returncode
        result = None
        try:
            with open(os.path.join(folder, nonce + ".json"), encoding="utf-8") as f:
                result = json.load(f)
            if not isinstance(result, dict) or result.get("nonce") != nonce:
                result = None
        except (OSError, ValueError):
            result = None
        printed = tail[-2000:]
        if cancelled:
            return SandboxResult(CANCELLED, "cancelled", seconds, printed, [], rc)
        if timed_out:
            return SandboxResult(TIMEOUT, f"ran longer than {limits.timeout_s:g} s (killed)",
                                 seconds, printed, [], rc)
        if limits.file_bytes and size >= limits.file_bytes:
            return SandboxResult(OUTPUT_LIMIT, f"printed more than {limits.file_bytes // MiB} MiB "
                                 "(stopped)", seconds, printed, [], rc)
        if result is not None:
            return SandboxResult(result.get("status", ERROR), result.get("detail", ""), seconds,
                                 printed, list(result.get("violations") or []), rc)
        if os.name == "posix" and rc is not None and rc < 0:
            sig = -rc
            if sig == getattr(signal, "SIGXCPU", -1):
                return SandboxResult(TIMEOUT, f"used more than {limits.cpu_s} s of CPU (killed)",
                                     seconds, printed, [], rc)
            if sig == getattr(signal, "SIGXFSZ", -1):
                return SandboxResult(OUTPUT_LIMIT, f"wrote more than {limits.file_bytes // MiB} "
                                     "MiB to one file or its output (killed)", seconds, printed,
                                     [], rc)
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = f"signal {sig}"
            why = (" (the CPU limit's last resort, or the system's out-of-memory killer)"
                   if sig == signal.SIGKILL else "")
            return SandboxResult(CRASHED, f"killed by {name}{why}", seconds, printed, [], rc)
        return SandboxResult(ERROR, f"exited (code {rc}) without finishing the tests", seconds,
                             printed, [], rc)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
