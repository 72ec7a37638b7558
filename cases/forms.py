from django import forms

from cases.models import Youth


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class YouthForm(forms.ModelForm):
    # Room for the spaces and dots people type (123.456.782); clean_bsn keeps the digits and
    # the model field checks length and the 11-proef.
    bsn = forms.CharField(
        label=Youth._meta.get_field("bsn").verbose_name,
        help_text=Youth._meta.get_field("bsn").help_text,
        max_length=15,
        required=False,
        empty_value=None,
    )

    class Meta:
        model = Youth
        fields = [
            "first_name",
            "name_prefix",
            "last_name",
            "date_of_birth",
            "bsn",
            "street",
            "house_number",
            "postcode",
            "city",
            "district",
            "phone",
            "daytime_activity",
            "household",
        ]
        widgets = {"date_of_birth": DateInput()}

    def clean_bsn(self):
        value = self.cleaned_data.get("bsn")
        if value:
            value = value.replace(" ", "").replace(".", "")
        return value or None
