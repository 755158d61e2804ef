"""Taking a model away: a run or checkpoint exported as an ONNX model, a training script or
a notebook. The one entry point that ``digit-lab export`` and the app's Export dialog share.

What can be exported from where: a checkpoint (or ``bundled``) gives all three; a run
folder gives the code from its settings even before its first checkpoint, and the ONNX
model once it has one. Every problem is one line (ExportError, or the reader's own error:
CheckpointError, RunFolderError).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from training_core.checkpoints import Checkpoint, load_checkpoint
from training_core.config import ConfigError, TrainConfig
from training_core.data import dataset_info, resolve_data_root
from training_core.export_code import CodeExport, notebook_preview, notebook_text, script_text
from training_core.fileio import atomic_write_text, describe_os_error
from training_core.run_record import CHECKPOINT, CONFIG, read_run
from training_core.runs import RunFolderError

BUNDLED = "bundled"  # the name the CLI takes for the bundled model, as in ``predict``
FORMATS = {"onnx": ".onnx", "script": ".py", "notebook": ".ipynb"}
DESCRIPTIONS = {
    "onnx": "ONNX model: the trained weights, to run with onnxruntime or any ONNX runtime",
    "script": "Python script: the same training in plain PyTorch, to read, run and change",
    "notebook": "Jupyter notebook: the script's code in cells, with notes between them",
}


class ExportError(ValueError):
    """An export that cannot be made; the message is meant for the user."""


@dataclass(frozen=True)
class ExportSource:
    """What is exported: a run's settings, and its trained weights when there are any."""

    config: TrainConfig
    checkpoint: Checkpoint | None
    origin: str  # for people: 'the run "..."', 'the checkpoint "..."', 'the bundled model'

    @property
    def mean_std(self) -> tuple[float, float]:
        if self.checkpoint is not None:
            return self.checkpoint.mean, self.checkpoint.std
        info = dataset_info(self.config.dataset)
        return info.mean, info.std


def read_source(path: str | os.PathLike) -> ExportSource:
    """A run folder, a checkpoint file, or ``bundled``; each read and checked by its reader."""
    if str(path) == BUNDLED:
        from training_core.resources import bundled_model_path

        checkpoint = load_checkpoint(bundled_model_path())
        origin = "the bundled model"
        return ExportSource(_config(checkpoint.config, origin), checkpoint, origin)
    path = Path(path)
    if path.is_dir():
        record = read_run(path)
        if not record.config:
            reason = record.reason or "no settings"
            raise RunFolderError(f"{path}: not a run folder that can be exported: {reason}")
        checkpoint = load_checkpoint(path / CHECKPOINT) if (path / CHECKPOINT).is_file() else None
        config = checkpoint.config if checkpoint is not None else record.config
        return ExportSource(_config(config, str(path)), checkpoint, f'the run "{path.name}"')
    if not path.exists():
        raise ExportError(f"{path}: no such run folder or checkpoint file")
    checkpoint = load_checkpoint(path)
    in_run = path.name == CHECKPOINT and (path.parent / CONFIG).is_file()
    origin = f'the run "{path.parent.name}"' if in_run else f'the checkpoint "{path.name}"'
    return ExportSource(_config(checkpoint.config, str(path)), checkpoint, origin)


def _config(values: dict, where: str) -> TrainConfig:
    try:
        return TrainConfig.from_dict(values).validate()
    except (ConfigError, TypeError) as exc:
        raise ExportError(f"{where}: its settings cannot be used: {exc}") from None


def format_for(out: str | os.PathLike, given: str | None) -> str:
    """``given``, else the format ``out``'s suffix names (.onnx, .py, .ipynb)."""
    if given:
        if given not in FORMATS:
            raise ExportError(f"unknown format {given!r}; choose one of: {', '.join(FORMATS)}")
        return given
    suffix = Path(out).suffix.lower()
    for name, extension in FORMATS.items():
        if suffix == extension:
            return name
    raise ExportError(
        f"cannot tell the format from {Path(out).name!r}: give --format "
        f"({', '.join(FORMATS)}) or end --out with .onnx, .py or .ipynb"
    )


def data_root_text(data_root: str | os.PathLike | None = None) -> str:
    """The data folder written into exported code: ``data_root``, else the one Digit Lab
    would use now; under the home folder written with ``~``, so it works for another user."""
    root = resolve_data_root(data_root).expanduser().absolute()
    try:
        return str(Path("~") / root.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under the home folder, or no home at all
        return str(root)


def code_export(source: ExportSource, data_root: str | os.PathLike | None = None) -> CodeExport:
    mean, std = source.mean_std
    return CodeExport(source.config, source.origin, mean, std, data_root_text(data_root))


def render_code(source: ExportSource, fmt: str, data_root: str | os.PathLike | None = None) -> str:
    """The script's text, or the notebook's file (JSON)."""
    if fmt == "script":
        return script_text(code_export(source, data_root))
    if fmt == "notebook":
        return notebook_text(code_export(source, data_root))
    raise ExportError(f"{fmt} is not a code format (script, notebook)")


def preview(source: ExportSource, fmt: str, data_root: str | os.PathLike | None = None) -> str:
    """What the app shows before saving: the script, the notebook's cells as Python text,
    or the ONNX model's inputs, outputs and metadata."""
    if fmt == "script":
        return script_text(code_export(source, data_root))
    if fmt == "notebook":
        return notebook_preview(code_export(source, data_root))
    if source.checkpoint is None:
        return f"{source.origin} has no checkpoint yet: an ONNX model needs trained weights.\n"
    from training_core.export_onnx import describe_onnx  # lazy: it imports onnx's helpers

    return describe_onnx(source.checkpoint)


def write_export(
    source: ExportSource,
    fmt: str,
    out: str | os.PathLike,
    data_root: str | os.PathLike | None = None,
) -> str:
    """Write ``out`` atomically (after every check has passed); a one-line summary. A write
    that fails (no such folder, no permission, a full disk) is one line naming ``out``."""
    out = Path(out)
    try:
        return _write(source, fmt, out, data_root)
    except OSError as exc:  # not the temporary file's name: the user never chose it
        raise ExportError(f"cannot write {out}: {describe_os_error(exc)}") from exc


def _write(source: ExportSource, fmt: str, out: Path, data_root) -> str:
    if out.is_dir():
        raise ExportError(f"{out} is a folder: give a file name")
    own = source.checkpoint.path if source.checkpoint is not None else None
    if own is not None and out.exists() and out.resolve() == Path(own).resolve():
        raise ExportError(f"{out} is the checkpoint being exported: give another file name")
    if fmt == "onnx":
        from training_core.export_onnx import export_onnx  # lazy: onnx is large to import

        if source.checkpoint is None:
            raise ExportError(
                f"{source.origin} has no checkpoint yet: an ONNX model needs trained weights"
            )
        done = export_onnx(source.checkpoint, out)
        return (
            f"wrote {out}: ONNX opset {done.opset}, checked by onnx.checker and run by "
            f"onnxruntime (largest probability difference from PyTorch {done.max_difference:.1e})"
        )
    text = render_code(source, fmt, data_root)
    atomic_write_text(out, text)
    return f"wrote {out}: {DESCRIPTIONS[fmt].split(':')[0]} of {source.origin}"
