"""The frozen Ember's entry point (both ember and, on Windows, emberw.exe)."""
import os
import sys

if sys.stdout is None or sys.stderr is None:  # emberw.exe (no console): keep print() harmless
    _null = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = sys.stdout or _null
    sys.stderr = sys.stderr or _null

if sys.platform == "win32":
    # Qt first: PySide6 loads its MSVC runtime before llama.dll does (DESIGN.md, section 4); the
    # runtime DLLs are also bundled beside llama.dll, so this is belt and braces
    import PySide6.QtCore  # noqa: F401


def _main() -> int:
    argv = sys.argv[1:]
    if "--self-test" in argv:  # also wired in desktop/cli; here so the build checks itself
        from desktop.selftest import run_self_test
        return run_self_test(argv)
    from desktop.cli import main
    return main(argv)


if __name__ == "__main__":
    sys.exit(_main())
