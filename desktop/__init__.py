"""Ember: a private, offline coding assistant on your own GPU."""
__version__ = "0.1.0"

import logging as _logging
import os as _os

# llama.cpp's CPU threads wait for each other at every barrier of a token's graph (hundreds a
# token). libgomp, its OpenMP, spins 300,000 times there before it sleeps: beside a busy core the
# spinning threads took the core that the per-token hand-off needed, and decode fell from 44 to
# 0.7 tokens/s (docs/DESIGN.md, issue 24). libgomp reads this once, when llama.cpp's library
# loads: so here, before anything imports llama_cpp, for every way Ember starts (the window,
# `ember serve`, `ember chat`, the engine process, the frozen build, the tests). A value the
# user set is kept.
_os.environ.setdefault("GOMP_SPINCOUNT", "1000")

# a library's logs go nowhere unless the app (desktop/cli) configures logging
_logging.getLogger("ember").addHandler(_logging.NullHandler())
