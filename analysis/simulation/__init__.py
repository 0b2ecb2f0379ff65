"""Simulated interviews: scripted candidate personas driven through the real conductor (see
`manage.py simulate_interviews`), to show the evaluation ranks candidates soundly."""
