"""What this machine has: cores, memory (psutil). GPUs through NVML come with issue 3."""
from __future__ import annotations

import os

import psutil


def physical_cores() -> int:
    """Physical cores (llama.cpp decodes fastest with one thread per physical core)."""
    n = psutil.cpu_count(logical=False)
    if not n:
        n = os.cpu_count() or 1
    return max(1, n)


def logical_cores() -> int:
    return max(1, psutil.cpu_count(logical=True) or os.cpu_count() or 1)


def total_ram() -> int:
    return psutil.virtual_memory().total
