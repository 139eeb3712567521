"""The old name of bench/review_queue.py, kept so `python bench/queue.py ...` keeps working.

Same flags, same output: it runs bench/review_queue.py as the main program.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, bench/ is first on the path and this file would shadow the standard
    # library's queue module: run the bench from the project root instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    runpy.run_module("bench.review_queue", run_name="__main__", alter_sys=True)
