"""Test doubles that speak real provider APIs on localhost, for tests and benchmarks (never for production)."""
