"""The exception of a refused attachment."""


class FileRefused(Exception):
    """The file may not be stored; `message` is Chinese and shown to the uploader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
