from gongkai.core.exceptions import DomainError


class DirectoryError(DomainError):
    """A directory change that would leave units or groups inconsistent."""
