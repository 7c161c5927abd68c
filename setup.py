"""Package layout the pyproject table cannot express: the preset folders trained here live in the
repository's top-level `pretrained/` and install as package data under `kerasgan/pretrained/`
(which files: pyproject's package-data)."""

from setuptools import find_packages
from setuptools import setup

setup(
    packages=[*find_packages(include=["kerasgan", "kerasgan.*"]), "kerasgan.pretrained"],
    package_dir={"kerasgan.pretrained": "pretrained"},
)
