"""Editors write knowledge-check questions on the item's own admin page (a story's,
principle's, statistic's, or a path's for its steps): saved with the item, so a change to
a live item's questions waits for a publisher's approval with the rest of its change
(csx/editorial/workflow.py)."""

from django import forms
from django.contrib import admin
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet

from csx.learning.checks.models import CheckQuestion
from csx.paths.models import PathItem


class QuestionsFormSet(BaseInlineFormSet):
    """A form posted without the questions' part of the page (a script, or a client written
    before checks came) changes no question, instead of failing for want of its counts."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        total = f"{self.prefix}-{TOTAL_FORM_COUNT}"
        if self.is_bound and total not in self.data:
            self.data = self.data.copy()
            self.data.update({total: "0", f"{self.prefix}-{INITIAL_FORM_COUNT}": "0"})


class QuestionInline(admin.StackedInline):
    model = CheckQuestion
    formset = QuestionsFormSet
    extra = 0
    fields = ["order", "prompt", "kind", "choices"]
    verbose_name = "knowledge check question"
    verbose_name_plural = "knowledge check (learners answer it on every path step showing this)"
    formfield_overrides = {
        CheckQuestion._meta.get_field("choices"): {
            "widget": forms.Textarea(attrs={"rows": 4, "cols": 80})
        }
    }


class StepQuestionInline(QuestionInline):
    """A path's own questions, each about one of its steps (asked after the item's own)."""

    fields = ["step", "order", "prompt", "kind", "choices"]
    verbose_name_plural = "knowledge check questions for steps (save new steps first)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        steps = PathItem.objects.filter(path=obj).with_targets() if obj else PathItem.objects.none()
        field = formset.form.base_fields["step"]
        field.queryset = steps
        field.label_from_instance = lambda step: f"{step.number}. {step.target}"
        field.widget.can_add_related = field.widget.can_change_related = False
        field.widget.can_delete_related = field.widget.can_view_related = False
        return formset
