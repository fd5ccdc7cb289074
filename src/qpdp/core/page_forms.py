"""What every page form shares: Bootstrap 5 classes on its widgets, a service's refusal on its fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from qpdp.core.errors import DomainError


class BootstrapBoundField(BoundField):
    """Renders each widget with its Bootstrap 5 class, marked invalid when the field has errors."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


def apply_problems(
    form: forms.Form, refusal: DomainError, renames: Mapping[str, str | None] | None = None
) -> None:
    """Put each problem of a refused service call on the field it names (`renames`: a service's field
    name shown under another field, or None for above the form), else above the form."""
    for problem in refusal.problems:
        name = (renames or {}).get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem.message)


class PageForm(forms.Form):
    """A form of the pages: Bootstrap widgets, each refusal of a service shown on its field."""

    bound_field_class = BootstrapBoundField
    # Service field names that this form shows under another field (or above the form: None).
    problem_fields: Mapping[str, str | None] = {}

    def show_refusal(self, refusal: DomainError) -> None:
        """Each problem of a refused service call on the field it names, else above the form."""
        apply_problems(self, refusal, self.problem_fields)
