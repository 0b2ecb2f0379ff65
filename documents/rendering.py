"""The document text as a recruiter sees it: visible text, with hidden text marked where it sat."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def text_with_hidden_marks(text: str, flag_details: list[dict]) -> SafeString:
    """Escaped text with each hidden excerpt inserted as <mark class="hidden-text"> at its offset."""
    spans = sorted(
        (
            (min(max(int(d.get("offset", len(text))), 0), len(text)), d)
            for d in flag_details
            if d.get("name") == "hidden_text"
        ),
        key=lambda item: item[0],
    )
    pieces, cursor = [], 0
    for offset, detail in spans:
        pieces.append(escape(text[cursor:offset]))
        pieces.append(
            f'<mark class="hidden-text" title="Hidden: {escape(detail.get("reason", ""))}">'
            f"{escape(detail.get('excerpt', ''))}</mark>"
        )
        cursor = offset
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(str(p) for p in pieces))  # noqa: S308 - every piece is escaped above
