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
from training_core.messages import label, message_of, msg
from training_core.run_record import CHECKPOINT, CONFIG, read_run
from training_core.runs import RunFolderError

BUNDLED = "bundled"  # the name the CLI takes for the bundled model, as in ``predict``
FORMATS = {"onnx": ".onnx", "script": ".py", "notebook": ".ipynb"}
DESCRIPTIONS = {
    "onnx": label("ONNX model: the trained weights, to run with onnxruntime or any ONNX runtime"),
    "script": label("Python script: the same training in plain PyTorch, to read, run and change"),
    "notebook": label("Jupyter notebook: the script's code in cells, with notes between them"),
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
        origin = msg("export.origin_bundled", "the bundled model")
        return ExportSource(_config(checkpoint.config, origin), checkpoint, origin)
    path = Path(path)
    if path.is_dir():
        record = read_run(path)
        if not record.config:
            reason = record.reason or msg("export.no_settings", "no settings")
            raise RunFolderError(
                msg(
                    "export.not_a_run",
                    "{path}: not a run folder that can be exported: {reason}",
                    path=path,
                    reason=reason,
                )
            )
        checkpoint = load_checkpoint(path / CHECKPOINT) if (path / CHECKPOINT).is_file() else None
        config = checkpoint.config if checkpoint is not None else record.config
        return ExportSource(_config(config, str(path)), checkpoint, _run_origin(path.name))
    if not path.exists():
        raise ExportError(
            msg("export.no_source", "{path}: no such run folder or checkpoint file", path=path)
        )
    checkpoint = load_checkpoint(path)
    in_run = path.name == CHECKPOINT and (path.parent / CONFIG).is_file()
    origin = (
        _run_origin(path.parent.name)
        if in_run
        else msg("export.origin_checkpoint", 'the checkpoint "{name}"', name=path.name)
    )
    return ExportSource(_config(checkpoint.config, str(path)), checkpoint, origin)


def _run_origin(name: str) -> str:
    return msg("export.origin_run", 'the run "{name}"', name=name)


def _config(values: dict, where: str) -> TrainConfig:
    try:
        return TrainConfig.from_dict(values).validate()
    except (ConfigError, TypeError) as exc:
        raise ExportError(
            msg(
                "export.bad_settings",
                "{where}: its settings cannot be used: {reason}",
                where=where,
                reason=message_of(exc) or str(exc),
            )
        ) from None


def format_for(out: str | os.PathLike, given: str | None) -> str:
    """``given``, else the format ``out``'s suffix names (.onnx, .py, .ipynb)."""
    if given:
        if given not in FORMATS:
            raise ExportError(
                msg(
                    "export.unknown_format",
                    "unknown format {name!r}; choose one of: {choices}",
                    name=given,
                    choices=", ".join(FORMATS),
                )
            )
        return given
    suffix = Path(out).suffix.lower()
    for name, extension in FORMATS.items():
        if suffix == extension:
            return name
    raise ExportError(
        msg(
            "export.format_unknown_suffix",
            "cannot tell the format from {name!r}: give --format ({choices}) or end --out with"
            " .onnx, .py or .ipynb",
            name=Path(out).name,
            choices=", ".join(FORMATS),
        )
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
    raise ExportError(
        msg("export.not_code", "{format} is not a code format (script, notebook)", format=fmt)
    )


def preview(source: ExportSource, fmt: str, data_root: str | os.PathLike | None = None) -> str:
    """What the app shows before saving: the script, the notebook's cells as Python text,
    or the ONNX model's inputs, outputs and metadata."""
    if fmt == "script":
        return script_text(code_export(source, data_root))
    if fmt == "notebook":
        return notebook_preview(code_export(source, data_root))
    if source.checkpoint is None:
        return msg(
            "export.preview_no_checkpoint",
            "{origin} has no checkpoint yet: an ONNX model needs trained weights.\n",
            origin=source.origin,
        )
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
        raise ExportError(
            msg(
                "export.cannot_write",
                "cannot write {out}: {reason}",
                out=out,
                reason=describe_os_error(exc),
            )
        ) from exc


def _write(source: ExportSource, fmt: str, out: Path, data_root) -> str:
    if out.is_dir():
        raise ExportError(
            msg("export.out_is_folder", "{out} is a folder: give a file name", out=out)
        )
    own = source.checkpoint.path if source.checkpoint is not None else None
    if own is not None and out.exists() and out.resolve() == Path(own).resolve():
        raise ExportError(
            msg(
                "export.out_is_source",
                "{out} is the checkpoint being exported: give another file name",
                out=out,
            )
        )
    if fmt == "onnx":
        from training_core.export_onnx import export_onnx  # lazy: onnx is large to import

        if source.checkpoint is None:
            raise ExportError(
                msg(
                    "export.no_checkpoint",
                    "{origin} has no checkpoint yet: an ONNX model needs trained weights",
                    origin=source.origin,
                )
            )
        done = export_onnx(source.checkpoint, out)
        return msg(
            "export.wrote_onnx",
            "wrote {out}: ONNX opset {opset}, checked by onnx.checker and run by onnxruntime"
            " (largest probability difference from PyTorch {difference:.1e})",
            out=out,
            opset=done.opset,
            difference=done.max_difference,
        )
    text = render_code(source, fmt, data_root)
    atomic_write_text(out, text)
    what = {
        "onnx": msg("export.what_onnx", "ONNX model"),
        "script": msg("export.what_script", "Python script"),
        "notebook": msg("export.what_notebook", "Jupyter notebook"),
    }[fmt]
    return msg(
        "export.wrote", "wrote {out}: {what} of {origin}", out=out, what=what, origin=source.origin
    )
