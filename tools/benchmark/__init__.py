"""The lab: accuracy and speed benchmarks on the embedded synthetic dataset
(not part of the installed package).

``arms`` is the table of arms, ``accuracy`` runs them (every training through
:func:`mmpose_trs.tools.run_tool.run_tool`), ``report`` summarises them,
``speed``/``methods_speed``/``resume`` time a step against its compute floor
and resume, ``profiling`` holds the timers. Scripts ``tools/benchmark_*.py``
run them; the tests import this package (setup.cfg puts ``tools`` on the test
path).
"""
