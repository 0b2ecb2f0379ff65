"""A check of our own for schemathesis (loaded through SCHEMATHESIS_HOOKS=tests.schemathesis_hooks).

The schema's error component types `error.code` as a string; each error response lists the codes it can
carry as its examples. This check holds the server to that list: an error whose code the document does
not name for that status fails the run, as an undocumented status would.
"""

import schemathesis


def _documented_codes(case, status: int) -> set[str] | None:
    responses = case.operation.definition.raw.get("responses", {})
    response = responses.get(str(status))
    if response is None:
        return None  # an undocumented status: status_code_conformance reports it
    examples = response.get("content", {}).get("application/json", {}).get("examples", {})
    return {e["value"]["error"]["code"] for e in examples.values() if "error" in e.get("value", {})}


@schemathesis.check
def error_code_documented(ctx, response, case):
    """Every error answers with a code its operation documents for that status."""
    if response.status_code < 400:
        return None
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None  # not the envelope at all: the content-type and schema checks report it
    documented = _documented_codes(case, response.status_code)
    if documented is not None and code not in documented:
        raise AssertionError(
            f"{case.method} {case.operation.path} answered {response.status_code} with error code {code!r}, "
            f"which the document does not list for that status (it lists {sorted(documented)})"
        )
    return None
