"""The one error tree of sverka.

    SverkaError
    ├── ReadError      an input file or record cannot be read (names the file and position)
    ├── StageError     an analysis stage failed on one document
    ├── StoreError     the database cannot be opened, migrated or written
    └── ConfigError    a bad option, alias file or setting
"""


class SverkaError(Exception):
    """Base of every error sverka raises on purpose."""


class ReadError(SverkaError):
    def __init__(self, message: str, path: str | None = None, position: str | int | None = None) -> None:
        self.path = path
        self.position = position
        where = ":".join(str(x) for x in (path, position) if x is not None)
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class StageError(SverkaError):
    pass


class StoreError(SverkaError):
    pass


class ConfigError(SverkaError):
    pass
