"""Knowledge checks (issue 21 item 4): questions editors add to a story, principle or
statistic, or to one step of a path, that learners answer on the step's page.

    module        what lives there
    ------------  ----------------------------------------------------------------------
    models.py     CheckQuestion (single or multiple choice, its choices written as a
                  checklist, one explanation per choice) and Attempt (every answer kept)
    answering.py  a step's check, the form that answers it, marking the answers, and
                  `answered()`: the one place told of each answer (LTI, xAPI hook in there)
    results.py    a cohort's results per question: right at the first attempt, most missed
    admin.py      the inline that edits questions on the item's or path's own admin page

Why questions belong to their item (the design, in short): a question is part of what
readers of the item are taught, so it changes the way the item does. Each is a row the item
owns (its `seed_children`), so it travels in the item's revisions: editing a question of a
live story is held as the story's pending change, shown in the review's diff, and reaches
learners only when a publisher approves it, through csx/editorial/workflow.py's steps with
no step of its own. Questions with a status of their own would have needed a second review
queue and a second history for rows no reader sees alone. The choices are one text field
(`[x] right | why`, `[ ] wrong | why not`) for the same reason: a revision holds the item and
its owned rows one level deep, and the diff shows a changed choice as a changed line.
"""
