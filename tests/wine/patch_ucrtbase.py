#!/usr/bin/env python3
"""Wine-only, for the build and test environment (never the installer): numpy >= 2.4 calls
crealf() at import, and Wine 10's ucrtbase.dll has it as an unimplemented stub ("Call from ... to
unimplemented function ucrtbase.dll.crealf, aborting"); Windows 10+ has it. This writes the C
standard's complex-part accessors over Wine's stubs (24 bytes each) in the given ucrtbase.dll,
keeping a copy as ucrtbase.dll.orig. Idempotent.

    python3 tests/wine/patch_ucrtbase.py CHROOT/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll
"""
from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

# x64 Microsoft ABI: an 8-byte struct (_Fcomplex) comes by value in RCX, a 16-byte one
# (_Dcomplex; _Lcomplex, long double being double) by pointer in RCX; the result in XMM0
CODE = {
    "crealf": bytes.fromhex("660f6ec1c3"),                   # movd xmm0, ecx; ret
    "cimagf": bytes.fromhex("4889c848c1e820660f6ec0c3"),     # mov rax, rcx; shr rax, 32; movd xmm0, eax; ret
    "creall": bytes.fromhex("f20f1001c3"),                   # movsd xmm0, [rcx]; ret
    "cimag": bytes.fromhex("f20f104108c3"),                  # movsd xmm0, [rcx+8]; ret
    "cimagl": bytes.fromhex("f20f104108c3"),
}
STUB = bytes.fromhex("4883ec28")   # sub rsp, 0x28: how Wine's unimplemented stubs begin


def exports(data: bytes) -> tuple[dict[str, int], list[tuple[int, int, int]]]:
    """{name: RVA} of the export table, and the sections (RVA, size, file offset)."""
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0"
    n_sections, opt_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
    opt = pe + 24
    assert struct.unpack_from("<H", data, opt)[0] == 0x20B, "not a PE32+ (64-bit) file"
    exp_rva = struct.unpack_from("<I", data, opt + 112)[0]
    secs = []
    for i in range(n_sections):
        s = opt + opt_size + 40 * i
        vsize, va, _rawsize, raw = struct.unpack_from("<IIII", data, s + 8)
        secs.append((va, max(vsize, _rawsize), raw))

    def off(rva: int) -> int:
        for va, size, raw in secs:
            if va <= rva < va + size:
                return rva - va + raw
        raise ValueError(hex(rva))

    e = off(exp_rva)
    n_funcs, n_names, funcs, names, ords = struct.unpack_from("<IIIII", data, e + 20)
    out = {}
    for i in range(n_names):
        name_rva = struct.unpack_from("<I", data, off(names) + 4 * i)[0]
        name = data[off(name_rva):data.index(b"\0", off(name_rva))].decode()
        ordinal = struct.unpack_from("<H", data, off(ords) + 2 * i)[0]
        out[name] = struct.unpack_from("<I", data, off(funcs) + 4 * ordinal)[0]
    return out, secs


def main(path: str) -> int:
    p = Path(path)
    orig = p.with_name(p.name + ".orig")
    if not orig.exists():
        shutil.copy2(p, orig)
    data = bytearray(orig.read_bytes())
    table, secs = exports(bytes(data))
    patched = []
    for name, code in CODE.items():
        rva = table[name]
        for va, size, raw in secs:
            if va <= rva < va + size:
                o = rva - va + raw
                break
        if data[o:o + 4] != STUB:   # implemented in this Wine: leave it
            continue
        data[o:o + len(code)] = code
        patched.append(name)
    p.write_bytes(bytes(data))
    print(f"{p}: {', '.join(patched) or 'nothing'} patched (Wine-only; the original: {orig.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
