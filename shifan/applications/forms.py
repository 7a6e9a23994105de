"""Forms at the boundary of the applications domain."""

from django import forms

from shifan.applications import workflow
from shifan.applications.domain.returns import return_for_correction
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action
from shifan.applications.errors import TransitionError
from shifan.applications.sections import SECTIONS_BY_CODE


class TransitionForm(forms.Form):
    """One workflow move chosen by a button, with the reason where the table asks for one."""

    action = forms.ChoiceField(label="操作", choices=Action.choices)
    reason = forms.CharField(label="理由", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, application, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.actor = actor

    def section_reasons(self) -> dict[str, str]:
        """A return's optional reason per section, posted as ``section_<code>``."""
        return {code: str(self.data.get(f"section_{code}", ""))[:2000] for code in SECTIONS_BY_CODE}

    def apply(self) -> bool:
        """Run the transition; on refusal put the reason on the form and return False."""
        if not self.is_valid():
            return False
        action, reason = self.cleaned_data["action"], self.cleaned_data["reason"]
        row = workflow.find(self.application.status, action)
        if row is not None and row.via:
            self.add_error(None, f"「{Action(action).label}」须在市局评审的「{row.via}」中办理。")
            return False
        try:
            if action == Action.RETURN:
                return_for_correction(self.application, actor=self.actor, reason=reason,
                                      section_reasons=self.section_reasons())
            else:
                transition(self.application, action, actor=self.actor, reason=reason)
        except TransitionError as error:
            for problem in error.problems:
                self.add_error(None, problem)
            return False
        return True
