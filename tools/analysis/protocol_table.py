"""Markdown table of the protocol cards of every paper config (the table in
docs/reproduce.md): key values per row and the declared deviations.

A wrapper of :mod:`mmpose_trs.tools.protocol_table`,
so that the command runs from a clone as from an install.
"""
from mmpose_trs.tools.protocol_table import main

if __name__ == '__main__':
    main()
