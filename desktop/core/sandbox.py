"""Runs code that Ember did not write (a model's answer) behind an operating-system boundary.

Qt-free. The API is general: `ember bench` runs its hidden tests through it, and tools that run
code (issue 15) will too.

    from desktop.core import sandbox
    r = sandbox.run_python("print(input()[::-1])", stdin=b"hello\\n",
                           limits=sandbox.Limits(timeout_s=5), cancel=threading.Event())
    r.status, r.returncode, r.stdout, r.stderr, r.seconds, r.isolated, r.reason

    sandbox.run_argv(["python3", "-c", "..."], stdin=..., files={"data.txt": b"..."})
    sandbox.probe()   # Isolation(available, method, reason): what this machine offers

On Linux the code runs under bubblewrap (`bwrap`, Debian's `bubblewrap`):
- its own user, mount, PID, network, IPC, UTS and cgroup namespaces (`--unshare-all`), as uid and
  gid 65534 inside, with no capabilities and no way to make further user namespaces
  (`--disable-userns`); `--new-session` (no terminal injection), `--die-with-parent`;
- a read-only view of the system: /usr (with the /lib, /lib64, /bin, /sbin links), the
  interpreter's own prefix (`sys.base_prefix`: a pyenv under /root, a venv's base, ...) and
  /etc/ld.so.cache; nothing else of the host: no home folder, no /etc, no /run, no /sys, no /var;
  the root, /dev and /root are read-only;
- a private /proc of its own PID namespace, a minimal /dev (null, zero, random, urandom, tty);
- a private tmpfs at /tmp, capped by `Limits.disk_bytes`, which is the working folder and HOME;
- no network: only a loopback of its own;
- `--clearenv`: PATH, HOME, TMPDIR, LANG only.

When Ember runs as root (CI, containers), the kernel does not apply RLIMIT_NPROC to uid 0, and
uid 65534 inside a user namespace made by root is still root outside. So, as root, a first
bwrap (mount namespace only) binds the interpreter's prefix where an unprivileged user can read
it, `setpriv` drops to uid/gid 65534 with no groups and no capabilities, and the real sandbox
is made from there: the code's processes are then `nobody` on the host as well.

Inside, a small shim (`python -I -S -B -c SHIM`) reads its settings from stdin (never argv or a
file), writes the given files into /tmp, sets the rlimits (CPU seconds, address space, file
size, processes, open files, no core files) and execs the program; whatever follows the
settings on stdin is the program's stdin. The parent owns stdin, stdout and stderr (pipes),
caps what it keeps of stdout and stderr (`Limits.output_bytes` each: past that the run is
killed), enforces the wall clock and the cancel event by killing the sandbox's process group
(the PID namespace dies with its first process, so nothing the code started survives), and
never reads anything the code wrote to the file system.

One memory budget per run (`Limits.memory_bytes`, `budget()`, issue 27): RLIMIT_AS is per
process, so forked children or memfds could hold many times it. Each run gets a cgroup of its
own where this machine allows one, found once by making one and running a process in it: a
child of Ember's cgroup (cgroup v2 with memory and pids delegated to it; cgroup v1's memory
and pids hierarchies where Ember may write them, as root in a container), else a systemd
scope (`systemd-run --user --scope`, or the system's as root). memory.max (v1:
memory.limit_in_bytes; no swap) is the budget for everything the run holds, memfds and its
/tmp included, and pids.max is `processes` + bwrap's own. The run's first process (`sh`, then
exec) joins it before it starts anything; the cgroup is removed after the run (and those of
an Ember that died, on the next start). Without a cgroup (or with $EMBER_SANDBOX_CGROUP=0):
at most FALLBACK_PROCESSES processes (RLIMIT_NPROC; threads count) and RLIMIT_AS = budget /
that, so processes x limit stays within the budget; a seccomp filter makes memfd_create and
shmget fail (memory in no address space), and the private /tmp is bounded by its size. It
does not bound kernel memory (pipe and socket buffers, page tables) nor bwrap's own processes.

Where that isolation is not available (Windows, macOS, no bwrap, a kernel or container without
user namespaces), `probe()` says why, and the run functions refuse (status REFUSED, isolated
False) unless `allow_unisolated=True`: then the code runs as a plain child process in a
temporary folder with the same rlimits where the platform has them (not RLIMIT_NPROC), the
wall clock and the output cap: that is NOT a security boundary, and the result says so
(isolated=False, `isolation` names the fallback).
"""
from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from .sandbox_budget import (  # noqa: F401  (the budget's names, as the sandbox's callers know them)
    CGROUP_ENV,
    CGROUP_V1,
    CGROUP_V2,
    FALLBACK_PROCESSES,
    PER_PROCESS,
    PIDS_OVERHEAD,
    SANDBOX_UID,
    SYSTEMD,
    Budget,
    Limits,
    MiB,
    _as_root,
    _cgroup_support,
    _cgroups_off,
    _CgroupSupport,
    _join_prefix,
    _make_run_cgroups,
    _oom_kills,
    _plan,
    _remove_cgroups,
    _rlimits,
    _seccomp_program,
    _under,
    leftover_cgroups,
    run_budget,
)

# run statuses
OK = "ok"                       # exited with status 0
EXITED = "exited"               # exited with another status
KILLED = "killed"               # ended by a signal (a limit of the kernel's, or a crash)
TIMEOUT = "timeout"             # ran past Limits.timeout_s (killed by the parent)
OUTPUT_LIMIT = "output_limit"   # printed more than Limits.output_bytes (killed by the parent)
CANCELLED = "cancelled"         # the cancel event was set (killed by the parent)
REFUSED = "refused"             # not isolated here and allow_unisolated was not given
UNAVAILABLE = "unavailable"     # no interpreter, or the sandbox could not be set up

WORK = "/tmp"                   # the working folder inside the sandbox
BWRAP_ENV = "EMBER_BWRAP"       # another bwrap binary ("" or a missing path: none)


@dataclass
class Isolation:
    available: bool
    method: str          # "bubblewrap", "bubblewrap (as root: drops to uid 65534)", or "none"
    reason: str = ""     # why not available
    bwrap: str | None = None
    python: str | None = None
    budget: str = ""     # the memory budget of a run with the default Limits (Budget.describe)



@dataclass
class RunResult:
    status: str
    returncode: int | None = None
    signal: str | None = None        # the signal's name when status is KILLED
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    isolated: bool = False
    isolation: str = ""              # how it ran (Isolation.method, or the fallback's name)
    reason: str = ""                 # why it was refused, killed or stopped
    stdout_truncated: bool = False
    budget: str = ""                 # the run's memory budget (Budget.describe)
    oom_kills: int = 0               # processes the kernel killed at the run's cgroup limit

    @property
    def ok(self) -> bool:
        return self.status == OK

    def as_dict(self) -> dict:
        return asdict(self)


# The shim: the first program in the sandbox. Its settings come on stdin as a 12-digit length
# and that many bytes of JSON; the rest of stdin is left for the program it execs.
_SHIM = r'''
import os, sys, json
def _read(n):
    b = b""
    while len(b) < n:
        c = os.read(0, n - len(b))
        if not c:
            os._exit(125)
        b += c
    return b
h = json.loads(_read(int(_read(12))))
for name, data in h["files"].items():
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    os.write(fd, data.encode("utf-8", "surrogateescape"))
    os.close(fd)
try:
    import resource
except ImportError:
    resource = None
if resource is not None:
    for name, soft, hard in h["rlimits"]:
        r = getattr(resource, name, None)
        if r is None:
            continue
        try:
            resource.setrlimit(r, (soft, hard))
        except (ValueError, OSError) as e:
            if h["strict"]:
                sys.stderr.write("ember sandbox: could not set %s: %s\n" % (name, e))
                os._exit(126)
argv = h["argv"]
try:
    os.execvpe(argv[0], argv, h["env"])
except OSError as e:
    sys.stderr.write("ember sandbox: cannot run %s: %s\n" % (argv[0], e))
    os._exit(127)
'''


def find_python() -> str | None:
    """The interpreter sandboxed Python runs with: this one, or for a frozen (PyInstaller) Ember
    a python3 on PATH; None when there is none."""
    if not getattr(sys, "frozen", False) and sys.executable:
        return os.path.realpath(sys.executable)
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return os.path.realpath(found)
    return None


def _bwrap_path(bwrap: str | None) -> str | None:
    if bwrap is None:
        bwrap = os.environ.get(BWRAP_ENV)
    if bwrap is None:
        return shutil.which("bwrap")
    if not bwrap:
        return None
    return bwrap if os.path.isfile(bwrap) and os.access(bwrap, os.X_OK) else None


@lru_cache(maxsize=8)
def _python_roots(python: str) -> tuple[str, ...]:
    """Folders the interpreter needs besides /usr: its prefix and exec prefix (asked of the
    interpreter itself, so that a frozen Ember's python3 works too) and its own folder."""
    roots = {os.path.dirname(os.path.dirname(python))}
    try:
        out = subprocess.run([python, "-I", "-S", "-c",
                              "import sys; print(sys.base_prefix); print(sys.base_exec_prefix)"],
                             capture_output=True, text=True, timeout=30, env={"LANG": "C.UTF-8"})
        roots.update(os.path.realpath(p) for p in out.stdout.split("\n") if p.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    keep: list[str] = []
    for r in sorted(roots, key=len):
        if r in ("", "/") or _under(r, "/usr") or any(_under(r, k) for k in keep):
            continue
        keep.append(r)
    return tuple(keep)


@lru_cache(maxsize=8)
def _python_parts(python: str, root: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What of `root` (an interpreter's prefix outside /usr) the sandbox shows: (the paths
    bound, relative to root; the folders hidden under them), so that a prefix in a home
    folder (pyenv's ~/.pyenv/versions/3.12.1) shows its interpreter, standard library and
    shared library, not its site-packages, headers or scripts. ((".",), ()) (the whole prefix,
    as before) when its layout is not the usual lib/pythonX.Y one (a frozen Ember's python)."""
    ver = "python{}.{}".format(*sys.version_info[:2])
    try:
        out = subprocess.run([python, "-I", "-S", "-c",
                              "import sys; print('python%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30, env={"LANG": "C.UTF-8"})
        ver = out.stdout.strip() or ver
    except (OSError, subprocess.SubprocessError):
        pass
    stdlib = os.path.join("lib", ver)
    if not os.path.isfile(os.path.join(root, stdlib, "os.py")):
        return (".",), ()
    parts = [stdlib]
    for path in {python, os.path.realpath(python)}:
        if _under(path, root):
            parts.append(os.path.relpath(path, root))
    lib = os.path.join(root, "lib")
    parts += [os.path.join("lib", n) for n in sorted(os.listdir(lib)) if n.startswith("libpython")]
    hidden = tuple(p for p in (os.path.join(stdlib, "site-packages"),)
                   if os.path.isdir(os.path.join(root, p)))
    return tuple(dict.fromkeys(parts)), hidden


@lru_cache(maxsize=4)
def _bwrap_options(bwrap: str) -> frozenset[str]:
    try:
        text = subprocess.run([bwrap, "--help"], capture_output=True, text=True,
                              timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(w for w in text.split() if w.startswith("--"))


def _command(bwrap: str, python: str, limits: Limits, status_fd: int | None,
             as_root: bool, ro_binds: dict[str, str],
             seccomp_fd: int | None = None) -> list[str]:
    """The bwrap command line (with the root stage in front when Ember runs as root).
    seccomp_fd: a pipe holding a seccomp program for the sandbox (_seccomp_program)."""
    opts = _bwrap_options(bwrap)
    roots = _python_roots(python)
    prefix: list[str] = []
    sources = {r: r for r in roots}
    extra = {host: host for host in ro_binds}
    if as_root:
        setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
        prefix = [bwrap, "--dev-bind", "/", "/", "--tmpfs", "/run"]
        for i, r in enumerate(roots):
            sources[r] = f"/run/ember-python-{i}"
            prefix += ["--ro-bind", r, sources[r]]
        for i, host in enumerate(ro_binds):
            extra[host] = f"/run/ember-bind-{i}"
            prefix += ["--ro-bind", host, extra[host]]
        prefix += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--die-with-parent",
                   "--", setpriv, f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}",
                   "--clear-groups", "--inh-caps=-all", "--"]
    cmd = [bwrap, "--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID),
           "--gid", str(SANDBOX_UID), "--hostname", "ember-sandbox",
           "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    if "--disable-userns" in opts:
        cmd.append("--disable-userns")
    cmd += ["--ro-bind", "/usr", "/usr"]
    for top in ("lib", "lib64", "lib32", "libx32", "bin", "sbin"):
        p = "/" + top
        if os.path.islink(p):
            cmd += ["--symlink", os.readlink(p), p]
        elif os.path.isdir(p):
            cmd += ["--ro-bind", p, p]
    for f in ("/etc/ld.so.cache", "/etc/localtime"):
        if os.path.exists(f):
            cmd += ["--ro-bind", f, f]
    for r in roots:   # the interpreter's own parts of its prefix (_python_parts)
        parts, hidden = _python_parts(python, r)
        for part in parts:
            cmd += ["--ro-bind", os.path.normpath(os.path.join(sources[r], part)),
                    os.path.normpath(os.path.join(r, part))]
        for h in hidden:
            cmd += ["--tmpfs", os.path.join(r, h)]
    cmd += ["--proc", "/proc", "--dev", "/dev"]
    if limits.disk_bytes and "--size" in opts:
        cmd += ["--size", str(int(limits.disk_bytes))]
    cmd += ["--tmpfs", WORK]
    for host, inside in ro_binds.items():
        cmd += ["--ro-bind", extra[host], inside]
    cmd += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", WORK, "--clearenv"]
    if status_fd is not None and "--json-status-fd" in opts:
        cmd += ["--json-status-fd", str(status_fd)]
    if seccomp_fd is not None:
        cmd += ["--seccomp", str(seccomp_fd)]
    return prefix + cmd + ["--", python, "-I", "-S", "-B", "-c", _SHIM]


def _plain_env(home: str, python: str) -> dict[str, str]:
    path = os.pathsep.join(dict.fromkeys([os.path.dirname(python), "/usr/local/bin", "/usr/bin",
                                          "/bin"]))
    env = {"PATH": path, "HOME": home, "TMPDIR": home, "TMP": home, "TEMP": home,
           "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    for keep in ("SYSTEMROOT", "SystemRoot", "WINDIR"):  # Python on Windows needs them
        if keep in os.environ:
            env[keep] = os.environ[keep]
    return env


@lru_cache(maxsize=8)
def _probe(bwrap: str | None, python: str | None, as_root: bool) -> Isolation:
    if python is None:
        return Isolation(False, "none", "no Python interpreter to run the code with (this "
                                        "Ember is a frozen build: install Python 3)")
    if not sys.platform.startswith("linux"):
        return Isolation(False, "none", f"no operating-system sandbox on {sys.platform}: "
                                        "Ember's sandbox needs Linux and bubblewrap", None, python)
    if bwrap is None:
        return Isolation(False, "none", "bubblewrap (bwrap) is not installed: install the "
                                        "'bubblewrap' package", None, python)
    if as_root and not shutil.which("setpriv"):
        return Isolation(False, "none", "running as root, and setpriv (util-linux) is missing "
                                        "to drop to an unprivileged user", bwrap, python)
    method = "bubblewrap" + (" (as root: drops to uid 65534)" if as_root else "")
    iso = Isolation(True, method, "", bwrap, python)
    r = _spawn(iso, ["python", "-c", "import os; print('ember-sandbox-ok', os.getuid())"],
               b"", {}, Limits(timeout_s=30, cpu_s=10), None, {})
    if r.status != OK or f"ember-sandbox-ok {SANDBOX_UID}" not in r.stdout:
        why = (r.stderr.strip() or r.reason or r.status).splitlines()
        return Isolation(False, "none", "bubblewrap could not make a sandbox here (user "
                                        "namespaces may be disabled): "
                         + (why[-1] if why else r.status)[:300], bwrap, python)
    return iso


def probe(bwrap: str | None = None) -> Isolation:
    """What isolation this machine offers (checked once per bwrap path: it runs a sandbox).
    bwrap: a bwrap binary to use (default $EMBER_BWRAP, else `bwrap` on PATH). Its `budget`
    says how a run's memory is bounded (budget())."""
    iso = _probe(_bwrap_path(bwrap), find_python(), _as_root())
    if iso.available:
        iso = replace(iso, budget=budget().describe())
    return iso


def budget(limits: Limits | None = None) -> Budget:
    """How an isolated run with `limits` (default Limits()) is held to one memory budget on
    this machine: a cgroup of its own where one can be made ($EMBER_SANDBOX_CGROUP=0 switches
    them off), else per-process limits. What the machine allows is found once per process (a
    probe makes a cgroup, runs a process in it and removes it)."""
    return _plan(limits or Limits(), _cgroup_support(_cgroups_off(), _as_root()), True)



def _signal_name(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        try:
            proc.kill()
        except OSError:
            pass


def _spawn(iso: Isolation, argv: list[str], stdin: bytes, files: dict[str, str],
           limits: Limits, cancel: threading.Event | None,
           ro_binds: dict[str, str]) -> RunResult:
    """One run: isolated when iso.available, else the plain fallback."""
    python = iso.python
    assert python is not None
    isolated = iso.available
    folder = None
    status_r = status_w = seccomp_r = None
    cgroups: list[str] = []
    t0 = time.perf_counter()
    try:
        # the run's one memory budget: its own cgroup, else per-process limits (Budget)
        sup, plan, wrap, cgroups = run_budget(limits, isolated)
        if isolated:
            assert iso.bwrap is not None  # an available isolation has it (probe)
            status_r, status_w = os.pipe()
            program = _seccomp_program() if plan.kind == PER_PROCESS else None
            if program is not None and "--seccomp" in _bwrap_options(iso.bwrap):
                seccomp_r, seccomp_w = os.pipe()
                os.write(seccomp_w, program)   # a few hundred bytes: the pipe holds them
                os.close(seccomp_w)
            cmd = _command(iso.bwrap, python, limits, status_w, _as_root(), ro_binds,
                           seccomp_r)
            env_in = _plain_env(WORK, python)
            cwd = None
            env = {"PATH": os.defpath, "LANG": "C.UTF-8"}
        else:
            folder = tempfile.mkdtemp(prefix="ember-sandbox-")
            cmd = [python, "-I", "-S", "-B", "-c", _SHIM]
            env_in = env = _plain_env(folder, python)
            cwd = folder
        cmd = wrap + cmd
        env = {**env, **dict(sup.env)}
        argv = [python if a == "python" and i == 0 else a for i, a in enumerate(argv)]
        header = json.dumps({"files": files, "rlimits": _rlimits(limits, isolated, plan),
                             "argv": argv, "env": env_in, "strict": isolated}).encode("utf-8")
        data = b"%012d" % len(header) + header + stdin
        kwargs: dict = {}
        if os.name == "posix":
            kwargs["start_new_session"] = True
            kwargs["pass_fds"] = tuple(fd for fd in (status_w, seccomp_r) if fd is not None)
        else:
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, cwd=cwd, env=env, **kwargs)
        except OSError as e:
            return RunResult(UNAVAILABLE, reason=f"could not start the sandbox: {e}",
                             isolated=isolated, isolation=iso.method if isolated else "none",
                             budget=plan.describe())
        for fd in (status_w, seccomp_r):
            if fd is not None:
                os.close(fd)
        status_w = seccomp_r = None
        res = _supervise(proc, data, limits, cancel, t0, isolated,
                         iso.method if isolated else "none (a plain child process)",
                         status_r)
        res.budget = plan.describe()
        res.oom_kills = _oom_kills(cgroups)
        if res.oom_kills:
            _memory_verdict(res, plan)
        return res
    finally:
        for fd in (status_r, status_w, seccomp_r):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        if cgroups:
            _remove_cgroups(cgroups)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _memory_verdict(res: RunResult, plan: Budget) -> None:
    """The kernel killed processes of the run at its cgroup's memory limit: say so."""
    said = (f"the run used its whole memory budget ({plan.memory_bytes // MiB} MB): the kernel "
            f"killed {res.oom_kills} of its processes")
    if res.status == KILLED and res.signal == "SIGKILL":
        res.reason = said
    elif res.status in (EXITED, KILLED):
        res.reason = f"{res.reason}; {said}" if res.reason else said


def _supervise(proc: subprocess.Popen, data: bytes, limits: Limits,
               cancel: threading.Event | None, t0: float, isolated: bool, method: str,
               status_r: int | None) -> RunResult:
    stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr
    assert stdin is not None and stdout is not None and stderr is not None  # PIPEs (_spawn)

    def feed() -> None:
        try:
            stdin.write(data)
        except (OSError, ValueError):
            pass
        finally:
            try:
                stdin.close()
            except (OSError, ValueError):
                pass

    writer = threading.Thread(target=feed, name="ember-sandbox-stdin", daemon=True)
    writer.start()
    cap = max(1024, int(limits.output_bytes or 0))
    bufs = {"out": bytearray(), "err": bytearray()}
    sel = selectors.DefaultSelector()
    sel.register(stdout, selectors.EVENT_READ, "out")
    sel.register(stderr, selectors.EVENT_READ, "err")
    why = None
    try:
        why = _collect(proc, sel, bufs, cap, cancel, t0 + limits.timeout_s)
    finally:
        if why is not None or proc.poll() is None:
            _kill_group(proc)
        proc.wait()
        if os.name == "posix":  # anything left in its group (nothing should be)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        sel.close()
        stdout.close()
        stderr.close()
        writer.join(timeout=5)
    seconds = time.perf_counter() - t0
    out = bufs["out"].decode("utf-8", errors="replace")
    err = bufs["err"].decode("utf-8", errors="replace")
    res = RunResult(OK, proc.returncode, None, out, err, seconds, isolated, method)
    if why == CANCELLED:
        res.status, res.reason = CANCELLED, "cancelled"
    elif why == TIMEOUT:
        res.status, res.reason = TIMEOUT, f"ran longer than {limits.timeout_s:g} s (killed)"
    elif why == OUTPUT_LIMIT:
        res.status, res.stdout_truncated = OUTPUT_LIMIT, True
        res.reason = f"printed more than {cap // 1024:,} KiB (killed)"
    elif isolated and status_r is not None and not _child_started(status_r):
        res.status = UNAVAILABLE
        res.reason = "the sandbox could not be set up: " + (err.strip().splitlines() or ["?"])[-1]
    else:
        _exit_verdict(res, limits, isolated)
    return res


def _collect(proc: subprocess.Popen, sel, bufs: dict, cap: int,
             cancel: threading.Event | None, deadline: float) -> str | None:
    """Read the child's outputs (each kept up to `cap` bytes) until both close, then wait for
    its exit; None, or why it must be killed: CANCELLED, TIMEOUT, OUTPUT_LIMIT."""
    def stop_reason() -> str | None:
        if cancel is not None and cancel.is_set():
            return CANCELLED
        return TIMEOUT if time.perf_counter() > deadline else None

    while sel.get_map():
        if why := stop_reason():
            return why
        for key, _ in sel.select(timeout=0.05):
            chunk = os.read(key.fileobj.fileno(), 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                continue
            buf = bufs[key.data]
            buf += chunk
            if len(buf) > cap:
                del buf[cap:]
                return OUTPUT_LIMIT
    while True:  # outputs closed: wait for the exit
        try:
            proc.wait(timeout=0.05)
            return None
        except subprocess.TimeoutExpired:
            pass
        if why := stop_reason():
            return why


def _exit_verdict(res: RunResult, limits: Limits, isolated: bool) -> None:
    """How a child that ran to its end ended: killed by a signal (a CPU or file limit?), the
    sandbox refusing to start it, a non-zero exit, or OK."""
    rc = res.returncode
    sig = None
    if rc is not None and rc < 0:
        sig = -rc
    elif isolated and rc is not None and rc > 128:  # bwrap: 128 + the signal
        sig = rc - 128
    if sig:
        res.status, res.signal = KILLED, _signal_name(sig)
        if sig == getattr(signal, "SIGXCPU", -1) or (sig == signal.SIGKILL and limits.cpu_s and
                                                     res.seconds >= limits.cpu_s):
            res.reason = f"used more than {limits.cpu_s} s of CPU (killed)"
        elif sig == getattr(signal, "SIGXFSZ", -1):
            res.reason = f"wrote a file larger than {limits.file_bytes // MiB} MiB (killed)"
        else:
            res.reason = f"killed by {res.signal}"
    elif rc in (125, 126, 127) and "ember sandbox:" in res.stderr:
        res.status, res.reason = UNAVAILABLE, res.stderr.strip().splitlines()[-1]
    elif rc != 0:
        res.status, res.reason = EXITED, f"exited with status {rc}"


def _child_started(fd: int) -> bool:
    """bwrap's --json-status-fd says "child-pid" once the sandbox is set up."""
    os.set_blocking(fd, False)
    text = b""
    try:
        while len(text) < 65536:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            text += chunk
    except OSError:
        pass
    return b"child-pid" in text


def _clean_files(files: dict | None) -> dict[str, str]:
    out = {}
    for name, data in (files or {}).items():
        name = str(name)
        if not name or "/" in name or "\\" in name or name in (".", "..") or "\0" in name:
            raise ValueError(f"sandbox file names are plain names, not {name!r}")
        if isinstance(data, bytes):
            data = data.decode("utf-8", "surrogateescape")
        out[name] = str(data)
    return out


def run_argv(argv: list[str], *, stdin: bytes | str = b"", files: dict | None = None,
             limits: Limits | None = None, cancel: threading.Event | None = None,
             allow_unisolated: bool = False, bwrap: str | None = None,
             ro_binds: dict | None = None) -> RunResult:
    """Run `argv` in the sandbox with `stdin`, the working folder holding `files` (plain names
    -> str or bytes). argv[0] "python" is the sandbox's interpreter. ro_binds: host folders or
    files -> absolute paths where the sandbox sees them, read-only (isolated runs only). Never
    raises for anything the program does (ValueError for a bad file name or bind)."""
    limits = limits or Limits()
    if not argv:
        raise ValueError("argv is empty")
    iso = probe(bwrap)
    if iso.python is None:
        return RunResult(UNAVAILABLE, reason=iso.reason, isolation="none")
    if not iso.available and not allow_unisolated:
        return RunResult(REFUSED, reason=f"not isolated: {iso.reason}", isolation="none")
    binds = {}
    for host, inside in (ro_binds or {}).items():
        host, inside = os.path.realpath(str(host)), str(inside)
        if not os.path.exists(host) or not os.path.isabs(inside) or ".." in inside.split("/") \
                or inside.rstrip("/") in ("", "/usr", "/proc", "/dev", WORK):
            raise ValueError(f"cannot bind {host!r} at {inside!r} in the sandbox")
        binds[host] = inside
    if binds and not iso.available:
        return RunResult(UNAVAILABLE, reason="read-only binds need the OS sandbox: "
                         + iso.reason, isolation="none")
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    return _spawn(iso, list(argv), stdin, _clean_files(files), limits, cancel, binds)


def run_python(source: str, *, stdin: bytes | str = b"", files: dict | None = None,
               limits: Limits | None = None, cancel: threading.Event | None = None,
               allow_unisolated: bool = False, bwrap: str | None = None,
               site: bool = True, filename: str = "main.py",
               ro_binds: dict | None = None) -> RunResult:
    """Run Python `source` (as `filename` in the working folder, `python -I -B`; site=False
    adds -S) with `stdin`. Same result and rules as run_argv."""
    files = dict(files or {})
    files[filename] = source
    argv = ["python", "-I", "-B"] + ([] if site else ["-S"]) + ["-X", "utf8", filename]
    return run_argv(argv, stdin=stdin, files=files, limits=limits, cancel=cancel,
                    allow_unisolated=allow_unisolated, bwrap=bwrap, ro_binds=ro_binds)
