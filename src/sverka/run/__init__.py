"""Running work in parallel: a local process pool (local.py)."""
