"""The life of a microgrant: every status change is a service, one transaction each.

Each transition locks the request's row (SELECT ... FOR UPDATE) and checks its
status again under the lock, so of two reviewers, or two browser tabs, exactly
one wins and the other gets a clear refusal. Every change is appended to the
request's history, which the database keeps from being changed.

By subject: rules.py (what every step asks: refusals, locks, who may, the move),
requester.py (the requester's steps), review.py (the oversight team's), files.py
(receipts and attachments). The services are imported from here.
"""

from microgrants.services.files import (
    ALLOWED_FILE_TYPES,
    detected_file_type,
    microgrant_attach_file,
)
from microgrants.services.requester import (
    microgrant_accept_letter,
    microgrant_save_draft,
    microgrant_submit,
    microgrant_submit_report,
    microgrant_withdraw,
)
from microgrants.services.review import (
    PAYMENT_RECORDED_WITHIN,
    microgrant_accept_report,
    microgrant_approve,
    microgrant_mark_paid,
    microgrant_reject,
    microgrant_request_info,
    microgrant_return_report,
    microgrant_start_review,
)
from microgrants.services.rules import (
    MicrograntError,
    Problem,
    move,
    requesting_group_locked,
    require_note,
    require_possible,
    require_requester,
    require_reviewer,
    reviewed,
    reviewer_refusal,
    submission_blockers,
)

__all__ = [
    "ALLOWED_FILE_TYPES",
    "MicrograntError",
    "PAYMENT_RECORDED_WITHIN",
    "Problem",
    "detected_file_type",
    "microgrant_accept_letter",
    "microgrant_accept_report",
    "microgrant_approve",
    "microgrant_attach_file",
    "microgrant_mark_paid",
    "microgrant_reject",
    "microgrant_request_info",
    "microgrant_return_report",
    "microgrant_save_draft",
    "microgrant_start_review",
    "microgrant_submit",
    "microgrant_submit_report",
    "microgrant_withdraw",
    "move",
    "requesting_group_locked",
    "require_note",
    "require_possible",
    "require_requester",
    "require_reviewer",
    "reviewed",
    "reviewer_refusal",
    "submission_blockers",
]
