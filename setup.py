"""Packaging for mmpose-trs (installed editable by tools/setup_env.sh)."""
from setuptools import find_packages, setup


def readme():
    with open('README.md', encoding='utf-8') as f:
        return f.read()


setup(
    name='mmpose_trs',
    version='0.1.0',
    description='Teacher-Reviewer-Student semi-supervised 2D pose estimation '
    'for MMPose',
    long_description=readme(),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools')),
    python_requires='>=3.8',
    install_requires=['mmpose>=1.3.0,<1.4', 'mmengine>=0.10.0,<0.11'],
    license='Apache License 2.0',
)
