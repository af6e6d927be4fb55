"""Frozen value objects shared by every layer; no I/O, no third-party imports."""
