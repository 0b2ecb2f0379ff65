"""Rule-based extraction of resume and JD fields: the offline answer of the extraction prompts."""

from .jd import extract_jd
from .resume import extract_resume

__all__ = ["extract_jd", "extract_resume"]
