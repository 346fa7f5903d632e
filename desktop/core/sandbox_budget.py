"""One memory and process budget per sandbox run (issue 27): a cgroup of the run's own where
this machine allows one (cgroup v2 delegated to Ember, cgroup v1's memory and pids hierarchies,
or a systemd scope; each probed for real), else a low process cap with RLIMIT_AS of budget /
cap, and memfd_create and shmget refused by a seccomp filter (their memory is outside any
process's address limit). sandbox.py runs the code; this module says how it is held."""
from __future__ import annotations

import itertools
import os
import platform
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import lru_cache

MiB = 1 << 20
SANDBOX_UID = 65534              # the user the code runs as when Ember is root

CGROUP_ENV = "EMBER_SANDBOX_CGROUP"   # "0" (or off/no/false): no cgroup, per-process limits

# how a run's memory and processes are held to one budget (Budget.kind)
CGROUP_V2 = "cgroup v2"         # a child cgroup of Ember's own, made for the run
CGROUP_V1 = "cgroup v1"         # child cgroups in the memory and pids hierarchies
SYSTEMD = "systemd scope"       # a transient scope made by systemd-run (--user unless root)
PER_PROCESS = "per-process"     # no cgroup: a low process cap x RLIMIT_AS within the budget
FALLBACK_PROCESSES = 4          # the process cap without a cgroup (threads count): 512 MB
                                # gives 4 x 128 MB (8 x 64 MB failed to hold one 64 MB buffer)
PIDS_OVERHEAD = 3               # bwrap's own processes in the run's cgroup (pids.max on top)


@dataclass
class Limits:
    timeout_s: float = 10.0          # wall clock, enforced by the parent
    cpu_s: int = 10                  # RLIMIT_CPU (SIGXCPU at the limit, SIGKILL a second later)
    memory_bytes: int = 512 * MiB    # the whole run's budget (a cgroup), and RLIMIT_AS (Budget)
    file_bytes: int = 16 * MiB       # RLIMIT_FSIZE: the largest file the code may write
    disk_bytes: int = 64 * MiB       # the size of the private /tmp (isolated runs)
    processes: int = 32              # RLIMIT_NPROC (isolated) and the cgroup's pids.max; without
                                     # a cgroup at most FALLBACK_PROCESSES (Budget)
    open_files: int = 256            # RLIMIT_NOFILE
    output_bytes: int = 1 * MiB      # stdout and stderr each: what the parent keeps


@dataclass
class Budget:
    """How one run's memory and processes are held to one budget (issue 27): a cgroup of the
    run's own where one can be made (memory.max = Limits.memory_bytes for everything the run
    holds, memfds and its /tmp included; pids.max), else a lower process cap and an RLIMIT_AS
    of budget / cap per process, so that processes x limit stays within the budget."""
    kind: str                # CGROUP_V2, CGROUP_V1, SYSTEMD or PER_PROCESS
    memory_bytes: int        # the run's budget (0: none)
    processes: int           # the most processes (threads count too) of the sandbox's user
    process_bytes: int       # RLIMIT_AS of each process (0: none)
    pids_max: int = 0        # the cgroup's pids.max: processes + bwrap's own (PIDS_OVERHEAD)
    where: str = ""          # the parent cgroup(s), or the systemd-run command
    reason: str = ""         # PER_PROCESS: why there is no cgroup

    @property
    def cgroup(self) -> bool:
        return self.kind != PER_PROCESS

    def describe(self) -> str:
        if self.cgroup:
            return (f"cgroup (memory.max {self.memory_bytes // MiB} MB, "
                    f"pids.max {self.pids_max})")
        return (f"per-process limits ({self.processes} processes x "
                f"{self.process_bytes // MiB} MB)")

    def detail(self) -> str:
        """describe() with how: the cgroup's kind and place, or why there is none."""
        if self.cgroup:
            return f"{self.describe()}: {self.kind}, {self.where}"
        return f"{self.describe()}: no cgroup ({self.reason})"


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


# ---------------------------------------------------------------- the run's memory budget
@dataclass(frozen=True)
class _CgroupSupport:
    """What this machine allows for a run's cgroup (found once: _cgroup_support)."""
    kind: str                                 # CGROUP_V2, CGROUP_V1, SYSTEMD or PER_PROCESS
    parents: tuple[str, ...] = ()             # where a run's cgroups are made (v2: one; v1:
                                              # one per hierarchy, memory and pids)
    systemd: tuple[str, ...] = ()             # SYSTEMD: the start of systemd-run's command
    env: tuple[tuple[str, str], ...] = ()     # SYSTEMD: what systemd-run --user needs
    reason: str = ""                          # PER_PROCESS: why there is no cgroup


_SEQ = itertools.count()
# joins the cgroups named before "--" (their cgroup.procs files), then execs what follows:
# the first process of the run is in its cgroup before it starts anything else
_JOIN_SH = ('while [ "$1" != -- ]; do echo $$ > "$1" || { echo "ember sandbox: cannot join '
            'the run\'s cgroup ($1)" >&2; exit 125; }; shift; done; shift; exec "$@"')


def _cgroups_off() -> bool:
    return os.environ.get(CGROUP_ENV, "").strip().lower() in ("0", "off", "no", "false")


def _plan(limits: Limits, sup: _CgroupSupport, isolated: bool) -> Budget:
    mem = max(0, int(limits.memory_bytes or 0))
    procs = max(0, int(limits.processes or 0))
    if sup.kind != PER_PROCESS:
        where = " and ".join(sup.parents) if sup.parents else " ".join(sup.systemd)
        return Budget(sup.kind, mem, procs, mem, procs + PIDS_OVERHEAD if procs else 0, where)
    if not isolated:  # a plain child: RLIMIT_NPROC would count all of the user's processes
        return Budget(PER_PROCESS, mem, 0, mem, reason="not isolated, so no process cap; "
                      + sup.reason)
    cap = min(procs, FALLBACK_PROCESSES) if procs else FALLBACK_PROCESSES
    return Budget(PER_PROCESS, mem, cap, mem // cap, reason=sup.reason)


@lru_cache(maxsize=4)
def _cgroup_support(off: bool, as_root: bool) -> _CgroupSupport:
    """A cgroup for each run, where this machine allows one: a child of Ember's own cgroup
    (cgroup v2 where memory and pids are delegated to it; cgroup v1's memory and pids
    hierarchies where Ember may write them, e.g. root in a container), else a systemd scope
    (systemd-run, --user unless root). Each is tried for real, never assumed."""
    if off:
        return _CgroupSupport(PER_PROCESS, reason=f"cgroups switched off by {CGROUP_ENV}")
    if not sys.platform.startswith("linux"):
        return _CgroupSupport(PER_PROCESS, reason=f"no cgroups on {sys.platform}")
    mounts, own = _cgroup_mounts(), _own_cgroups()
    reasons = []
    for attempt in (lambda: _try_v2(mounts, own), lambda: _try_v1(mounts, own),
                    lambda: _try_systemd(mounts, as_root)):
        got = attempt()
        if isinstance(got, _CgroupSupport):
            _sweep(got.parents)
            return got
        reasons.append(got)
    return _CgroupSupport(PER_PROCESS, reason="; ".join(reasons))


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _cgroup_mounts() -> list[tuple[str, str, str, frozenset[str]]]:
    """(file system type, mount point, mount root, super options) of each cgroup mount."""
    out = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                left, sep, right = line.partition(" - ")
                a, b = left.split(), right.split()
                if sep and len(a) >= 5 and len(b) >= 3 and b[0] in ("cgroup", "cgroup2"):
                    out.append((b[0], _unescape(a[4]), _unescape(a[3]),
                                frozenset(b[2].split(","))))
    except OSError:
        pass
    return out


def _own_cgroups() -> dict[str, str]:
    """This process's cgroup in each hierarchy: "" for cgroup2's, else by controller."""
    out = {}
    try:
        with open("/proc/self/cgroup", encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(":", 2)
                if len(parts) == 3:
                    for c in parts[1].split(",") if parts[1] else [""]:
                        out[c] = parts[2]
    except OSError:
        pass
    return out


def _cgroup_dir(mount: tuple, path: str) -> str | None:
    root = mount[2]
    if path.startswith("/.."):        # outside what this cgroup namespace shows
        return None
    if root not in ("", "/") and _under(path, root):
        path = path[len(root):] or "/"
    d = os.path.normpath(mount[1] + "/" + path.lstrip("/"))
    return d if os.path.isdir(d) else None


def _try_v2(mounts: list, own: dict) -> _CgroupSupport | str:
    m = next((m for m in mounts if m[0] == "cgroup2"), None)
    if m is None or "" not in own:
        return "cgroup v2: not mounted"
    d = _cgroup_dir(m, own[""])
    if d is None:
        return f"cgroup v2: Ember's cgroup {own['']} is not under {m[1]}"
    try:
        with open(os.path.join(d, "cgroup.subtree_control"), encoding="utf-8") as f:
            enabled = f.read().split()
    except OSError as e:
        return f"cgroup v2: {d}: {e.strerror}"
    missing = [c for c in ("memory", "pids") if c not in enabled]
    if missing:
        return (f"cgroup v2: {d} gives its sub-cgroups no {' or '.join(missing)} controller "
                "(not delegated to Ember)")
    return _try_parents(CGROUP_V2, (d,))


def _try_v1(mounts: list, own: dict) -> _CgroupSupport | str:
    parents: list[str] = []
    for ctrl in ("memory", "pids"):
        m = next((m for m in mounts if m[0] == "cgroup" and ctrl in m[3]), None)
        if m is None or ctrl not in own:
            return f"cgroup v1: no {ctrl} hierarchy"
        d = _cgroup_dir(m, own[ctrl])
        if d is None:
            return f"cgroup v1: Ember's {ctrl} cgroup {own[ctrl]} is not under {m[1]}"
        if d not in parents:
            parents.append(d)
    return _try_parents(CGROUP_V1, tuple(parents))


def _try_parents(kind: str, parents: tuple[str, ...]) -> _CgroupSupport | str:
    """Make a cgroup under each parent, set its limits, start a process in it, remove it."""
    name = f"ember-probe-{os.getpid()}-{next(_SEQ)}"
    made: list[str] = []
    try:
        for p in parents:
            if not os.access(p, os.W_OK):
                return f"{kind}: {p} is not writable by Ember (not delegated)"
            os.mkdir(os.path.join(p, name))
            made.append(os.path.join(p, name))
        _set_cgroup_limits(made, 64 * MiB, 8)
        out = subprocess.run(_join_prefix(made) + ["cat", "/proc/self/cgroup"],
                             capture_output=True, text=True, timeout=20,
                             env={"PATH": os.defpath, "LANG": "C.UTF-8"})
        if out.returncode != 0 or f"/{name}\n" not in out.stdout:
            why = (out.stderr.strip().splitlines() or [f"exit status {out.returncode}"])[-1]
            return f"{kind}: a process could not join a cgroup under {parents[0]}: {why}"
    except (OSError, subprocess.SubprocessError) as e:
        return f"{kind}: could not make a cgroup under {parents[0]}: {e}"
    finally:
        _remove_cgroups(made)
    return _CgroupSupport(kind, parents)


def _try_systemd(mounts: list, as_root: bool) -> _CgroupSupport | str:
    exe = shutil.which("systemd-run")
    m = next((m for m in mounts if m[0] == "cgroup2"), None)
    if exe is None or m is None:
        return "systemd: " + ("no systemd-run" if exe is None else "no cgroup2")
    env: tuple[tuple[str, str], ...] = ()
    if as_root:
        if not os.path.isdir("/run/systemd/system"):
            return "systemd: not the init system here"
        start: tuple[str, ...] = (exe, "--scope", "--quiet", "--collect")
    else:
        rt = os.environ.get("XDG_RUNTIME_DIR", "")
        if not rt or not (os.path.exists(os.path.join(rt, "bus"))
                          or os.path.exists(os.path.join(rt, "systemd", "private"))):
            return "systemd: no user manager (no $XDG_RUNTIME_DIR/bus)"
        start = (exe, "--user", "--scope", "--quiet", "--collect")
        env = tuple((k, os.environ[k]) for k in ("XDG_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS")
                    if k in os.environ)
    # inside the scope: its own memory.max and pids.max, as systemd set them
    script = 'p=$(sed -n "s/^0:://p" /proc/self/cgroup); cat "$1$p/memory.max" "$1$p/pids.max"'
    try:
        out = subprocess.run(list(start) + ["-p", f"MemoryMax={64 * MiB}", "-p", "TasksMax=8",
                                            "--", "/bin/sh", "-c", script, "sh", m[1]],
                             capture_output=True, text=True, timeout=30,
                             env={"PATH": os.defpath, "LANG": "C.UTF-8", **dict(env)})
    except (OSError, subprocess.SubprocessError) as e:
        return f"systemd: systemd-run failed: {e}"
    if out.stdout.split() != [str(64 * MiB), "8"]:
        why = (out.stderr.strip().splitlines() or ["MemoryMax or TasksMax not applied"])[-1]
        return f"systemd: {' '.join(start[:2])} gave no scope with a memory limit: {why[:200]}"
    return _CgroupSupport(SYSTEMD, systemd=start, env=env)


def _join_prefix(dirs: list[str]) -> list[str]:
    sh = "/bin/sh" if os.path.exists("/bin/sh") else (shutil.which("sh") or "sh")
    return ([sh, "-c", _JOIN_SH, "ember-sandbox-cgroup"]
            + [os.path.join(d, "cgroup.procs") for d in dirs] + ["--"])


def _set_cgroup_limits(dirs: list[str], memory: int, pids: int) -> None:
    """memory.max (v1: memory.limit_in_bytes), no swap where the file is there, pids.max;
    OSError unless both a memory and a pids limit were set."""
    done = set()
    files = (("memory.max", memory, "memory"), ("memory.limit_in_bytes", memory, "memory"),
             ("memory.swap.max", 0, ""), ("memory.memsw.limit_in_bytes", memory, ""),
             ("pids.max", pids, "pids"))
    for d in dirs:
        for name, value, what in files:
            path = os.path.join(d, name)
            if not os.path.exists(path):
                continue
            if value or not what:
                try:
                    with open(path, "w", encoding="ascii") as f:
                        f.write(str(value))
                except OSError:
                    if what:
                        raise
                    continue
            if what:
                done.add(what)
    if done != {"memory", "pids"}:
        raise OSError(f"no {' or '.join(sorted({'memory', 'pids'} - done))} limit in "
                      f"{', '.join(dirs)}")


def _make_run_cgroups(sup: _CgroupSupport, plan: Budget) -> list[str]:
    name = f"ember-run-{os.getpid()}-{next(_SEQ)}"
    made: list[str] = []
    try:
        for p in sup.parents:
            os.mkdir(os.path.join(p, name))
            made.append(os.path.join(p, name))
        _set_cgroup_limits(made, plan.memory_bytes, plan.pids_max)
    except OSError:
        _remove_cgroups(made)
        raise
    return made


def _oom_kills(dirs: list[str]) -> int:
    n = 0
    for d in dirs:
        for name in ("memory.events", "memory.oom_control"):   # v2, v1
            try:
                with open(os.path.join(d, name), encoding="ascii") as f:
                    for line in f:
                        key, _, value = line.partition(" ")
                        if key == "oom_kill" and value.strip().isdigit():
                            n += int(value)
            except OSError:
                pass
    return n


def _remove_cgroups(dirs: list[str], wait_s: float = 2.0) -> None:
    """Remove a run's cgroups; whatever is still in one (nothing should be: the run's PID
    namespace died with it) is killed first."""
    for d in reversed(dirs):
        deadline = time.monotonic() + wait_s
        while True:
            try:
                os.rmdir(d)
                break
            except FileNotFoundError:
                break
            except OSError:
                if time.monotonic() >= deadline:
                    break
                _kill_cgroup(d)
                time.sleep(0.01)


def _kill_cgroup(d: str) -> None:
    try:
        with open(os.path.join(d, "cgroup.kill"), "w", encoding="ascii") as f:
            f.write("1")
        return
    except OSError:
        pass
    try:
        with open(os.path.join(d, "cgroup.procs"), encoding="ascii") as f:
            pids = [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return
    for pid in pids:
        if pid != os.getpid():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _sweep(parents: tuple[str, ...]) -> None:
    """Remove the cgroups of Embers that died (killed during a run)."""
    for p in parents:
        try:
            names = os.listdir(p)
        except OSError:
            continue
        for n in names:
            m = re.fullmatch(r"ember-(?:run|probe)-(\d+)-\d+", n)
            if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
                _remove_cgroups([os.path.join(p, n)], wait_s=0.5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def leftover_cgroups() -> list[str]:
    """The cgroups of this process's runs that still exist (none once every run ended)."""
    sup = _cgroup_support(_cgroups_off(), _as_root())
    out = []
    for p in sup.parents:
        try:
            out += [os.path.join(p, n) for n in os.listdir(p)
                    if n.startswith(f"ember-run-{os.getpid()}-")
                    or n.startswith(f"ember-probe-{os.getpid()}-")]
        except OSError:
            pass
    return sorted(out)


# seccomp for the per-process fallback: (AUDIT_ARCH_*, (memfd_create, shmget)) by machine
_SECCOMP_ARCH = {"x86_64": (0xC000003E, (319, 29)), "aarch64": (0xC00000B7, (279, 194))}


def _seccomp_program() -> bytes | None:
    """A classic-BPF seccomp program for runs without a cgroup: memfd_create and shmget fail
    with EPERM (memory in no process's address space, which RLIMIT_AS cannot bound), and a
    system call of another ABI (x32, i386 on x86_64) kills the process. None where this
    machine's architecture is not in the table."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if machine not in _SECCOMP_ARCH:
        return None
    arch, denied = _SECCOMP_ARCH[machine]
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06          # BPF_LD|W|ABS, JMP|JEQ|K, ...
    kill, allow, errno_eperm = 0x80000000, 0x7FFF0000, 0x00050000 | 1
    prog = [(ld_abs, 0, 0, 4), (jeq, 1, 0, arch), (ret, 0, 0, kill), (ld_abs, 0, 0, 0)]
    checks = ([(jge, 0x40000000, "kill")] if machine == "x86_64" else [])  # the x32 ABI
    checks += [(jeq, nr, "deny") for nr in denied]
    start, end = len(prog), len(prog) + len(checks)
    target = {"allow": end, "deny": end + 1, "kill": end + 2}
    for i, (code, k, to) in enumerate(checks):
        prog.append((code, target[to] - (start + i + 1), 0, k))
    prog += [(ret, 0, 0, allow), (ret, 0, 0, errno_eperm), (ret, 0, 0, kill)]
    return b"".join(struct.pack("=HBBI", *ins) for ins in prog)


def _rlimits(limits: Limits, isolated: bool, plan: Budget | None = None) -> list:
    """The shim's rlimits. plan: the run's Budget (its RLIMIT_AS and process cap)."""
    if plan is None:
        plan = _plan(limits, _CgroupSupport(PER_PROCESS) if not isolated else
                     _cgroup_support(_cgroups_off(), _as_root()), isolated)
    cpu = int(max(1, limits.cpu_s)) if limits.cpu_s else None
    out = [("RLIMIT_CORE", 0, 0)]
    if cpu:
        out.append(("RLIMIT_CPU", cpu, cpu + 1))
    if plan.process_bytes:
        out.append(("RLIMIT_AS", int(plan.process_bytes), int(plan.process_bytes)))
    if limits.file_bytes:
        out.append(("RLIMIT_FSIZE", int(limits.file_bytes), int(limits.file_bytes)))
    if limits.open_files:
        out.append(("RLIMIT_NOFILE", int(limits.open_files), int(limits.open_files)))
    if isolated and plan.processes:
        n = int(plan.processes) + _nproc_base()
        out.append(("RLIMIT_NPROC", n, n))
    return out


def _nproc_base() -> int:
    """Before Linux 5.14 RLIMIT_NPROC counts every process of the (host) user, not only those
    in the sandbox's user namespace: then the limit starts from what that user already runs."""
    try:
        major, minor = (int(x) for x in os.uname().release.split(".")[:2])
    except (ValueError, AttributeError):
        return 0
    if (major, minor) >= (5, 14):
        return 0
    uid = SANDBOX_UID if _as_root() else os.getuid()
    n = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.stat(f"/proc/{pid}").st_uid == uid:
                    n += 1
            except OSError:
                pass
    return n


def run_budget(limits: Limits, isolated: bool) -> tuple[_CgroupSupport, Budget, list[str],
                                                        list[str]]:
    """One run's budget put in place: (what the machine allows, the plan, the command prefix
    that starts the run inside its cgroup or scope, the cgroups made for it: removed after the
    run with _remove_cgroups). A cgroup that cannot be made falls back to per-process limits."""
    sup = (_cgroup_support(_cgroups_off(), _as_root()) if sys.platform.startswith("linux")
           else _CgroupSupport(PER_PROCESS, reason=f"no cgroups on {sys.platform}"))
    plan = _plan(limits, sup, isolated)
    wrap: list[str] = []
    cgroups: list[str] = []
    if plan.kind in (CGROUP_V2, CGROUP_V1):
        try:
            cgroups = _make_run_cgroups(sup, plan)
            wrap = _join_prefix(cgroups)
        except OSError as e:
            sup = _CgroupSupport(PER_PROCESS, reason=f"could not make the run's cgroup: {e}")
            plan = _plan(limits, sup, isolated)
    elif plan.kind == SYSTEMD:
        wrap = list(sup.systemd) + ["-p", f"MemoryMax={plan.memory_bytes or 'infinity'}",
                                    "-p", "MemorySwapMax=0",
                                    "-p", f"TasksMax={plan.pids_max or 'infinity'}", "--"]
    return sup, plan, wrap, cgroups
