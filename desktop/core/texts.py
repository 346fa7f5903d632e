"""Sentences the Qt-free core builds for the window (the planner's, the engine's notes), in the
window's language.

The translations are the window's own (desktop/ui/translations/ember_<lang>.ts, kept by Qt's
lupdate, which also scans the core files that call `tr` here: desktop/ui/i18n.py sources()).
The core reads the .ts XML itself, so neither it nor the engine process needs Qt.

The language: EMBER_LANGUAGE ("zh_CN", "ja"; anything else is English), which the window sets
for itself and for the engine process it starts (the engine's planner sentences and notes then
reach the window translated). The terminal and the API stay in English unless it is set.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[1] / "ui" / "translations"
LANGUAGES = ("zh_CN", "ja")


def language() -> str:
    lang = os.environ.get("EMBER_LANGUAGE", "")
    return lang if lang in LANGUAGES else "en"


def set_language(lang: str) -> None:
    """The language of the core's sentences in this process and in the engine processes it
    starts from now on."""
    os.environ["EMBER_LANGUAGE"] = lang if lang in LANGUAGES else "en"


@lru_cache(maxsize=4)
def _table(lang: str) -> dict[str, str]:
    try:
        root = ET.parse(TRANSLATIONS / f"ember_{lang}.ts").getroot()
    except (OSError, ET.ParseError):
        return {}
    out = {}
    for msg in root.iter("message"):
        src, t = msg.findtext("source"), msg.find("translation")
        if src and t is not None and t.text and t.get("type") not in ("unfinished", "vanished",
                                                                        "obsolete"):
            out[src] = t.text
    return out


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate where it is defined (a module's constant); tr() translates it
    where it is shown. Named as Qt's marker, which lupdate knows; the core has no Qt."""
    return text


def tr(text: str) -> str:
    """`text` (an English sentence with {placeholders}) in the current language."""
    lang = language()
    if lang == "en":
        return text
    return _table(lang).get(text, text)
