"""Ember: a private, offline coding assistant on your own GPU."""
__version__ = "0.1.0"

import logging as _logging

# a library's logs go nowhere unless the app (desktop/cli) configures logging
_logging.getLogger("ember").addHandler(_logging.NullHandler())
