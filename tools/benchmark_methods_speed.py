"""Training step of every method against its own compute floor.

Runs :mod:`benchmark.methods_speed` (tools/benchmark/methods_speed.py:
design, options, example).
"""
from benchmark.methods_speed import main

if __name__ == '__main__':
    main()
