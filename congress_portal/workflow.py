"""The workflow mechanism: a record's steps declared once (`Steps`), taken through
one service (`take_step`), each leaving one row in the record's step trail.

A model with steps has a `state` field, mixes in `Workflow`, declares
`STEPS = Steps(Step(...), ...)` and `REFUSED_STEP` (its message for a step its
state does not allow), and has a concrete `StepTrail` whose foreign key to it is
named `related_name="steps"`. Each step is applied by the model's method of
the same name, or by the function `apply` names when it spans other rows; what
it returns is the trail's comment. Every one takes `at`, the moment it acts at,
and dates what it writes from it.

A `public` step is also taken by the constituent on a public page, with no
account: `by` is None, and the trail names no one."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bounds
from .audit import save_as
from .errors import DomainError
from .roles import Role
from .scoping import StreetQuerySet


def role(*roles):
    """Who may take a step: any account of these roles."""
    return lambda user, record: user.role in roles


STAFF = role(Role.STAFF)


@dataclass(frozen=True)
class Step:
    """One step: its name, its label for users, who may take it (`who(user,
    record)`), the states it starts from, the form it asks for and what applies
    it. `form` and `apply` are dotted paths, imported when the step is taken:
    forms and services import the models that declare the steps. `public`: the
    constituent takes it too, with no account (user None)."""

    name: str
    label: Any
    who: Any
    starts: frozenset
    form: str | None = None
    apply: str | None = None
    public: bool = False

    def allows(self, user, record):
        return self.public if user is None else self.who(user, record)

    def form_for(self, record, user, data=None, files=None):
        """The step's form (None: a plain confirmation), bound when `data` is given."""
        if self.form is None:
            return None
        form_class = import_string(self.form)
        return form_class(data, files, prefix=self.name, record=record, user=user)

    def take(self, record, by, at, arguments):
        if self.apply:
            return import_string(self.apply)(record, by, at=at, **arguments)
        return getattr(record, self.name)(at=at, **arguments)


class Steps:
    """A model's steps, in the order its pages offer them."""

    def __init__(self, *steps):
        self.steps = {step.name: step for step in steps}

    def __iter__(self):
        return iter(self.steps.values())

    def __contains__(self, name):
        return name in self.steps

    def __getitem__(self, name):
        return self.steps[name]


class Workflow:
    """What a model with declared steps can say about them."""

    def next_steps(self, user):
        """The steps `user` may take from the current state."""
        return [
            step for step in self.STEPS if self.state in step.starts and step.allows(user, self)
        ]

    def check_step(self, name):
        step = self.STEPS[name]
        if self.state not in step.starts:
            raise DomainError(
                self.REFUSED_STEP % {"state": self.get_state_display(), "step": step.label}
            )

    def _move(self, name, to):
        self.check_step(name)
        self.state = to


class StepTrail(models.Model):
    """Who took which step of a record, when, from and to which state. A concrete
    trail adds the foreign key to its record (`related_name="steps"`) and the
    states with the record's choices."""

    name = models.CharField(gettext_lazy("step"), max_length=30)
    comment = models.TextField(
        gettext_lazy("comment"), max_length=bounds.LONG_TEXT_LENGTH, blank=True
    )
    # None: the constituent, on the public tracking page (a `public` step).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=gettext_lazy("by"),
    )
    at = models.DateTimeField(gettext_lazy("at"), default=timezone.now)

    objects = StreetQuerySet.as_manager()

    # The one step of a past record imported from a sheet, which no page takes.
    IMPORTED = "imported"

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.record} · {self.label}"

    @property
    def record(self):
        return getattr(self, self.record_field)

    @property
    def label(self):
        if self.name == self.IMPORTED:
            return gettext_lazy("Imported from a sheet of past records")
        steps = self._meta.get_field(self.record_field).related_model.STEPS
        return steps[self.name].label if self.name in steps else self.name


@transaction.atomic
def take_step(record, name, by, *, at=None, **arguments):
    """Take one declared step of the record as `by` (None: the constituent), at `at`
    (now by default): under
    a row lock, saved with its author and date in the history, with one row in the
    record's step trail. A step that is unknown, not allowed from the record's
    state or not for `by` raises a DomainError and changes nothing."""
    model = type(record)
    if name not in model.STEPS:
        raise DomainError(_("Unknown step."))
    step = model.STEPS[name]
    record = model.objects.select_for_update().get(pk=record.pk)
    record.check_step(name)
    if not step.allows(by, record):
        raise DomainError(
            _("You may not take the step “%(step)s” on this record.") % {"step": step.label}
        )
    at = at or timezone.now()
    before = record.state
    comment = step.take(record, by, at, arguments)
    save_as(record, by, at)
    record.steps.create(
        name=name, from_state=before, to_state=record.state, comment=comment or "", by=by, at=at
    )
    return record


class StepForm(forms.Form):
    """A step's form: `record` is the record the step is taken on, `user` who takes it."""

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.record, self.user = record, user
