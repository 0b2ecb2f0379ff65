"""Human oversight of the evaluation: recruiters' score overrides (with reasons) and hiring decisions."""
