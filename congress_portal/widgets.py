from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. It only understands ISO dates, whatever the
    locale's display format (zh-hans would render 2026/11/21 and show nothing)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
