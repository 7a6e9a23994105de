"""Forms at the boundary of the applications domain."""

from django import forms

from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action
from shifan.applications.errors import TransitionError


class TransitionForm(forms.Form):
    """One workflow move chosen by a button, with the reason where the table asks for one."""

    action = forms.ChoiceField(label="操作", choices=Action.choices)
    reason = forms.CharField(label="理由", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, application, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.actor = actor

    def apply(self) -> bool:
        """Run the transition; on refusal put the reason on the form and return False."""
        if not self.is_valid():
            return False
        try:
            transition(
                self.application,
                self.cleaned_data["action"],
                actor=self.actor,
                reason=self.cleaned_data["reason"],
            )
        except TransitionError as error:
            for problem in error.problems:
                self.add_error(None, problem)
            return False
        return True
