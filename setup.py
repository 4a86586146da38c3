"""The compiled modules: the lint engine's loops that run for every character, every name, every
paragraph and every unknown capitalised word (``text``, ``scan``, ``language``, ``scripts``,
``near_misses`` in ``glossary/lint``), the one that runs for every term when a glossary is compiled
(``matcher``) and the memory import's loop over every word (``tm/words``), built with Cython where a
C compiler is found.

Everything else is in pyproject.toml. The modules are written in Cython's pure-Python mode,
so where the C build fails (no compiler, no Python headers) the package still installs and
the same files run as Python, only slower.
"""

import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

COMPILED = ("text", "scan", "language", "scripts", "near_misses", "matcher")  # modules of glossary/lint
COMPILED_TM = ("words", "formats.tmxscan")  # modules of tm: an import's loops over every word

try:
    from Cython.Build import cythonize
except ImportError:  # building without Cython (not through pip, which installs it first): plain Python
    extensions = []
else:
    extensions = cythonize(
        [Extension(f"glossary.lint.{name}", [f"glossary/lint/{name}.py"]) for name in COMPILED]
        + [Extension(f"tm.{name}", [f"tm/{name.replace('.', '/')}.py"]) for name in COMPILED_TM],
        compiler_directives={"language_level": 3},
    )
    for extension in extensions:
        extension.optional = True  # a failed C build leaves the module as Python (cythonize drops this if given before)



class BuildWithLocales(build_py):
    """The UI's catalogues live in locales/ at the repository root; an installed package carries
    them as webapp/locales (webapp/i18n.py looks there first)."""

    def run(self) -> None:
        super().run()
        for po in Path("locales").glob("*/LC_MESSAGES/messages.po"):
            target = Path(self.build_lib) / "webapp" / po
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(po, target)


setup(ext_modules=extensions, cmdclass={"build_py": BuildWithLocales})
