"""Where Ember keeps its data: EMBER_HOME if set, else the platform's user data folder."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """--data-dir: takes precedence over EMBER_HOME for this process."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    if _override is not None:
        d = _override
    elif os.environ.get("EMBER_HOME"):
        d = Path(os.environ["EMBER_HOME"]).expanduser()
    else:
        d = Path(platformdirs.user_data_dir("Ember", appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d


def models_dir() -> Path:
    d = data_dir() / "models"
    d.mkdir(parents=True, exist_ok=True)
    return d


def logs_dir() -> Path:
    d = data_dir() / "logs"
    d.mkdir(parents=True, exist_ok=True)
    return d
