"""The compiled modules: the lint engine's loops that run for every character, every name, every
paragraph and every unknown capitalised word (``text``, ``scan``, ``language``, ``scripts``,
``near_misses`` in ``glossary/lint``), built with Cython where a C compiler is found.

Everything else is in pyproject.toml. The modules are written in Cython's pure-Python mode,
so where the C build fails (no compiler, no Python headers) the package still installs and
the same files run as Python, only slower.
"""

from setuptools import Extension, setup

COMPILED = ("text", "scan", "language", "scripts", "near_misses")  # modules of glossary/lint

try:
    from Cython.Build import cythonize
except ImportError:  # building without Cython (not through pip, which installs it first): plain Python
    extensions = []
else:
    extensions = cythonize(
        [Extension(f"glossary.lint.{name}", [f"glossary/lint/{name}.py"]) for name in COMPILED],
        compiler_directives={"language_level": 3},
    )
    for extension in extensions:
        extension.optional = True  # a failed C build leaves the module as Python (cythonize drops this if given before)

setup(ext_modules=extensions)
