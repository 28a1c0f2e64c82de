"""Packaging for mmpose-trs.

Configs ship inside the package as ``mmpose_trs/.mim/configs`` (OpenMMLab's
layout: ``mmpose_trs::<path>`` bases and ``mim train mmpose_trs`` read them
there): copied into wheels and sdists, a symbolic link to ``configs/`` in a
development install.
"""
import os
import os.path as osp
import shutil
import sys
from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))
MIM_FILES = ('configs', )


def readme():
    with open(osp.join(HERE, 'README.md'), encoding='utf-8') as f:
        return f.read()


def mim_mode():
    """'symlink' for editable installs, 'copy' for built distributions,
    None for other commands."""
    if any(c in sys.argv for c in ('develop', 'editable_wheel')):
        return 'symlink'
    built = ('sdist', 'bdist_wheel', 'build', 'install')
    return 'copy' if any(c in sys.argv for c in built) else None


def add_mim_extension(mode):
    """Put ``configs/`` into ``mmpose_trs/.mim`` (as mmpose's setup.py):
    a link for editable installs, a copy for built distributions."""
    if mode is None:
        return
    mim = osp.join(HERE, 'mmpose_trs', '.mim')
    os.makedirs(mim, exist_ok=True)
    # mmengine reads it to resolve package::path configs
    with open(osp.join(mim, 'model-index.yml'), 'w') as f:
        f.write('Import: []\n')
    for name in MIM_FILES:
        src, dst = osp.join(HERE, name), osp.join(mim, name)
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim), dst, target_is_directory=True)
        else:
            shutil.copytree(src, dst)


TOOLS = {
    'train': 'train',
    'test': 'test',
    'export': 'export_model',
    'config': 'trs_config',
    'protocol-card': 'protocol_card',
    'pseudo-label': 'pseudo_label',
    'make-synthetic': 'make_synthetic_coco',
    'split-coco': 'split_coco',
}


def restore_link():
    """After a build from a clone, ``.mim/configs`` is the link again (a
    copy left behind would go stale as configs/ changes)."""
    dst = osp.join(HERE, 'mmpose_trs', '.mim', 'configs')
    if osp.isdir(dst) and not osp.islink(dst):
        shutil.rmtree(dst)
        os.symlink(osp.join('..', '..', 'configs'), dst)


if __name__ == '__main__':
    MODE = mim_mode()
    add_mim_extension(MODE)
    setup(
        name='mmpose_trs',
        version='0.1.0',
        description='Teacher-Reviewer-Student semi-supervised 2D pose '
        'estimation for MMPose',
        long_description=readme(),
        long_description_content_type='text/markdown',
        packages=find_packages(
            exclude=('tests', 'tests.*', 'configs', 'tools', 'tools.*')),
        include_package_data=False,
        package_data={
            'mmpose_trs': ['.mim/configs/**/*.py', '.mim/model-index.yml'],
            'mmpose_trs.protocol': ['*.yml'],
        },
        entry_points={
            'console_scripts': [
                f'mmpose-trs-{name}=mmpose_trs.tools.console:{mod}'
                for name, mod in TOOLS.items()
            ]
        },
        python_requires='>=3.8',
        install_requires=['mmpose>=1.3.0,<1.4', 'mmengine>=0.10.0,<0.11'],
        license='Apache License 2.0',
    )
    if MODE == 'copy':
        restore_link()
