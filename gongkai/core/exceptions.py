class DomainError(Exception):
    """A business rule refused an operation. The message is Chinese and shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
