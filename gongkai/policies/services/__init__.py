"""Every write of the policies app. Import services from here: `from gongkai.policies.services import …`."""

from .cleanup import (
    batch_problems,
    cleanup_batch_apply,
    cleanup_batch_create,
    cleanup_entry_add,
    cleanup_entry_decide,
    cleanup_entry_remove,
)
from .documents import (
    TRANSITIONS,
    policy_document_amend,
    policy_document_approve,
    policy_document_attach,
    policy_document_continue,
    policy_document_create,
    policy_document_expire,
    policy_document_publish,
    policy_document_register,
    policy_document_renew,
    policy_document_repeal,
    policy_document_return,
    policy_document_submit,
    policy_document_update,
    policy_documents_expire_due,
    registration_number_text,
    registration_scheme_set,
)
from .gazette import (
    gazette_article_add,
    gazette_article_remove,
    gazette_issue_create,
    gazette_issue_generate_pdf,
    gazette_issue_publish,
)
from .interpretations import (
    interpretation_approve,
    interpretation_create,
    interpretation_publish,
    interpretation_return,
    interpretation_submit,
    interpretation_update,
    interpretation_withdraw,
)
from .sync import policy_item_published, policy_items_sync

__all__ = [
    "TRANSITIONS", "batch_problems", "cleanup_batch_apply", "cleanup_batch_create", "cleanup_entry_add",
    "cleanup_entry_decide", "cleanup_entry_remove", "gazette_article_add", "gazette_article_remove",
    "gazette_issue_create", "gazette_issue_generate_pdf", "gazette_issue_publish", "interpretation_create",
    "interpretation_publish", "interpretation_update", "interpretation_withdraw", "interpretation_approve",
    "interpretation_return", "interpretation_submit", "policy_item_published", "policy_items_sync",
    "policy_document_approve", "policy_document_attach", "policy_document_return", "policy_document_submit",
    "policy_document_amend",
    "policy_document_continue", "policy_document_create", "policy_document_expire", "policy_document_publish",
    "policy_document_register", "policy_document_renew", "policy_document_repeal", "policy_document_update",
    "policy_documents_expire_due", "registration_number_text", "registration_scheme_set",
]
