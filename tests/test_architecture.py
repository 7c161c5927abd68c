"""The shape of the package, checked with the standard library: no import cycle, frameworks only in
kerasgan/backend/, private Keras APIs only there too, and each package importing only the layers
below it (so models never import the zoo, and shared packages hold no model-specific code)."""

import ast
import os
import re

from repo import REPO_ROOT

PACKAGE = os.path.join(REPO_ROOT, "kerasgan")
FRAMEWORKS = ("tensorflow", "jax", "torch")
# Each subpackage and the subpackages it may import (directly or in functions).
ALLOWED = {
    "utils": set(),
    "backend": set(),
    "losses": {"backend", "utils"},
    "layers": {"backend", "utils"},
    "techniques": {"backend", "losses", "utils"},
    "augment": {"techniques"},
    "callbacks": {"backend", "utils"},
    "core": {"backend", "callbacks", "data", "losses", "techniques", "utils", "version"},
    "data": {"utils"},
    "levels": {"utils"},
    "metrics": {"data", "utils"},
    "models": {"backend", "core", "data", "layers", "levels", "losses", "techniques", "utils"},
    "zoo": {"core", "data", "levels", "models", "techniques", "utils", "version"},
    "cli": {"backend", "callbacks", "core", "data", "levels", "metrics", "models", "techniques", "utils", "zoo"},
}


def _modules():
    mods = {}
    for dirpath, _, files in os.walk(PACKAGE):
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(dirpath, f)
                name = os.path.relpath(path, REPO_ROOT)[:-3].replace(os.sep, ".")
                mods[name[: -len(".__init__")] if name.endswith(".__init__") else name] = path
    return mods


MODULES = _modules()


def _imports(name):
    """(module imported, line) for every import statement of a module, functions included;
    `from pkg import name` counts as importing `pkg.name` if that is a module, else `pkg`."""
    path = MODULES[name]
    is_package = path.endswith("__init__.py")
    out = []
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".") if is_package else name.split(".")[:-1]
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for a in node.names:
                target = f"{base}.{a.name}"
                out.append((target if target in MODULES else base, node.lineno))
    return out


def _graph():
    return {m: {t for t, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}


def _cycle(graph):
    color, stack = {}, []

    def visit(u):
        color[u] = 1
        stack.append(u)
        for v in sorted(graph[u]):
            if color.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if not color.get(v):
                found = visit(v)
                if found:
                    return found
        stack.pop()
        color[u] = 2
        return None

    for m in sorted(graph):
        if not color.get(m):
            found = visit(m)
            if found:
                return found
    return None


def test_checker_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()))


def _subpackage(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_packages_import_only_the_layers_below():
    wrong = []
    for m in MODULES:
        own = _subpackage(m)
        if own not in ALLOWED:
            continue
        for target, line in _imports(m):
            other = _subpackage(target) if target.startswith("kerasgan.") else None
            if target == "kerasgan" or (other and other != own and other not in ALLOWED[own]):
                wrong.append(f"{m}:{line} imports {target}")
    assert wrong == [], wrong


def test_frameworks_and_private_keras_only_in_backend():
    wrong = []
    private = re.compile(r"keras\.src|\._learning_rate\b|\._value\b")
    for m, path in MODULES.items():
        if _subpackage(m) == "backend":
            continue
        for target, line in _imports(m):
            if target.split(".")[0] in FRAMEWORKS or target.startswith("keras.src"):
                wrong.append(f"{m}:{line} imports {target}")
        for number, text in enumerate(open(path).read().splitlines(), 1):
            if private.search(text):
                wrong.append(f"{m}:{number} uses a private Keras API: {text.strip()}")
    assert wrong == [], wrong


def test_library_never_reaches_outside_the_package():
    """No code in kerasgan/ locates the repository around it (an installed package has none)."""
    wrong = [m for m, path in MODULES.items() if "REPO_ROOT" in open(path).read()]
    assert wrong == []


def test_keras_pin_has_an_upper_bound():
    """kerasgan/backend uses Keras internals (the JAX stateless scope), tested on one minor release."""
    text = open(os.path.join(REPO_ROOT, "pyproject.toml")).read()
    assert re.search(r'"keras>=3\.15,<3\.16"', text)


def test_model_specific_code_lives_with_its_model():
    """HGAN's callback is HGAN's; the data samplers are data, which the metrics measure."""
    import kerasgan

    assert not hasattr(kerasgan.callbacks, "TeacherSampleRefresh")
    assert kerasgan.models.hgan.TeacherSampleRefresh.__module__ == "kerasgan.models.hgan.teacher_sample_refresh"
    samplers = ("make_stacked_mnist", "sample_mixture", "ring_of_gaussians", "grid_of_gaussians", "GaussianMixtureSpec")
    for name in samplers:
        assert not hasattr(kerasgan.metrics, name)
        assert getattr(kerasgan.data, name).__module__.startswith("kerasgan.data.")
