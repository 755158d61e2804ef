"""A registry model as plain PyTorch code: the ``nn`` calls that rebuild it, layer by layer.

The code is generated from the built model itself, never written per model, so a model
that changes in ``training_core.models`` exports as it is now. Every model but the
from-scratch one is standard ``torch.nn`` layers: an ``nn.Sequential``, or a module whose
forward runs its child Sequentials one after the other (``classifier(features(x))``). Each
layer's repr is a constructor call (``Conv2d(1, 32, kernel_size=(3, 3), ...)``); it is
parsed, shortened to what differs from the defaults (``nn.Conv2d(1, 32, 3, padding=1)``,
which also runs on older PyTorch versions than the one that wrote the repr) and checked
by rebuilding it. A layer outside :data:`LAYERS`, or a model whose forward is not its
layers in a row, is refused in one line: the exported code would not be the model.

Layers are built on PyTorch's ``meta`` device for these checks: no memory, and no draw
from the global random generator, which a training run on another thread may be using.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections import OrderedDict
from dataclasses import dataclass

import torch
from torch import nn

from training_core.messages import msg
from training_core.models import MODELS, ModelError, build_model

# The layer types the generator accepts, each with the idea its first use is commented with.
LAYERS: dict[str, str] = {
    "Flatten": "Flatten: each image becomes one row of numbers",
    "Linear": "Linear: every output is a weighted sum of all inputs, plus a bias",
    "Conv2d": "Conv2d: small filters slide over the image; one output channel per filter",
    "BatchNorm1d": "BatchNorm: normalise each feature over the batch (running averages in eval)",
    "BatchNorm2d": "BatchNorm: normalise each channel over the batch (running averages in eval)",
    "ReLU": "ReLU: max(0, x), the non-linearity; without one, stacked layers are one linear map",
    "LeakyReLU": "LeakyReLU: like ReLU, with a small slope for negative inputs",
    "GELU": "GELU: a smooth ReLU",
    "Tanh": "tanh: the squashing non-linearity of the 1998 paper",
    "Sigmoid": "sigmoid: squashes each value into (0, 1)",
    "MaxPool2d": "max pooling: keep the largest value of each window, a smaller image",
    "AvgPool2d": "average pooling: the mean of each window, a smaller image",
    "AdaptiveAvgPool2d": "adaptive average pooling: average down to a fixed size",
    "Dropout": "Dropout: zeroes a random share of values in model.train(), none in model.eval()",
    "Dropout2d": "Dropout2d: zeroes whole channels at random while training",
    "ZeroPad2d": "ZeroPad2d: a border of zeros around each image",
    "Identity": "Identity: passes its input through unchanged",
}
LOGITS_NOTE = "logits: no softmax here, cross_entropy applies log-softmax itself"
INDENT = " " * 4
LINE_LENGTH = 100  # of the exported code, as ruff checks it


class ModelCodeError(ModelError):
    """A model that cannot be written as plain nn code; the message is meant for the user."""


@dataclass(frozen=True)
class ModelCode:
    """The model's definition as source text: ``build_model()`` returns the model.

    ``source`` defines ``build_model`` (and a class when the model is not one Sequential);
    its state_dict keys and shapes are those of Digit Lab's model, so a checkpoint's
    weights load into it.
    """

    source: str


@dataclass
class _Node:
    """One module: a leaf layer's call, or a container's children."""

    call: str = ""  # a leaf: "nn.Conv2d(1, 32, 3, padding=1)"
    children: list[tuple[str, _Node]] | None = None  # a container: (name, node) in order
    shape: str = ""  # the leaf's output shape for one image, e.g. "32 x 28 x 28"
    idea: str = ""  # the comment for the first layer of its type
    is_logits: bool = False


def model_code(name: str) -> ModelCode:
    """The source of registry model ``name`` (not softmax-scratch, which is written by hand).

    Raises ModelCodeError when the model is anything but allowed layers in a row.
    """
    with torch.device("meta"):
        model = build_model(name)
    tree = _container(model, top=True)
    _check_round_trip(model, _rebuild(tree), name)
    with torch.device("meta"):
        _annotate(build_model(name), tree)
    title = _docstring(f'{MODELS[name].description} (Digit Lab\'s "{name}").')
    if isinstance(model, nn.Sequential):
        body = _render(tree, 1)
        source = f"def build_model() -> nn.Module:\n{title}\n{INDENT}return {body}\n"
        return ModelCode(source)
    class_name = type(model).__name__
    lines = [
        f"class {class_name}(nn.Module):",
        title,
        "",
        f"{INDENT}def __init__(self) -> None:",
        f"{INDENT * 2}super().__init__()",
    ]
    children = tree.children or []
    for child_name, child in children:
        if child.children is None:
            lines += _leaf_lines(child, INDENT * 2, f"self.{child_name} = ", "")
        else:
            lines.append(f"{INDENT * 2}self.{child_name} = {_render(child, 2)}")
    lines += ["", f"{INDENT}def forward(self, x: torch.Tensor) -> torch.Tensor:"]
    lines += [f"{INDENT * 2}x = self.{child_name}(x)" for child_name, _ in children]
    lines += [f"{INDENT * 2}return x", "", "", "def build_model() -> nn.Module:"]
    lines.append(f"{INDENT}return {class_name}()")
    return ModelCode("\n".join(lines) + "\n")


# -- reading the module tree -------------------------------------------------------------


def _container(module: nn.Module, top: bool = False) -> _Node:
    """A Sequential (or, at the top, a module whose forward runs its children in order)."""
    kind = type(module).__name__
    if not (isinstance(module, nn.Sequential) or top):
        raise ModelCodeError(
            msg(
                "code.not_a_layer",
                "{kind} inside the model is not a layer Digit Lab can export",
                kind=kind,
            )
        )
    own = [n for n, _ in module.named_parameters(recurse=False)]
    own += [n for n, _ in module.named_buffers(recurse=False)]
    if own:
        raise ModelCodeError(
            msg(
                "code.own_tensors",
                "{kind} holds its own tensors ({names}): not exportable",
                kind=kind,
                names=", ".join(own),
            )
        )
    children = []
    for child_name, child in module.named_children():
        if not child_name.isidentifier() and not isinstance(module, nn.Sequential):
            raise ModelCodeError(
                msg(
                    "code.bad_part_name",
                    "{kind} has a part named {name!r}: not exportable",
                    kind=kind,
                    name=child_name,
                )
            )
        leaf = not list(child.children())
        children.append((child_name, _Node(call=_layer_call(child)) if leaf else _container(child)))
    if not children:
        raise ModelCodeError(msg("code.no_layers", "{kind} has no layers to export", kind=kind))
    return _Node(children=children)


def _layer_call(module: nn.Module) -> str:
    """``nn.X(...)`` for an allowed layer: its repr, parsed, checked and shortened."""
    kind = type(module).__name__
    cls = getattr(nn, kind, None)
    if kind not in LAYERS or type(module) is not cls:
        raise ModelCodeError(
            msg(
                "code.layer_not_allowed",
                "the model holds a {kind} layer; only these can be exported as code: {allowed}",
                kind=kind,
                allowed=", ".join(LAYERS),
            )
        )
    target = repr(module)
    try:
        call = ast.parse(target, mode="eval").body
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            raise ValueError(target)
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except (SyntaxError, ValueError) as exc:
        raise ModelCodeError(
            msg(
                "code.settings_unreadable",
                "the {kind} layer's settings cannot be read: {settings}",
                kind=kind,
                settings=target,
            )
        ) from exc
    if not _rebuilds(cls, args, kwargs, target):
        raise ModelCodeError(
            msg(
                "code.not_rebuildable",
                "the {kind} layer cannot be rebuilt from its settings: {settings}",
                kind=kind,
                settings=target,
            )
        )
    args, kwargs = _shortened(cls, args, kwargs, target)
    text = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"nn.{kind}({', '.join(text)})"


def _rebuilds(cls: type, args: list, kwargs: dict, target: str) -> bool:
    try:
        with torch.device("meta"):
            return repr(cls(*args, **kwargs)) == target
    except Exception:  # a setting the constructor refuses: not this call
        return False


def _same_values(value):
    """``(3, 3)`` -> ``3``: the short form every 2-D layer accepts; else ``value``."""
    if isinstance(value, tuple) and len(value) > 1 and len(set(value)) == 1:
        return value[0]
    return value


def _shortened(cls: type, args: list, kwargs: dict, target: str) -> tuple[list, dict]:
    """Drop every keyword the layer does not need, collapse ``(k, k)`` to ``k`` and pass
    the leading sizes by position; each step kept only if the layer rebuilds the same."""
    for i, value in enumerate(args):
        trial = [*args[:i], _same_values(value), *args[i + 1 :]]
        if _rebuilds(cls, trial, kwargs, target):
            args = trial
    for key in list(kwargs):
        trial = {k: v for k, v in kwargs.items() if k != key}
        if _rebuilds(cls, args, trial, target):
            kwargs = trial
        elif _same_values(kwargs[key]) != kwargs[key]:
            shorter = {**kwargs, key: _same_values(kwargs[key])}
            if _rebuilds(cls, args, shorter, target):
                kwargs = shorter
    positional = [
        p.name
        for p in inspect.signature(cls).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    for key in positional[len(args) :]:  # sizes and rates read best by position, flags not
        value = kwargs.get(key)
        if key not in kwargs or isinstance(value, bool) or not isinstance(value, int | float):
            break
        trial_args, trial_kwargs = [*args, value], {k: v for k, v in kwargs.items() if k != key}
        if not _rebuilds(cls, trial_args, trial_kwargs, target):
            break
        args, kwargs = trial_args, trial_kwargs
    return args, kwargs


# -- checking the generated structure ----------------------------------------------------


def _rebuild(node: _Node) -> nn.Module:
    """The module the generated code builds, on the meta device: the same calls, and a
    Sequential for the top-level class (its forward runs the children in order too)."""
    with torch.device("meta"):
        if node.children is None:
            call = ast.parse(node.call, mode="eval").body
            cls = getattr(nn, call.func.attr)
            args = [ast.literal_eval(a) for a in call.args]
            return cls(*args, **{k.arg: ast.literal_eval(k.value) for k in call.keywords})
        return nn.Sequential(OrderedDict((n, _rebuild(child)) for n, child in node.children))


def _check_round_trip(model: nn.Module, rebuilt: nn.Module, name: str) -> None:
    """Same tensors, and the same outputs for the same weights: else the code is not it."""
    ours = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    theirs = {k: tuple(v.shape) for k, v in rebuilt.state_dict().items()}
    if ours != theirs:
        raise ModelCodeError(
            msg(
                "code.weights_mismatch",
                "model {name}: the generated code's weights do not match its own",
                name=name,
            )
        )
    generator = torch.Generator().manual_seed(0)
    weights = {}
    parameters = dict(model.named_parameters())
    for key, tensor in model.state_dict().items():
        value = torch.empty(tensor.shape, dtype=tensor.dtype)
        if tensor.dtype.is_floating_point:
            low, high = (-0.1, 0.1) if key in parameters else (0.5, 1.5)  # positive running stats
            value.uniform_(low, high, generator=generator)
        else:
            value.zero_()
        weights[key] = value
    model = model.to_empty(device="cpu")
    rebuilt = rebuilt.to_empty(device="cpu")
    model.load_state_dict(weights)
    rebuilt.load_state_dict(weights)
    x = torch.randn(4, 1, 28, 28, generator=generator)
    with torch.no_grad():
        same = torch.allclose(model.eval()(x), rebuilt.eval()(x), rtol=1e-5, atol=1e-6)
    if not same:
        raise ModelCodeError(
            msg(
                "code.forward_not_sequential",
                "model {name}: its forward is not its layers one after the other, so it cannot"
                " be exported as plain nn code",
                name=name,
            )
        )


def _annotate(model: nn.Module, tree: _Node) -> None:
    """Each leaf's output shape for one image (a meta forward pass), its type's idea on
    first use, and the last layer marked as giving the logits."""
    leaves = [m for m in model.modules() if not list(m.children())]
    shapes: list[tuple[int, ...]] = []
    hooks = [m.register_forward_hook(lambda _m, _i, out: shapes.append(out.shape)) for m in leaves]
    try:
        model.eval()(torch.zeros(1, 1, 28, 28))
    finally:
        for hook in hooks:
            hook.remove()
    nodes = list(_leaf_nodes(tree))
    seen: set[str] = set()
    for node, module, shape in zip(nodes, leaves, shapes, strict=True):
        node.shape = " x ".join(str(d) for d in shape[1:])
        kind = type(module).__name__
        if kind not in seen:
            seen.add(kind)
            node.idea = LAYERS[kind]
    nodes[-1].is_logits = True


def _leaf_nodes(node: _Node):
    if node.children is None:
        yield node
        return
    for _, child in node.children:
        yield from _leaf_nodes(child)


def _docstring(text: str) -> str:
    """A one-sentence docstring, wrapped to the line length."""
    lines = textwrap.wrap(f'"""{text}"""', LINE_LENGTH - len(INDENT), break_on_hyphens=False)
    if len(lines) > 1:
        lines = textwrap.wrap(f'"""{text}', LINE_LENGTH - len(INDENT), break_on_hyphens=False)
        if len(lines) == 1:  # ruff format would pull the quotes up onto a too-long line
            lines = textwrap.wrap(lines[0], len(lines[0]) * 2 // 3, break_on_hyphens=False)
        lines.append('"""')
    return "\n".join(INDENT + line for line in lines)


def _leaf_lines(node: _Node, pad: str, prefix: str, suffix: str) -> list[str]:
    """A layer's line, its output shape as a comment, after the ideas it introduces."""
    notes = [node.idea] if node.idea else []
    notes += [LOGITS_NOTE] if node.is_logits else []
    lines = []
    for note in notes:
        wrapped = textwrap.wrap(note, LINE_LENGTH - len(pad) - 2, break_on_hyphens=False)
        lines += [f"{pad}# {text}" for text in wrapped]
    return [*lines, f"{pad}{prefix}{node.call}{suffix}  # -> {node.shape}"]


def _render(node: _Node, depth: int) -> str:
    """``nn.Sequential(`` with one layer a line, its output shape as a comment."""
    pad = INDENT * (depth + 1)
    lines = ["nn.Sequential("]
    for _, child in node.children or []:
        if child.children is not None:
            lines.append(f"{pad}{_render(child, depth + 1)},")
        else:
            lines += _leaf_lines(child, pad, "", ",")
    lines.append(f"{INDENT * depth})")
    return "\n".join(lines)
