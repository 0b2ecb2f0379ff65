"""The evaluation set for document extraction: generated resumes and job descriptions with their
expected fields (see README.md), and the scorer the benchmark and the tests share."""
