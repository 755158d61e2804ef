"""A checkpoint as an ONNX model that says how to use it, checked before it is written.

The exporter is PyTorch's ``torch.export``-based one (``torch.onnx.export(dynamo=True)``,
which needs ``onnxscript``): it is PyTorch's default since 2.9, while the TorchScript-based
one warns on every call that it will be removed. Both work offline. The model is exported
in float32, contiguous memory and eval mode, with a dynamic batch axis, and gives two
outputs: ``logits`` and ``probabilities`` (their softmax), so a user needs no maths.

What makes Digit Lab's answers honest travels in the model's metadata (``metadata_props``,
every value a string; :data:`METADATA_KEYS` documents them): the class names, the
normalisation, a sentence on the input, and the confidence threshold when the checkpoint
has one. Before the file is written the model passes ``onnx.checker`` and runs once in
onnxruntime, whose probabilities must match PyTorch's: a file that is written works.
"""

from __future__ import annotations

import inspect
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from training_core import __version__
from training_core.app_log import one_line
from training_core.checkpoints import Checkpoint
from training_core.export import ExportError
from training_core.fileio import atomic_write
from training_core.messages import msg
from training_core.models import MODELS

OPSET = 18  # recent, and run by every onnxruntime since 1.14
INPUT = "image"
OUTPUTS = ("logits", "probabilities")
PREFIX = "digit_lab."
MAX_DIFFERENCE = 1e-4  # onnxruntime vs PyTorch, largest probability difference allowed
METADATA_KEYS = {
    "digit_lab.metadata_version": "1: the version of this set of keys",
    "digit_lab.model": "the registry name of the model (cnn, mlp, ...)",
    "digit_lab.dataset": "what it was trained on (mnist, fashion-mnist)",
    "digit_lab.class_names": "JSON list: the name of each output, in order",
    "digit_lab.mean": "the pixel mean used to normalise inputs (pixels in 0..1)",
    "digit_lab.std": "the pixel standard deviation used to normalise inputs",
    "digit_lab.input": "a sentence: the input's shape, type and preprocessing",
    "digit_lab.output": "a sentence: the two outputs",
    "digit_lab.epochs": "epochs trained",
    "digit_lab.test_accuracy": "test accuracy after the last epoch (0..1), if recorded",
    "digit_lab.confidence_threshold": "only when the checkpoint has a doubt calibration: "
    "a top probability below this is not confident (about 1% of real digits fall below); "
    "Digit Lab itself also checks feature distances, which this file cannot carry",
    "digit_lab.version": "the Digit Lab version that exported it",
}


@dataclass(frozen=True)
class OnnxExport:
    path: Path
    metadata: dict[str, str]
    opset: int
    max_difference: float  # onnxruntime vs PyTorch on the probe images


class _WithProbabilities(nn.Module):
    """The model, returning its logits and their softmax."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = self.model(image)
        return logits, torch.softmax(logits, dim=1)


def onnx_metadata(checkpoint: Checkpoint) -> dict[str, str]:
    """The ``digit_lab.*`` keys for this checkpoint (see :data:`METADATA_KEYS`)."""
    mean, std = checkpoint.mean, checkpoint.std
    names = list(checkpoint.class_names)
    metadata = {
        "digit_lab.metadata_version": "1",
        "digit_lab.model": checkpoint.model_name,
        "digit_lab.dataset": str(checkpoint.config.get("dataset", "mnist")),
        "digit_lab.class_names": json.dumps(names, ensure_ascii=False),
        "digit_lab.mean": repr(float(mean)),
        "digit_lab.std": repr(float(std)),
        "digit_lab.input": (
            f"float32 [N, 1, 28, 28]: N grey 28x28 images, white on black as in MNIST, each "
            f"pixel p (0..255) given as (p / 255 - {mean!r}) / {std!r}. A drawing must first "
            "be fitted into 20x20 and centred by its centre of mass in 28x28, as MNIST was."
        ),
        "digit_lab.output": (
            f"logits: float32 [N, {len(names)}], one score per class; probabilities: their "
            "softmax (each row sums to 1), in the order of digit_lab.class_names"
        ),
        "digit_lab.epochs": str(checkpoint.epoch),
        "digit_lab.version": __version__,
    }
    accuracy = checkpoint.history[-1].get("test_acc") if checkpoint.history else None
    if isinstance(accuracy, int | float) and math.isfinite(accuracy):
        metadata["digit_lab.test_accuracy"] = f"{accuracy:.4f}"
    threshold = getattr(checkpoint, "confidence_threshold", None)
    calibration = getattr(checkpoint, "calibration", None)  # training_core.confidence
    if threshold is None and calibration is not None:
        threshold = calibration.softmax_threshold
    if threshold is not None:
        if not (isinstance(threshold, int | float) and 0 < threshold <= 1):
            raise ExportError(
                msg(
                    "export.bad_threshold",
                    "confidence threshold {threshold!r} is not a number in (0, 1]",
                    threshold=threshold,
                )
            )
        metadata["digit_lab.confidence_threshold"] = repr(float(threshold))
    return metadata


def describe_onnx(checkpoint: Checkpoint) -> str:
    """What the ONNX file will hold, as text: its input, outputs and metadata."""
    classes = len(checkpoint.class_names)
    lines = [
        f"input   {INPUT}: float32 [batch, 1, 28, 28]",
        f"outputs {OUTPUTS[0]}, {OUTPUTS[1]}: float32 [batch, {classes}]",
        f"opset {OPSET}; checked by onnx.checker and run once by onnxruntime before writing",
        "",
        "metadata (metadata_props):",
    ]
    lines += [f"{key} = {value}" for key, value in onnx_metadata(checkpoint).items()]
    return "\n".join(lines) + "\n"


def probe_images(mean: float, std: float, count: int = 8) -> torch.Tensor:
    """Inputs for the check before writing: a blank image and random ones (a local
    generator: the global one may be in use by a training run on another thread)."""
    generator = torch.Generator().manual_seed(0)
    pixels = torch.rand(count, 1, 28, 28, generator=generator)
    pixels[0] = 0.0
    return (pixels - mean) / std


def onnx_model(checkpoint: Checkpoint):
    """The checked ``onnx.ModelProto`` with its metadata, and the parity on the probes."""
    import onnx

    if "dynamo" not in inspect.signature(torch.onnx.export).parameters:
        raise ExportError(
            msg(
                "export.torch_too_old",
                "ONNX export needs PyTorch 2.5 or newer (this is {version})",
                version=str(torch.__version__),
            )
        )
    model = checkpoint.build_model("cpu").float().eval()
    model = model.to(memory_format=torch.contiguous_format)
    example = probe_images(checkpoint.mean, checkpoint.std, 2)
    try:
        program = torch.onnx.export(
            _WithProbabilities(model).eval(),
            (example,),
            dynamo=True,
            input_names=[INPUT],
            output_names=list(OUTPUTS),
            dynamic_shapes=({0: torch.export.Dim("batch")},),
            opset_version=OPSET,
            verbose=False,
        )
    except Exception as exc:  # torch.export's errors are long; the first line names it
        raise ExportError(
            msg(
                "export.onnx_failed",
                "PyTorch could not export model {model} to ONNX: {reason}",
                model=checkpoint.model_name,
                reason=one_line(exc),
            )
        ) from exc
    proto = program.model_proto
    proto.doc_string = (
        f"Digit Lab model {checkpoint.model_name}: {MODELS[checkpoint.model_name].description}"
    )
    onnx.helper.set_model_props(proto, onnx_metadata(checkpoint))
    try:
        onnx.checker.check_model(proto, full_check=True)
    except onnx.checker.ValidationError as exc:
        raise ExportError(
            msg(
                "export.onnx_checker",
                "the ONNX model failed onnx.checker: {reason}",
                reason=one_line(exc),
            )
        ) from exc
    difference = _parity(proto.SerializeToString(), model, checkpoint)
    return proto, difference


def _parity(model_bytes: bytes, model: nn.Module, checkpoint: Checkpoint) -> float:
    """Run the model once in onnxruntime; its probabilities must match PyTorch's."""
    images = probe_images(checkpoint.mean, checkpoint.std)
    probabilities = run_onnx(model_bytes, images.numpy())[1]
    with torch.no_grad():
        expected = torch.softmax(model(images), dim=1).numpy()
    difference = float(abs(probabilities - expected).max())
    if not difference <= MAX_DIFFERENCE:
        raise ExportError(
            msg(
                "export.onnx_parity",
                "onnxruntime's answers differ from PyTorch's by {difference:.2g} (more than"
                " {most:g}): the ONNX model was not written",
                difference=difference,
                most=MAX_DIFFERENCE,
            )
        )
    return difference


def run_onnx(model: bytes | str | os.PathLike, images):
    """``(logits, probabilities)`` from onnxruntime on the CPU, one thread, errors only."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only: no start-up notes on the terminal
    source = model if isinstance(model, bytes) else str(model)
    session = onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"])
    return session.run(list(OUTPUTS), {INPUT: images})


def export_onnx(checkpoint: Checkpoint, out: str | os.PathLike) -> OnnxExport:
    """Export, check and write ``out`` atomically; nothing is written if a check fails."""
    proto, difference = onnx_model(checkpoint)
    data = proto.SerializeToString()
    path = atomic_write(out, lambda handle: handle.write(data))
    metadata = {p.key: p.value for p in proto.metadata_props}
    return OnnxExport(path, metadata, OPSET, difference)
