"""Readers: one module per input format; each yields Documents or Rejects naming file and position."""
