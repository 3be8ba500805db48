"""The responses domain's services, by topic, behind one set of names: views, the API, tasks and other
apps import them from here. Each module reads as one story:

- `obligations`: Who owes a response to a report, and the obligation's life outside drafting: marked not
- `clock`: The 56-day clock as the deadlines page reads it: each obligation's bucket and the on-time record.
- `drafting`: Drafting the response: its sections (one per recommendation), edits that take it back to drafting,
- `chief_officer`: The chief officer's comments: the invitation, the date they are wanted by, and recording them
- `approval`: Approval: who may approve, versions kept at each step, the approvers told, sending for approval,
- `publishing`: Publishing: the response kept exactly as published, copies sent, one response answering a linked
"""

from responses.services.approval import (  # noqa: F401
    ApprovalRefused,
    approve,
    approvers,
    comment_on_draft,
    drafters,
    keep_version,
    may_approve,
    notify,
    send_back,
    submit_for_approval,
)
from responses.services.chief_officer import (  # noqa: F401
    changed_since_submitted,
    check_comments,
    check_comments_date,
    comments_wanted_by,
    invitation_email,
    invite_chief_officer,
    record_comments,
)
from responses.services.clock import (  # noqa: F401
    BUCKETS,
    Deadlines,
    OnTime,
    bucket_of,
    deadlines,
)
from responses.services.drafting import (  # noqa: F401
    SectionChanged,
    add_free_section,
    change_calendar_address,
    check_editable,
    delete_free_section,
    drafted_section,
    edited,
    keep_revision,
    office_settings,
    prepare_response,
    quote_current_text,
    save_office_settings,
    save_section,
    unanswered,
)
from responses.services.obligations import (  # noqa: F401
    ObligationRefused,
    bodies_owing,
    handover_note,
    mark_history,
    mark_not_applicable,
    record_obligations,
    reopen,
    return_to_work,
    set_statutory,
)
from responses.services.publishing import (  # noqa: F401
    answer_with,
    copies_email,
    follow_publication,
    keep_as_published,
    open_correction,
    publish,
    publish_correction,
    record_copies_sent,
    record_published,
    withdraw,
)
