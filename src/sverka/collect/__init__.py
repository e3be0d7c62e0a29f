"""Collecting posts from Telegram with Telethon under the user's own account.

`collector.py` walks a channel's history from the last stored message upward and writes the records
the Telethon reader reads (`records.py`); `state.py` knows what is already stored; `session.py` builds
the client from the user's credentials. The records then go through the same ingest as any file.
"""
