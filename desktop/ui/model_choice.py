"""What the window says about models to get (issue 28): the one to recommend on this machine
(the welcome panel, the first-minute notice and Models… agree), a download's messages in the
window's words, and whether a download has anything to resume."""
from __future__ import annotations

from ..core import hub
from ..core.errors import EmberError
from .i18n import tr


def recommend(cat, hw):
    """The model to suggest first: the catalog's default when it runs entirely on this GPU;
    without a usable GPU a small model (7B models answer at a few tokens a second on a CPU)."""
    from ..core import plan
    default = cat.get(cat.default) if cat.default else None
    if default is not None and hw.can_offload:
        try:
            p = plan.plan(plan.ModelFacts.from_catalog(default), hw)
            if p.fit == "fits":
                return default
        except Exception:
            pass
    small = "qwen2.5-3b-instruct" if hw.physical_cores >= 8 else "qwen2.5-1.5b-instruct"
    try:
        return cat.get(small)
    except EmberError:
        return default


def window_words(message: str) -> str:
    """A download's message for the window: its hint at the terminal's import command becomes
    the window's own button (the core's sentences serve the terminal too)."""
    return (message or "").replace(
        tr(hub.IMPORT_HINT), tr("import a .gguf file you already have with "
                                "\"Import a GGUF file…\" (here, or in Models…)"))


def fetched(e) -> int:
    """Bytes of a download already on disk (0: it never got going: nothing to resume)."""
    p = getattr(e, "progress", None)
    return int(getattr(p, "done", 0) or 0)
