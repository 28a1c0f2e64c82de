"""Time from ``--resume`` to the first new iteration, by the iteration

Runs :mod:`benchmark.resume` (tools/benchmark/resume.py: design, options,
example).
"""
from benchmark.resume import main

if __name__ == '__main__':
    main()
