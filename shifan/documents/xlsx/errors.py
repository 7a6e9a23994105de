"""The exception for a whole file that is refused before (or instead of) reading its rows."""


class ImportRefused(Exception):
    """The file as a whole cannot be imported; `message` is Chinese and shown to the uploader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
