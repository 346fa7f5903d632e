"""The window in English, Simplified Chinese or Japanese, with Qt's own tools.

Every string the window shows goes through `tr()` (one translation context, ""), so that
`pyside6-lupdate` finds it and writes it into the `.ts` sources under translations/; translators
(or Qt Linguist) fill them; `pyside6-lrelease` compiles them to the `.qm` files the window loads.
`python -m desktop.ui.i18n` does both steps (tests/test_i18n.py checks that no source string is
left untranslated and that the `.qm` files are up to date).

The language follows the system locale, or the "language" setting (en, zh_CN, ja). Qt's own
strings (the buttons of standard dialogs) come from Qt's translations shipped with PySide6.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

HERE = Path(__file__).resolve().parent
TRANSLATIONS = HERE / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文", "ja": "日本語"}
_installed: list[QTranslator] = []


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The text in the window's language (the English source when no translation is loaded)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def same(text: str) -> str:
    """A text shown as it is in every language (an example name, a URL, a command line): said
    so, where tests/test_i18n.py looks for strings shown without tr()."""
    return text


def resolve(language: str | None, locale: QLocale | None = None) -> str:
    """"system" (or nothing) -> the system locale's language when Ember has it, else English."""
    if language in LANGUAGES:
        return language
    name = (locale or QLocale.system()).name()  # e.g. zh_CN, zh_TW, ja_JP, en_US
    if name.startswith("zh"):
        # Traditional Chinese readers get Simplified rather than English (no zh_TW yet)
        return "zh_CN"
    if name.startswith("ja"):
        return "ja"
    return "en"


def install(app: QCoreApplication, language: str | None) -> str:
    """Load the translations for `language` ("system", "en", "zh_CN", "ja") into `app`,
    replacing earlier ones. Returns the language in use."""
    lang = resolve(language)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "en":
        return lang
    ember = QTranslator(app)
    if ember.load(str(TRANSLATIONS / f"ember_{lang}.qm")):
        app.installTranslator(ember)
        _installed.append(ember)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(QLocale(lang), "qtbase", "_", qt_dir):  # OK / Cancel / Open… in Qt's dialogs
        app.installTranslator(qt)
        _installed.append(qt)
    return lang


def sources() -> list[Path]:
    """The files whose tr() strings the window shows."""
    return sorted(HERE.glob("*.py"))


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def update(ts_dir: Path = TRANSLATIONS, *, compile_qm: bool = True) -> None:
    """Refresh the .ts sources from the code (new strings appear unfinished, vanished ones are
    marked obsolete and dropped) and compile the .qm files."""
    ts_dir.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        if lang == "en":
            continue
        ts = ts_dir / f"ember_{lang}.ts"
        subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none",
                        *map(str, sources()), "-ts", str(ts)],
                       check=True, capture_output=True, text=True)
        if compile_qm:
            subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                           check=True, capture_output=True, text=True)


if __name__ == "__main__":
    update()
    print(f"updated {', '.join(str(p) for p in sorted(TRANSLATIONS.glob('*.ts')))}")
