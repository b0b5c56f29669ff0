"""Who may do what on the learning side: two groups, never staff (they never see the admin).

A Trainer makes cohorts, invites people and assigns paths (an administrator puts a person in
the group, in the admin's people pages). A Learner is whoever accepted an invitation; every
signed-in person may open "My learning", which lists what their cohorts were assigned.
The groups are made by csx/learning/migrations/0002_roles.py.
"""

from django.contrib.auth.models import Group

TRAINERS = "Trainers"
LEARNERS = "Learners"


def is_trainer(user):
    return user.is_authenticated and user.groups.filter(name=TRAINERS).exists()


def make_learner(user):
    user.groups.add(Group.objects.get_or_create(name=LEARNERS)[0])


def is_learner(user):
    return user.is_authenticated and user.groups.filter(name=LEARNERS).exists()
