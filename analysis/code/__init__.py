"""Code evaluation: the task bank, the sandbox, static analysis and the agentic review.

Nothing here is imported at package import: the sandbox worker (`analysis.code.worker`) imports
this package without Django. The application's tasks are registered through `analysis.tasks`.
"""
