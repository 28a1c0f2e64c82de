"""Where the project's configs are: ``mmpose_trs/.mim/configs`` in an
installed package (OpenMMLab's layout, read by ``mmpose_trs::<path>`` and
``mim``), else the repository's ``configs/`` beside the package (a source
checkout)."""
import os.path as osp

PACKAGE_DIR = osp.dirname(osp.dirname(osp.abspath(__file__)))


def configs_root() -> str:
    """The folder holding ``_base_/``, ``quickstart/``, ``trs/``, ...

    Raises:
        FileNotFoundError: neither an installed nor a source layout.
    """
    for root in (osp.join(PACKAGE_DIR, '.mim', 'configs'),
                 osp.join(osp.dirname(PACKAGE_DIR), 'configs')):
        if osp.isdir(osp.join(root, '_base_')):
            return root
    raise FileNotFoundError(
        f'no configs next to {PACKAGE_DIR}: reinstall mmpose_trs (its wheel '
        'ships them under mmpose_trs/.mim/configs)')


def config_file(rel: str) -> str:
    """The path of the shipped config ``rel`` (e.g.
    ``'_base_/semi_methods.py'``)."""
    path = osp.join(configs_root(), rel)
    if not osp.isfile(path):
        raise FileNotFoundError(f'{rel}: no such config in {configs_root()}')
    return path
