"""Accuracy benchmark: does semi-supervised training beat supervised-only?

Runs :mod:`benchmark.accuracy` (tools/benchmark/accuracy.py: design, options,
example).
"""
from benchmark.accuracy import main

if __name__ == '__main__':
    main()
