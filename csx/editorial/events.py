"""What the workflow announces when readers' view of an item changes, for whoever listens
(webhooks, csx/api/hooks.py): Django signals sent by csx/editorial/workflow.py once the change is
made, each with `item` (and `user` where someone did it).

    published    an item readers had not seen is live now
    changed      a live item's approved change is live now
    withdrawn    readers no longer see it (its links answer 410)
    went_live    a change approved for later took effect at its time
    scheduled    an item was approved to go live later (at its `published_at`)
"""

from django.dispatch import Signal

published = Signal()
changed = Signal()
withdrawn = Signal()
went_live = Signal()
scheduled = Signal()
