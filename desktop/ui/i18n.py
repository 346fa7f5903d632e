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


def _qt_catalog_gaps() -> None:  # pragma: no cover - never called
    """Strings of Qt's own dialogs that its qtbase_zh_CN / qtbase_ja catalogs lack (Qt 6 gave
    them mnemonics: "&Look in:"), marked here so that lupdate puts them in Ember's catalogs,
    which Qt asks after its own."""
    QCoreApplication.translate("QFileDialog", "&Look in:")
    QCoreApplication.translate("QFileDialog", "Files of &type:")


def same(text: str) -> str:
    """A text shown as it is in every language (an example name, a URL, a command line): said
    so, where tests/test_i18n.py looks for strings shown without tr()."""
    return text


def core_text(text: str) -> str:
    """A text the Qt-free core defines (a built-in preset's name and system prompt, an example
    schema's name) in the window's language; other texts as they are."""
    return _core_texts().get(text, text)


def _core_texts() -> dict[str, str]:
    # the core's English (desktop/core/settings.py PRESETS, core/json_schema.py EXAMPLES) with
    # its tr(): tests/test_i18n.py checks that every one of them is here
    return {
        "Ember (default)": tr("Ember (default)"),
        "You are Ember, a helpful, precise coding assistant. Answer with working code and short "
        "explanations.": tr("You are Ember, a helpful, precise coding assistant. Answer with "
                            "working code and short explanations."),
        "Senior Python backend engineer (code only)":
            tr("Senior Python backend engineer (code only)"),
        "You are a senior Python backend engineer who answers with code only.":
            tr("You are a senior Python backend engineer who answers with code only."),
        "Code reviewer": tr("Code reviewer"),
        "You are a meticulous code reviewer. Point out bugs, risks and simpler alternatives, "
        "citing the lines concerned.": tr("You are a meticulous code reviewer. Point out bugs, "
                                          "risks and simpler alternatives, citing the lines "
                                          "concerned."),
        "JSON API designer": tr("JSON API designer"),
        "You design JSON APIs. Reply with a single valid JSON document and nothing else.":
            tr("You design JSON APIs. Reply with a single valid JSON document and nothing "
               "else."),
        "Explainer": tr("Explainer"),
        "You explain code to a junior developer: short steps, plain words, one example.":
            tr("You explain code to a junior developer: short steps, plain words, one "
               "example."),
        "Translator (code comments)": tr("Translator (code comments)"),
        "You translate code comments and docs between English, Chinese and Japanese, keeping "
        "code unchanged.": tr("You translate code comments and docs between English, Chinese "
                              "and Japanese, keeping code unchanged."),
        "An object with required fields": tr("An object with required fields"),
        "A choice among values (enum)": tr("A choice among values (enum)"),
        "A list of items (array)": tr("A list of items (array)"),
    }


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
    from ..core import texts  # the core's sentences (and the engine processes started later)
    texts.set_language(lang)
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


# the core files whose sentences reach the window (errors, notes, the planner's and the budget's
# sentences); not the API server's, the bench's or the tools' (the model reads those)
CORE_SOURCES = (
    "core/catalog.py", "core/client.py", "core/doctor.py", "core/documents/budget.py",
    "core/documents/extract.py", "core/documents/prompt.py", "core/documents/retrieval.py",
    "core/engine/core.py", "core/engine/kv.py", "core/engine/loading.py",
    "core/engine/parallel.py", "core/engine/sampling.py", "core/engine/speculative.py",
    "core/errors.py", "core/gguf_meta.py", "core/hardware.py", "core/hub/common.py",
    "core/hub/download.py", "core/hub/importing.py", "core/hub/listing.py", "core/kvcache.py",
    "core/model_facts.py", "core/models.py", "core/plan.py", "core/presets.py", "core/remote.py",
    "core/remote_registry.py", "core/session.py",
    "core/settings.py", "core/store/base.py", "core/store/conversations.py",
    "core/store/markdown_import.py", "core/store/messages.py", "core/store/steps.py",
    "core/store/transfer.py", "core/texts.py", "core/turns.py",
    "core/toolcalls.py",
)


def sources() -> list[Path]:
    """The files whose tr() strings the window shows: the window's own, then the core's."""
    return sorted(HERE.glob("*.py")) + [HERE.parent / p for p in CORE_SOURCES]


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
