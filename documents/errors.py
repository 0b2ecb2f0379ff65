"""Why a document was refused or failed, with the contract's stable codes.

Kept free of Django imports: the parsing child process raises these too.
"""

# HTTP status for a refusal at upload time; a failure found in the worker only sets the code.
STATUS_BY_CODE: dict[str, int] = {
    "missing_file": 400,
    "empty_file": 400,
    "too_large": 413,
    "unsupported_type": 415,
    "truncated_file": 400,
    "archive_bomb": 400,
    "malformed_file": 400,
    "too_many_pages": 400,
    "too_many_characters": 413,
    "no_text_layer": 400,
    "jd_not_found": 400,
    "invalid_kind": 400,
    # Found only while parsing in the worker: the document ends `failed` with these.
    "encrypted_file": 400,
    "parse_timeout": 422,
    "parse_memory_exceeded": 422,
    "file_missing": 410,
    "parse_error": 500,
}


class DocumentError(Exception):
    """A document problem a recruiter can act on: `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    @property
    def status_code(self) -> int:
        return STATUS_BY_CODE.get(self.code, 400)
