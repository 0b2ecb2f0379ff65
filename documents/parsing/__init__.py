"""Turning an uploaded file into text, in a child process with hard limits (see runner.py)."""
