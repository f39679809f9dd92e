"""tb-lrsched: the LR Health TensorBoard plugin.

Building the package also builds the frontend (`frontend/`, esbuild) into
`tb_lrsched/static/` when node/npm are available and the bundle is missing or
TB_LRSCHED_BUILD_FRONTEND=1. The build output is package data, not source.
"""

import ast
import os
import shutil
import subprocess

import setuptools
from setuptools.command.build_py import build_py
from setuptools.command.develop import develop

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.join(HERE, "frontend")
BUNDLE = os.path.join(HERE, "tb_lrsched", "static", "index.js")


def read_version():
    """`__version__` from tb_lrsched/version.py, read without importing the package."""
    with open(os.path.join(HERE, "tb_lrsched", "version.py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        names = [getattr(t, "id", None) for t in getattr(node, "targets", ())]
        if isinstance(node, ast.Assign) and names == ["__version__"]:
            return ast.literal_eval(node.value)
    raise RuntimeError("tb_lrsched/version.py does not set __version__")


def build_frontend():
    forced = os.environ.get("TB_LRSCHED_BUILD_FRONTEND") == "1"
    if os.path.exists(BUNDLE) and not forced:
        return
    if not os.path.exists(os.path.join(FRONTEND, "package.json")):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("building tb-lrsched needs node + npm for the frontend (frontend/)")
    if not os.path.isdir(os.path.join(FRONTEND, "node_modules")):
        subprocess.check_call([npm, "ci", "--no-audit", "--no-fund"], cwd=FRONTEND)
    subprocess.check_call([npm, "run", "build"], cwd=FRONTEND)


class BuildPy(build_py):
    def run(self):
        build_frontend()
        super().run()


class Develop(develop):
    def run(self):
        build_frontend()
        super().run()


setuptools.setup(
    name="tb-lrsched",
    version=read_version(),
    description="LR Health: a TensorBoard plugin that judges learning-rate schedules from the curves",
    long_description=open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
    if os.path.exists(os.path.join(HERE, "README.md")) else "",
    long_description_content_type="text/markdown",
    packages=setuptools.find_packages(include=["tb_lrsched", "tb_lrsched.*"]),
    package_data={"tb_lrsched": ["static/*", "static/**/*"]},
    python_requires=">=3.9",
    install_requires=["tensorboard>=2.12", "werkzeug>=2.0", "numpy>=1.21"],
    extras_require={
        "demo": ["tensorflow-cpu>=2.13", "scikit-learn>=1.0"],
        "test": ["tensorflow-cpu>=2.13", "scikit-learn>=1.0", "pytest>=7", "pytest-timeout",
                 "hypothesis>=6", "playwright>=1.40",
                 # other writers, trainers and CI report readers the tests use for real
                 # (torch: the CPU build that this machine keeps on disk; never plain torch)
                 "torch==2.13.0", "tensorboardX>=2.6", "lightning>=2.2", "transformers>=4.40",
                 "accelerate>=0.26", "junitparser>=3", "markdown>=3.4", "pandas>=1.5", "matplotlib>=3.6",
                 "ruff>=0.5", "mypy>=1.8"],
    },
    entry_points={
        "tensorboard_plugins": ["lr_health = tb_lrsched.plugin:LRHealthPlugin"],
        "console_scripts": ["tb-lrsched = tb_lrsched.cli:main"],
    },
    cmdclass={"build_py": BuildPy, "develop": Develop},
    zip_safe=False,
)
