"""The hostile-answer battery (issue 13): real hostile Python run through Ember's sandbox
(desktop/core/sandbox.py, by way of the bench's run_solution), each case contained and reported
as blocked or failed. Nothing is mocked: bubblewrap runs. Skipped, with the reason, only where
this machine has no OS sandbox (no bwrap, no user namespaces, not Linux); the not-isolated
path has a test of its own that always runs."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core import sandbox
from desktop.core.bench.sandbox import SandboxLimits, run_solution

ISO = sandbox.probe()
# CI sets EMBER_REQUIRE_SANDBOX=1: there a missing sandbox fails the battery instead of skipping
if os.environ.get("EMBER_REQUIRE_SANDBOX") == "1" and not ISO.available:
    raise RuntimeError(f"EMBER_REQUIRE_SANDBOX=1 but no OS sandbox here: {ISO.reason}")
needs_os_sandbox = pytest.mark.skipif(not ISO.available,
                                      reason=f"no OS sandbox on this machine: {ISO.reason}")
LIMITS = SandboxLimits(timeout_s=20, cpu_s=10, memory_bytes=512 << 20)
SEEN = "/data"  # where the canary folder is visible (read-only) inside the sandbox


def snapshot(root: Path) -> dict:
    """Every path under root with its kind, mode, size and content hash."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and \
                not p.is_symlink() else None
            out[str(p.relative_to(root))] = (st.st_mode, st.st_size, digest)
    return out


@pytest.fixture
def canaries(tmp_path):
    """A canary folder under the test's tmp dir (seen read-only at /data in the sandbox) and
    one under the real HOME (never seen), each with a file, a sub-folder and a secret."""
    secret = "EMBER-CANARY-" + secrets.token_hex(8)
    tmp_dir = tmp_path / "canary"
    (tmp_dir / "sub").mkdir(parents=True)
    (tmp_dir / "keep.txt").write_text(secret)
    (tmp_dir / "sub" / "a.txt").write_text("a")
    home_dir = None
    try:
        home_dir = Path(os.path.expanduser("~")) / f".ember-canary-{secrets.token_hex(4)}"
        (home_dir / ".ssh").mkdir(parents=True)
        (home_dir / ".ssh" / "id_ed25519").write_text(secret)
        (home_dir / ".ssh" / "id_ed25519").chmod(0o600)
    except OSError:
        home_dir = None
    before = {d: snapshot(d) for d in (tmp_dir, home_dir) if d is not None}
    yield {"tmp": tmp_dir, "home": home_dir, "secret": secret}
    try:
        for d, snap in before.items():
            assert snapshot(d) == snap, f"the sandboxed code changed {d}"
    finally:
        if home_dir is not None:
            shutil.rmtree(home_dir, ignore_errors=True)


def hostile(body: str, canaries: dict, tests: str = "assert f() == 'never'\n",
            limits: SandboxLimits = LIMITS, **kw):
    """Run `body` (the inside of def f) as a model's answer; the tests can only pass if it
    forges the verdict. The canary folder is bound read-only at /data."""
    code = "import os, sys\ndef f():\n" + "".join("    " + line + "\n"
                                                  for line in body.strip("\n").splitlines())
    code = (code.replace("@TMP@", str(canaries["tmp"]))
            .replace("@HOME@", str(canaries["home"] or "/root")))
    return run_solution(code, tests, "f", limits, ro_binds={canaries["tmp"]: SEEN}, **kw)


def assert_contained(r, *statuses):
    assert r.isolated, r
    assert not r.passed, r
    assert r.status in (statuses or ("blocked", "failed", "error")), r


# ------------------------------------------------------------------ writes outside the folder
FORK_EXEC = ("import _posixsubprocess\nr, w = os.pipe()\n"
             "_posixsubprocess.fork_exec([b'/bin/sh', b'-c', b'{cmd}'], [b'/bin/sh'], True, (), "
             "None, None, -1, -1, -1, -1, -1, -1, r, w, True, True, -1, None, None, None, -1, "
             "None, False)\nos.close(w)\nos.read(r, 100)\nos.wait()\nreturn 'spawned'")

WRITES = {
    "open": "open('/data/keep.txt', 'w').write('x')",
    "open-host-path": "open('@TMP@/keep.txt', 'w').write('x')",
    "open-home": "open('@HOME@/.ssh/id_ed25519', 'w').write('x')",
    "new-file": "open('/data/new.txt', 'x').write('x')",
    "relative": "os.chdir('/data/sub'); open('../escaped.txt', 'w').write('x')",
    "dir_fd-open": "d = os.open('/data', os.O_RDONLY | os.O_DIRECTORY)\n"
                   "os.write(os.open('keep.txt', os.O_WRONLY | os.O_TRUNC, dir_fd=d), b'x')",
    "dir_fd-unlink": "d = os.open('/data', os.O_RDONLY | os.O_DIRECTORY)\n"
                     "os.unlink('keep.txt', dir_fd=d)",
    "dir_fd-mkdir": "d = os.open('/data', os.O_RDONLY | os.O_DIRECTORY)\nos.mkdir('new', dir_fd=d)",
    "rename-out": "os.rename('/data/keep.txt', '/tmp/stolen.txt')",
    "rename-in": "open('/tmp/x', 'w').write('x'); os.rename('/tmp/x', '/data/keep.txt')",
    "hardlink": "os.link('/data/keep.txt', '/tmp/alias'); open('/tmp/alias', 'w').write('x')",
    "hardlink-in": "open('/tmp/x', 'w').write('x'); os.link('/tmp/x', '/data/new.txt')",
    "symlink": "os.symlink('/data', '/tmp/l'); open('/tmp/l/new.txt', 'w').write('x')",
    "symlink-in": "os.symlink('/etc/passwd', '/data/link')",
    "sqlite3": "import sqlite3\nc = sqlite3.connect('/data/evil.db')\n"
               "c.execute('create table t(x)'); c.commit()",
    "sqlite3-host-path": "import sqlite3\nc = sqlite3.connect('@TMP@/evil.db')\n"
                         "c.execute('create table t(x)'); c.commit()",
    "fchmod": "fd = os.open('/data/keep.txt', os.O_RDONLY); os.fchmod(fd, 0o777)",
    "chmod-fd": "fd = os.open('/data/keep.txt', os.O_RDONLY); os.chmod(fd, 0)",
    "truncate": "os.truncate('/data/keep.txt', 0)",
    "utime": "os.utime('/data/keep.txt', (0, 0))",
    "rmtree": "import shutil\nshutil.rmtree('/data/sub')",
    "rmtree-home": "import shutil\nshutil.rmtree('@HOME@')",
    "subprocess": "import subprocess\nsubprocess.run(['sh', '-c', 'echo x > /data/keep.txt; "
                  "rm -rf /data/sub @TMP@/sub @HOME@'], check=True)",
    # _posixsubprocess.fork_exec raises no audit event: the old audit hook never saw it
    "_posixsubprocess": FORK_EXEC.format(cmd="echo x > /data/keep.txt; echo x > @TMP@/keep.txt; "
                                             "rm -rf /data/sub @TMP@/sub @HOME@"),
    "audit-hook-off": "import sys\nsys.addaudithook(lambda *a: None)\n"
                      "open('@TMP@/keep.txt', 'w').write('x')",
    "mount-remount": "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                     "r = libc.mount(b'none', b'/data', None, 32 | 4096, None)\n"
                     "assert r == 0, os.strerror(ctypes.get_errno())\n"
                     "open('/data/keep.txt', 'w').write('x')",
    "system-file": "open(os.__file__, 'a').write('# pwned')",
    "usr": "open('/usr/bin/ember-pwned', 'w').write('x')",
}


@needs_os_sandbox
@pytest.mark.parametrize("route", sorted(WRITES))
def test_writes_outside_the_folder_are_contained(route, canaries):
    py = Path(os.__file__).resolve()
    before = (py.read_bytes(), py.stat().st_mode)
    r = hostile(WRITES[route], canaries)
    assert_contained(r)
    assert (py.read_bytes(), py.stat().st_mode) == before
    assert not Path("/usr/bin/ember-pwned").exists()
    # (the canaries fixture checks that nothing under the canary folders changed)


# ------------------------------------------------------------------------ outliving the run
@needs_os_sandbox
@pytest.mark.parametrize("how", ["fork-setsid", "double-fork", "subprocess-nohup",
                                 "_posixsubprocess"])
def test_processes_do_not_outlive_the_run(how, canaries):
    mark = f"{4000 + secrets.randbelow(1000)}.{secrets.randbelow(10**6):06d}"
    body = {
        "fork-setsid": f"if os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sleep', "
                       f"['sleep', '{mark}'])\nreturn 'spawned'",
        "double-fork": f"if os.fork() == 0:\n    if os.fork() == 0:\n        os.setsid()\n"
                       f"        signal_ = __import__('signal')\n"
                       f"        signal_.signal(signal_.SIGHUP, signal_.SIG_IGN)\n"
                       f"        os.execv('/bin/sleep', ['sleep', '{mark}'])\n    os._exit(0)\n"
                       "os.wait()\nreturn 'spawned'",
        "subprocess-nohup": f"import subprocess\nsubprocess.Popen(['nohup', 'sleep', '{mark}'], "
                            "start_new_session=True)\nimport time\ntime.sleep(0.3)\n"
                            "return 'spawned'",
        "_posixsubprocess": FORK_EXEC.format(cmd=f"sleep {mark} &"),
    }[how]
    r = hostile(body, canaries)
    assert_contained(r, "failed", "blocked")  # f() returned 'spawned', not 'never'
    time.sleep(0.3)
    left = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if mark.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    left.append(pid)
            except OSError:
                pass
    assert left == [], f"processes outlived the sandbox: {left}"


# ------------------------------------------------------------------------ signals to Ember
@needs_os_sandbox
@pytest.mark.parametrize("how", ["getppid", "kill-minus-1", "test-pid", "pidfd"])
def test_signals_cannot_reach_the_parent(how, canaries):
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        body = {
            "getppid": "import signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                       "os.kill(1, signal.SIGKILL)",
            "kill-minus-1": "import signal\nos.kill(-1, signal.SIGKILL)",
            "test-pid": f"import signal\nos.kill({os.getpid()}, signal.SIGTERM)\n"
                        f"os.kill({bystander.pid}, signal.SIGKILL)",
            "pidfd": f"import signal\nfd = os.pidfd_open({os.getpid()})\n"
                     "signal.pidfd_send_signal(fd, signal.SIGKILL)",
        }[how]
        r = hostile(body, canaries)
        assert not r.passed and r.isolated, r
        assert bystander.poll() is None, "a process outside the sandbox was killed"
    finally:
        bystander.kill()
        bystander.wait()


# ------------------------------------------------------------------------------- sockets
@needs_os_sandbox
def test_sockets_reach_nothing_outside(canaries):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    port = server.getsockname()[1]
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    name = "\0ember-test-" + secrets.token_hex(6)
    abstract.bind(name)
    abstract.listen(5)
    path_sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock_path = str(canaries["tmp"].parent / "s.sock")
    path_sock.bind(sock_path)
    path_sock.listen(5)
    accepted = []

    def accept(s):
        s.settimeout(0.2)
        while not done.is_set():
            try:
                accepted.append(s.accept()[0])
            except OSError:
                pass

    done = threading.Event()
    threads = [threading.Thread(target=accept, args=(s,), daemon=True)
               for s in (server, abstract, path_sock)]
    for t in threads:
        t.start()
    try:
        for body in (f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3)",
                     f"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect({name!r})",
                     f"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect({sock_path!r})",
                     "import socket\nsocket.getaddrinfo('example.com', 443)",
                     "import urllib.request\nurllib.request.urlopen('http://1.1.1.1/', "
                     "timeout=3)"):
            r = hostile(body, canaries)
            assert_contained(r)
        time.sleep(0.5)
    finally:
        done.set()
        for t in threads:
            t.join()
        for s in [server, abstract, path_sock] + accepted:
            s.close()
    assert accepted == [], "sandboxed code reached a socket of the host"


@needs_os_sandbox
def test_the_interpreters_prefix_shows_only_what_it_needs():
    """Issue 28 (11): the whole prefix of the interpreter was bound, so a run could list a
    pyenv's ~/.pyenv/versions/X (its site-packages, headers and scripts). Only the interpreter,
    its standard library (site-packages hidden) and its shared library are shown now."""
    python = sandbox.find_python()
    roots = sandbox._python_roots(python)
    if not roots:
        pytest.skip("this interpreter lives in /usr: nothing of a home folder to show")
    code = ("import os, json\n"
            f"roots = {list(roots)!r}\n"
            "out = {}\n"
            "for r in roots:\n"
            "    out[r] = sorted(os.listdir(r))\n"
            "    sp = [os.path.join(d, 'site-packages') for d in (os.path.join(r, 'lib', n) for n in"
            " os.listdir(os.path.join(r, 'lib')) if n.startswith('python'))]\n"
            "    out[r + ' site-packages'] = [x for p in sp if os.path.isdir(p) for x in os.listdir(p)]\n"
            "print(json.dumps(out))\n")
    r = sandbox.run_python(code)
    assert r.status == sandbox.OK, (r.status, r.stderr[-2000:])
    seen = json.loads(r.stdout)
    for root in roots:
        assert set(seen[root]) <= {"bin", "lib"}, seen
        assert seen[root + " site-packages"] == [], seen


# -------------------------------------------------------------------------- reading secrets
@needs_os_sandbox
def test_home_and_parent_environment_cannot_be_read(canaries, monkeypatch):
    env_secret = "EMBER-ENV-SECRET-" + secrets.token_hex(8)
    monkeypatch.setenv("EMBER_TEST_SECRET", env_secret)
    body = ("found = []\n"
            "import glob\n"
            "for p in ['@HOME@/.ssh/id_ed25519', os.path.expanduser('~/.ssh/id_ed25519'),\n"
            "          '/root/.ssh/id_rsa', f'/proc/{os.getppid()}/environ',\n"
            f"          '/proc/{os.getpid()}/environ'] + glob.glob('/proc/*/environ') + "
            "glob.glob('/home/*/.ssh/*') + glob.glob('/root/.ssh/*'):\n"
            "    try:\n"
            "        found.append(open(p, 'rb').read().decode('utf-8', 'replace'))\n"
            "    except OSError as e:\n"
            "        print('no', p, e)\n"
            "print('FOUND', found, dict(os.environ))")
    r = hostile(body, canaries)
    assert canaries["secret"] not in r.output + r.detail
    assert env_secret not in r.output + r.detail
    assert_contained(r, "failed")
    assert "FOUND" in r.output


# ------------------------------------------------------------------------- forging a pass
FORGERIES = {
    "sys.exit-before-tests": ("import sys\nsys.exit(0)\ndef f():\n    return 0\n", "exit"),
    "os._exit-at-import": ("import os\nos._exit(0)\ndef f():\n    return 0\n", "exit"),
    "os._exit-in-tests": ("import os\ndef f():\n    os._exit(0)\n", "exit"),
    "kill-self": ("import os, signal\ndef f():\n    os.kill(os.getpid(), signal.SIGKILL)\n", ""),
    "print-pass-lines": ("import sys\ndef f():\n    print('passed')\n"
                         "    print('EMBER-VERDICT-00 {\"status\": \"passed\", \"ran\": 1}')\n"
                         "    sys.stdout.flush()\n    import os\n    os._exit(0)\n", ""),
    "nonce-from-cmdline": ("import os, re, sys\ndef f():\n    cmd = open('/proc/self/cmdline', 'rb')"
                           ".read().decode('utf-8', 'replace')\n"
                           "    for n in re.findall(r'EMBER-[A-Z]+-[0-9a-f]+', cmd):\n"
                           "        print(n + ' {\"status\": \"passed\", \"ran\": 1}')\n"
                           "        open(n + '.json', 'w').write('{\"nonce\": \"%s\", \"status\": "
                           "\"passed\"}' % n)\n    sys.stdout.flush()\n    os._exit(0)\n", ""),
    "fake-result-file": ("import os, glob\ndef f():\n    for d in ['.', '/tmp']:\n"
                         "        open(os.path.join(d, 'result.json'), 'w').write('passed')\n"
                         "    return 0\n", ""),
    "patch-json-dumps": ("import json\njson.dumps = lambda *a, **k: "
                         "'{\"status\": \"passed\", \"ran\": 1}'\ndef f():\n    return 0\n", ""),
    "patch-exec": ("import builtins\nbuiltins.exec = lambda *a, **k: None\ndef f():\n"
                   "    return 0\n", ""),
    "patch-assertion-error": ("import builtins\nclass Nope(BaseException):\n    pass\n"
                              "builtins.AssertionError = Nope\ndef f():\n    return 0\n", ""),
    "always-equal": ("class Yes:\n    def __eq__(self, other):\n        return True\n"
                     "    __hash__ = object.__hash__\ndef f():\n    return Yes()\n", ""),
    "list-subclass": ("class L(list):\n    def __eq__(self, other):\n        return True\n"
                      "def f():\n    return L()\n", ""),
    "thread-after-exit": ("import threading, os, sys\ndef spam():\n    while True:\n"
                          "        print('x {\"status\": \"passed\"}')\n"
                          "threading.Thread(target=spam, daemon=True).start()\n"
                          "def f():\n    return 0\n", ""),
    "close-stdout": ("import os\nos.close(1)\nos.close(2)\ndef f():\n    return 0\n", ""),
}


@needs_os_sandbox
@pytest.mark.parametrize("case", sorted(FORGERIES))
def test_a_pass_cannot_be_forged(case, canaries):
    code, _ = FORGERIES[case]
    r = run_solution(code, "assert f() == 1\n", "f", LIMITS)
    assert r.isolated and not r.passed, r
    # the same code with a correct f() still must not pass when it sabotages the harness
    # (the tests below are the only way to pass)
    assert r.status in ("failed", "error", "crashed", "output_limit", "timeout", "blocked"), r


# ------------------------------------------------------------------ the disk, processes, FIFOs
@needs_os_sandbox
def test_filling_the_disk_hits_the_sandbox_cap(canaries):
    t0 = time.perf_counter()
    free_before = shutil.disk_usage(str(canaries["tmp"])).free
    # relative names: the working folder; at most 64 MiB, so that a sandbox without a cap
    # (the old one) cannot fill this machine's disk while the test shows it failing
    r = hostile("for i in range(8192):\n    with open(f'f{i}', 'wb') as fh:\n"
                "        fh.write(b'x' * 8192)", canaries,
                limits=SandboxLimits(timeout_s=30, cpu_s=20, disk_bytes=8 << 20))
    assert_contained(r, "blocked")
    assert any("disk is full" in v for v in r.violations), r
    assert time.perf_counter() - t0 < 30
    # the 8 MiB cap is on a tmpfs of the sandbox's own: the host's disk did not fill
    assert shutil.disk_usage(str(canaries["tmp"])).free > free_before - (64 << 20)
    r = hostile("open('big', 'wb').write(b'x' * (64 << 20))", canaries,
                limits=SandboxLimits(timeout_s=30, cpu_s=20, file_bytes=4 << 20))
    assert_contained(r, "blocked")
    assert any("file-size limit" in v for v in r.violations), r


@needs_os_sandbox
def test_a_fork_bomb_hits_the_process_limit(canaries):
    t0 = time.perf_counter()
    r = hostile("while True:\n    os.fork()", canaries,
                limits=SandboxLimits(timeout_s=20, cpu_s=10, processes=16))
    assert not r.passed and r.isolated, r
    assert time.perf_counter() - t0 < 20, "the fork bomb ran into the wall clock"
    assert r.status in ("blocked", "error"), r


# ------------------------------------------------------------ one memory budget for each run
BUDGET = 256 << 20   # the run's budget in these tests: 3 children x 150 MiB would be 450 MiB
MODES = ["machine", "fallback"]   # what this machine gives, and the per-process limits forced

# The run forks 3 children. Each holds up to 150 MiB (touched anonymous memory, or memfds
# written through write(): memory that is in no address space), saying on stdout how much it
# holds after every 10 MiB, then tells the parent what it holds and waits. The parent, once
# every child has either answered or died, checks which are still alive: those hold what they
# said at the same moment, and it prints the sum ("HELD n"). Then it lets them go.
HOG = r'''
import os, select, sys
KIND, EACH, CHUNK = "@KIND@", 150 << 20, 10 << 20
ready_r, ready_w = os.pipe()
go_r, go_w = os.pipe()

def child(i):
    os.close(ready_r)
    os.close(go_w)
    held, keep, got, why = [], [], 0, "full"
    src = None
    try:
        while got < EACH:
            if KIND == "anon":
                held.append(bytes([i + 1]) * CHUNK)   # written: every page touched
            else:
                if src is None:
                    src = bytes([i + 1]) * (1 << 20)
                fd = os.memfd_create(f"hog{i}-{len(keep)}")
                keep.append(fd)
                for _ in range(CHUNK >> 20):
                    os.write(fd, src)
            got += CHUNK
            os.write(1, f"child {i} holds {got >> 20} MiB\n".encode())
    except (MemoryError, OSError) as e:
        why = type(e).__name__
    os.write(ready_w, f"{os.getpid()} {got >> 20} {why}\n".encode())
    os.read(go_r, 1)          # hold it until the parent has counted
    os._exit(0)

pids = []
for i in range(3):
    try:
        pid = os.fork()
    except OSError as e:
        print("fork failed:", e, flush=True)
        break
    if pid == 0:
        child(i)
    pids.append(pid)
os.close(ready_w)
os.close(go_r)
answers, dead, buf = {}, set(), b""
while len(answers) + len(dead - set(answers)) < len(pids):
    if select.select([ready_r], [], [], 0.1)[0]:
        chunk = os.read(ready_r, 4096)
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            pid, mib, why = line.decode().split()
            answers[int(pid)] = (int(mib), why)
        if not chunk:
            break
    for pid in pids:
        if pid not in dead and os.waitpid(pid, os.WNOHANG)[0] == pid:
            dead.add(pid)
alive = [p for p in pids if p not in dead and os.waitpid(p, os.WNOHANG)[0] == 0]
dead.update(set(pids) - set(alive))
print("ANSWERS", answers, "DEAD", len(dead), flush=True)
print("HELD", sum(answers[p][0] for p in alive if p in answers), flush=True)
os.close(go_w)
for p in alive:
    os.waitpid(p, 0)
'''


@pytest.fixture(params=MODES)
def budget_mode(request, monkeypatch):
    """'machine': whatever this machine gives (a cgroup where one can be made); 'fallback':
    cgroups switched off, so the per-process limits are what holds."""
    if request.param == "fallback":
        monkeypatch.setenv("EMBER_SANDBOX_CGROUP", "0")
    else:
        monkeypatch.delenv("EMBER_SANDBOX_CGROUP", raising=False)
    return request.param


def _held_mib(r) -> int | None:
    for line in r.stdout.splitlines():
        if line.startswith("HELD "):
            return int(line.split()[1])
    return None


@needs_os_sandbox
@pytest.mark.parametrize("kind", ["anon", "memfd"])
def test_forked_children_share_one_memory_budget(kind, budget_mode):
    limits = sandbox.Limits(timeout_s=60, cpu_s=30, memory_bytes=BUDGET)
    r = sandbox.run_python(HOG.replace("@KIND@", kind), limits=limits)
    assert r.isolated, r
    held = _held_mib(r)
    # the run holds at most its budget: either its children could not hold 450 MiB at once
    # (they failed to allocate, or the kernel killed some), or the run itself was killed
    assert held is not None or r.status == sandbox.KILLED, r
    if held is not None:
        assert held << 20 < BUDGET, f"the run held {held} MiB at once: {r.stdout[-800:]}"
    b = sandbox.budget(limits)
    assert r.budget == b.describe(), r
    if budget_mode == "fallback":
        assert b.kind == sandbox.PER_PROCESS, b
    if b.kind == sandbox.PER_PROCESS:
        assert b.processes * b.process_bytes <= BUDGET, b
    else:
        # the cgroup counts memfds too, and it is gone after the run
        assert b.memory_bytes == BUDGET, b
        assert sandbox.leftover_cgroups() == [], "a run's cgroup outlived it"


@needs_os_sandbox
def test_a_run_cannot_start_62_processes(budget_mode):
    code = ("import os\nr, w = os.pipe()\nstarted, err = 0, ''\nfor i in range(62):\n"
            "    try:\n        pid = os.fork()\n    except OSError as e:\n"
            "        err = repr(e)\n        break\n    if pid == 0:\n        os.close(w)\n"
            "        os.read(r, 1)\n        os._exit(0)\n    started += 1\n"
            "print('STARTED', started, err, flush=True)\nos.close(w)\n"
            "for i in range(started):\n    os.wait()\n")
    r = sandbox.run_python(code, limits=sandbox.Limits(timeout_s=60))
    assert r.isolated, r
    line = [x for x in r.stdout.splitlines() if x.startswith("STARTED ")]
    assert line, r
    started = int(line[0].split()[1])
    assert started < 62, f"a run started {started} processes"
    b = sandbox.budget(sandbox.Limits())
    # the run's own process and its children: at most the cap
    assert started + 1 <= b.processes, (started, b)
    if budget_mode == "fallback":
        assert b.kind == sandbox.PER_PROCESS and b.processes <= sandbox.FALLBACK_PROCESSES, b


def test_the_doctor_says_which_budget_applies(budget_mode):
    from desktop.core import doctor
    line = doctor.sandbox_line()
    if not ISO.available:
        assert "not available" in line, line
        return
    b = sandbox.budget(sandbox.Limits())
    assert b.describe() in line, line
    if b.kind == sandbox.PER_PROCESS:
        mib = b.process_bytes >> 20
        assert f"per-process limits ({b.processes} processes x {mib} MB)" in line, line
    else:
        assert f"cgroup (memory.max 512 MB, pids.max {b.pids_max})" in line, line


@needs_os_sandbox
def test_fifos_and_symlinks_where_files_are_expected_never_hang(canaries):
    t0 = time.perf_counter()
    # FIFOs and symlinks under every name Ember or the old sandbox used, then exit at once
    # (in the working folder, under every name Ember or the old sandbox used, including the
    # old result file's name, whose nonce the old sandbox showed in /proc/self/cmdline)
    body = ("import re\nnames = ['result.json', 'solution.py', 'tests.py', 'ember_harness.py']\n"
            "names += [n + '.json' for n in re.findall(r'EMBER-[A-Z]+-[0-9a-f]+', "
            "open('/proc/self/cmdline', 'rb').read().decode('utf-8', 'replace'))]\n"
            "for name in names:\n"
            "    for p in [name, name + '.link']:\n"
            "        try:\n            os.unlink(p)\n        except OSError:\n"
            "            pass\n    os.mkfifo(name)\n"
            "    os.symlink('/dev/zero', name + '.link')\nos._exit(0)")
    box = []
    t = threading.Thread(target=lambda: box.append(hostile(
        body, canaries, limits=SandboxLimits(timeout_s=10, cpu_s=5))), daemon=True)
    t.start()
    t.join(15)
    assert not t.is_alive(), "Ember hung on a FIFO the code left behind"
    assert_contained(box[0], "error")
    assert time.perf_counter() - t0 < 8
    # the code blocks itself on a FIFO: the wall clock ends it
    r = hostile("os.mkfifo('/tmp/p')\nopen('/tmp/p').read()", canaries,
                limits=SandboxLimits(timeout_s=2, cpu_s=5))
    assert r.status == "timeout" and r.isolated, r
    # files given to a run are written with O_EXCL | O_NOFOLLOW before the code starts
    res = sandbox.run_python("import os; print(os.path.islink('data.txt'), "
                             "open('data.txt').read())", files={"data.txt": "plain"})
    assert res.ok and res.stdout.strip() == "False plain", res


# ------------------------------------------------------------------------ the general API
@needs_os_sandbox
def test_run_python_general_api():
    cancel = threading.Event()
    r = sandbox.run_python("import os, sys\nprint(input()[::-1]); print(os.getuid(), "
                           "os.getcwd(), sorted(os.environ)); sys.exit(3)",
                           stdin="hello\n", cancel=cancel)
    assert r.status == sandbox.EXITED and r.returncode == 3 and r.isolated, r
    lines = r.stdout.splitlines()
    assert lines[0] == "olleh"
    assert lines[1].startswith("65534 /tmp ") and "EMBER" not in lines[1], lines
    threading.Timer(0.5, cancel.set).start()
    r = sandbox.run_python("import time; time.sleep(30)", cancel=cancel)
    assert r.status == sandbox.CANCELLED and r.seconds < 5, r
    r = sandbox.run_python("while True: print('x' * 1000)", limits=sandbox.Limits(
        output_bytes=64 << 10))
    assert r.status == sandbox.OUTPUT_LIMIT and len(r.stdout) <= 64 << 10, r
    r = sandbox.run_python("while True: pass", limits=sandbox.Limits(cpu_s=1, timeout_s=20))
    assert r.status == sandbox.KILLED and "CPU" in r.reason, r
    r = sandbox.run_python("x = bytearray(1 << 34)", limits=sandbox.Limits(memory_bytes=256 << 20))
    assert r.status == sandbox.EXITED and "MemoryError" in r.stderr, r


# ------------------------------------------------------------------------- not isolated
def test_without_bubblewrap_the_sandbox_says_not_isolated(tmp_path):
    missing = str(tmp_path / "no-such-bwrap")
    iso = sandbox.probe(missing)
    assert not iso.available and "bubblewrap" in iso.reason
    r = sandbox.run_python("print('ran')", bwrap=missing)
    assert r.status == sandbox.REFUSED and not r.isolated and "not isolated" in r.reason, r
    assert r.stdout == ""
    r = run_solution("def f():\n    return 1\n", "assert f() == 1\n", "f", bwrap=missing)
    assert r.status == "not_isolated" and not r.isolated and not r.passed, r
    # allowed: it runs, says so, and keeps the audit hook's best effort
    r = run_solution("def f():\n    return 1\n", "assert f() == 1\n", "f", bwrap=missing,
                     allow_unisolated=True)
    assert r.passed and not r.isolated and r.isolation.startswith("none"), r
    r = run_solution(f"def f():\n    open({str(tmp_path / 'x')!r}, 'w')\n", "f()\n", "f",
                     bwrap=missing, allow_unisolated=True)
    assert r.status == "blocked" and not r.isolated, r
    assert not (tmp_path / "x").exists()
