"""Policy Tracker: a versioned policy-document change tracker.

Library first: the CLI in :mod:`tracker.cli` is a thin layer over these modules.
"""

__version__ = "0.1.0"
