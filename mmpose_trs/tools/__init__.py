"""The command-line tools of mmpose-trs, reachable from an installed
package: ``python -m mmpose_trs.tools.<tool>`` or the console scripts
``mmpose-trs-<name>`` (setup.py), and ``mim train mmpose_trs CONFIG``
(mim runs ``mmpose_trs/tools/train.py``). Each module has ``main(argv)``.

The repository's ``tools/*.py`` are thin wrappers of these, so commands in
the docs run from a clone as they do from an install.
"""
