"""Shared by the Store's parts: the unset marker and metrics as a dict.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

_UNSET: Any = object()


def _metrics_dict(metrics: Any) -> dict:
    if metrics is None:
        return {}
    if hasattr(metrics, "as_dict"):
        return dict(metrics.as_dict())
    if hasattr(metrics, "__dataclass_fields__"):
        return asdict(metrics)
    return dict(metrics)
