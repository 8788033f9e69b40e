from .cleanup import CleanupBatch, CleanupDecision, CleanupEntry, CleanupStatus
from .documents import (
    PUBLISHED_STATUSES,
    VALID_STATUSES,
    VALIDITY_LABELS,
    DocumentKind,
    DocumentStatus,
    EventAction,
    PolicyDocument,
    PolicyEvent,
    RegistrationCounter,
    RegistrationScheme,
)
from .gazette import GazetteArticle, GazetteIssue, GazetteStatus
from .interpretations import MEDIA_FORMS, Interpretation, InterpretationForm, InterpretationStatus

__all__ = [
    "PUBLISHED_STATUSES", "VALID_STATUSES", "VALIDITY_LABELS", "MEDIA_FORMS",
    "CleanupBatch", "CleanupDecision", "CleanupEntry", "CleanupStatus",
    "DocumentKind", "DocumentStatus", "EventAction", "PolicyDocument", "PolicyEvent",
    "RegistrationCounter", "RegistrationScheme",
    "GazetteArticle", "GazetteIssue", "GazetteStatus",
    "Interpretation", "InterpretationForm", "InterpretationStatus",
]
