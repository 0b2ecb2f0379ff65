"""The upload page's two forms. They only shape input; `document_create` does the checking."""

from django import forms

from .models import Document


class JobDescriptionUploadForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial=Document.Kind.JD)
    title = forms.CharField(required=False, max_length=200, label="Title (optional)")
    file = forms.FileField(required=False, label="File (PDF, DOCX, TXT or MD)")
    text = forms.CharField(required=False, widget=forms.Textarea, label="…or paste the job description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.txt,.md"


class ResumeUploadForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial=Document.Kind.RESUME)
    file = forms.FileField(required=False, label="Resume (PDF, DOCX, TXT or MD)")
    jd = forms.ModelChoiceField(queryset=Document.objects.none(), required=False, label="For job description",
                                empty_label="— none yet —")
    candidate_name = forms.CharField(required=False, max_length=200, label="Candidate name (optional)")
    candidate_email = forms.EmailField(required=False, label="Candidate email (optional)")

    def __init__(self, *args, jd_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jd_choices is not None:
            self.fields["jd"].queryset = jd_choices
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.txt,.md"
