"""The text pipeline: cleaning, extraction, matching.

Plain Python with no Django imports, so it is fast and testable without a
database. Django code in ``claims`` stays a thin layer around it.
"""
