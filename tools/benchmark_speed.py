"""Training cost and speed: a TRS step against a vanilla MMPose step and the
compute floor, in one process, on the same inputs and batch sizes.

Runs :mod:`benchmark.speed` (tools/benchmark/speed.py: design, options,
example).
"""
from benchmark.speed import main

if __name__ == '__main__':
    main()
