"""The names an integration sees: what a token may do, and the events a webhook carries."""

SCOPES = {
    "drafts": "Create drafts",
    "review": "Submit for review",
    "feedback": "Record feedback",
}

EVENTS = {
    "content.published": "Published",
    "content.changed": "Changed (an approved change went live)",
    "content.withdrawn": "Withdrawn",
    "content.went_live": "Went live by schedule",
    "feedback.received": "Feedback received",
}
