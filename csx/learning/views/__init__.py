"""The learning side's pages: signing in and invitations (accounts), a learner's own
(learner), a trainer's cohorts (trainer). None is ever kept in the page cache: each is
someone's own, so each says `never_cache` besides being drawn for a signed-in session."""
