"""The text of an exported training script, piece by piece, for one run's settings.

Each function returns one piece of plain PyTorch code that does what Digit Lab's own code
does for these settings (``training_core.data``, ``models``, ``training``): the same
normalisation, shuffling, augmentation, optimizer, schedule and per-epoch reseeding, in
the same order, so the same seed on the same device gives the same numbers. Only the
branches a run uses are written: an MLP's script has no augmentation or channels-last.
The loop is in ``training_core.export_loop``; ``training_core.export_code`` puts the
pieces together as a script or a notebook.
"""

from __future__ import annotations

import functools
import inspect
import json
import textwrap
from string import Template

import torch

from training_core.config import TrainConfig
from training_core.data import AUGMENTATIONS, dataset_info
from training_core.models import MODELS, ScratchSoftmaxRegression
from training_core.training import onecycle_lr

INIT_NOTES = {
    "normal": 'init "normal": every weight drawn from N(0, 0.01²), biases zero. Small random '
    "weights differ from unit to unit, so units learn different things.",
    "xavier": 'init "xavier" (Glorot): uniform weights scaled by fan-in and fan-out, which '
    "keeps the size of activations steady through the layers; biases zero.",
    "kaiming": 'init "kaiming" (He): normal weights scaled by fan-in for ReLU networks; '
    "biases zero.",
}
INIT_CALLS = {
    "normal": "nn.init.normal_({w}, 0.0, 0.01)",
    "xavier": "nn.init.xavier_uniform_({w})",
    "kaiming": 'nn.init.kaiming_normal_({w}, nonlinearity="relu")',
}


def _code(template: str, **values) -> str:
    return Template(textwrap.dedent(template).strip("\n")).substitute(values) + "\n"


def _indent(text: str, levels: int) -> str:
    return textwrap.indent(text, "    " * levels)


def resolved_init(config: TrainConfig) -> str:
    """The init scheme the run used: "default" means the model's own (the registry's)."""
    return MODELS[config.model].default_init if config.init == "default" else config.init


@functools.cache
def _is_scratch(model: str) -> bool:
    with torch.device("meta"):  # no memory, no draw from the global random generator
        return isinstance(MODELS[model].build(), ScratchSoftmaxRegression)


def hand_written(config: TrainConfig) -> bool:
    """The from-scratch softmax regression: written by hand, not generated from layers."""
    return _is_scratch(config.model)


def channels_last(config: TrainConfig) -> bool:
    return MODELS[config.model].convolutional


def settings(config: TrainConfig, mean: float, std: float, data_root: str) -> str:
    """The run's settings as constants at the top: what a student changes to experiment."""
    info = dataset_info(config.dataset)
    schedule = ": the peak of the one-cycle schedule" if config.schedule == "onecycle" else ""
    lines = [
        f"EPOCHS = {config.epochs}",
        f"BATCH_SIZE = {config.batch_size}  # images per gradient step",
        f"LR = {config.lr!r}  # the learning rate{schedule}",
    ]
    if config.optimizer == "momentum":
        lines.append(f"MOMENTUM = {config.momentum!r}  # how much of the last step carries on")
    if config.weight_decay:
        lines.append(f"WEIGHT_DECAY = {config.weight_decay!r}  # pulls weights towards zero")
    if config.label_smoothing:
        lines.append(
            f"LABEL_SMOOTHING = {config.label_smoothing!r}  # aim below 100% for the true class"
        )
    lines.append(f"SEED = {config.seed}  # the same seed and settings give the same run")
    lines.append(
        f"MEAN, STD = {mean!r}, {std!r}  # {info.folder}'s pixel mean and spread (pixels in 0..1)"
    )
    if channels_last(config):
        lines.append("CHANNELS_LAST = True  # channels-last memory: faster convolutions on a CPU")
    if config.precision == "bf16":
        lines.append("BF16 = True  # mixed precision: matrix maths in bfloat16, weights in float32")
    lines += [
        f"# The folder holding {info.folder}/raw/: $DIGIT_LAB_DATA, else the one Digit Lab used.",
        'DATA_ROOT = os.environ.get("DIGIT_LAB_DATA") or os.path.expanduser('
        f"{json.dumps(data_root, ensure_ascii=False)})",
    ]
    return "\n".join(lines) + "\n"


def data(config: TrainConfig) -> str:
    """Reading a split with torchvision, normalising, and cutting batches by index."""
    folder = dataset_info(config.dataset).folder
    augmented = AUGMENTATIONS[config.augment] is not None
    code = _code(
        '''
        def load_split(root: str, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
            """Images (uint8 [N, 28, 28]) and labels (int64 [N]) of one split, read from the
            IDX files in root/$folder/raw/ by torchvision (download=False: never online).

            The whole split stays one tensor and batches are cut from it by index: for images
            this small that is many times faster than a DataLoader calling ToTensor() per image.
            """
            try:
                dataset = datasets.$folder(root, train=train, download=False)
            except RuntimeError as exc:  # torchvision's "Dataset not found"
                raise SystemExit(
                    f"$folder not found in {os.path.join(root, '$folder', 'raw')}: put its four "
                    "IDX files there (uncompressed: gunzip any .gz), or point DATA_ROOT "
                    "(--data-root) at the folder above $folder/"
                ) from exc
            return dataset.data, dataset.targets


        def normalize(images: torch.Tensor) -> torch.Tensor:
            """uint8 [B, 28, 28] -> float [B, 1, 28, 28]: pixels scaled to 0..1, then
            standardised, (x - MEAN) / STD, so inputs are centred on 0 with a spread of ~1."""
            # One multiply and one add: the same as (images / 255 - MEAN) / STD, computed once.
            return images.unsqueeze(1).float().mul_(1.0 / (255.0 * STD)).add_(-MEAN / STD)


        def batches(images, labels, batch_size, generator=None):
            """(x, y) batches: in order, or shuffled by ``generator`` (training batches)."""
            n, device = len(labels), labels.device
            if generator is None:
                order = torch.arange(n, device=device)
            else:
                order = torch.randperm(n, device=device, generator=generator)
            for idx in order.split(batch_size):
                x = normalize(images.index_select(0, idx))
        ''',
        folder=folder,
    )
    if augmented:
        code += "        if generator is not None:  # training batches only, never the test set\n"
        code += "            x = augment(x, generator)\n"
    return code + "        yield x, labels.index_select(0, idx)\n"


def augmentation(config: TrainConfig) -> str:
    """The augmentation level's random affine jitter (and pen width), as data.py does it."""
    aug = AUGMENTATIONS[config.augment]
    if aug is None:
        return ""
    code = _code(
        '''
        MAX_ROTATION_DEG = $rotation
        MAX_SHIFT = $shift  # a fraction of the image size
        SCALE_RANGE = $scale


        def augment(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
            """Each image turned, shifted and scaled at random (a new draw every epoch)."""
            n, device = x.shape[0], x.device

            def uniform(low, high):
                return torch.rand(n, device=device, generator=generator) * (high - low) + low

            angle = uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG) * (math.pi / 180)
            scale = uniform(*SCALE_RANGE)
            tx = uniform(-MAX_SHIFT, MAX_SHIFT) * 2  # affine_grid measures in [-1, 1]
            ty = uniform(-MAX_SHIFT, MAX_SHIFT) * 2
            cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
            rows = [torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)]
            theta = torch.stack(rows, 1)  # one 2x3 affine matrix per image
            grid = F.affine_grid(theta, list(x.shape), align_corners=False)
            background = x.amin()  # black, once normalised: the border is filled with it
            x = F.grid_sample(x - background, grid, align_corners=False) + background
        ''',
        rotation=repr(aug.max_rotation_deg),
        shift=repr(aug.max_shift),
        scale=repr(tuple(aug.scale_range)),
    )
    if aug.stroke_jitter > 0:
        code = code.replace(
            "SCALE_RANGE = ",
            f"STROKE_JITTER = {aug.stroke_jitter!r}  # share of pens changed\nSCALE_RANGE = ",
        )
        code += _indent(
            _code(
                """
                # People draw with thicker or thinner pens than MNIST's: a 3x3 max filter
                # thickens strokes, a min filter thins them, each for STROKE_JITTER / 2 of them.
                choice = torch.rand(n, 1, 1, 1, device=device, generator=generator)
                thick = F.max_pool2d(x, 3, stride=1, padding=1)
                thin = -F.max_pool2d(-x, 3, stride=1, padding=1)
                half = STROKE_JITTER / 2
                x = torch.where(choice < half, thick, torch.where(choice < 2 * half, thin, x))
                """
            ),
            1,
        )
    return code + "    return x\n"


def initialisation(config: TrainConfig) -> str:
    """The init scheme's function for nn models; empty for PyTorch's default init."""
    scheme = resolved_init(config)
    if scheme == "default" or hand_written(config):
        return ""
    call = INIT_CALLS[scheme].format(w="module.weight")
    note = textwrap.fill(INIT_NOTES[scheme], 88, subsequent_indent="    ")
    return _code(
        '''
        @torch.no_grad()
        def initialise(model: nn.Module) -> None:
            """$note"""
            for module in model.modules():
                if isinstance(module, nn.Linear | nn.Conv2d):
                    $call
                    if module.bias is not None:
                        nn.init.zeros_(module.bias)
        ''',
        note=note,
        call=call,
    )


def scratch_model(config: TrainConfig) -> str:
    """Softmax regression written out: W, b, softmax, cross-entropy, the SGD step."""
    scheme = resolved_init(config)
    if scheme == "default":
        draw = "pass  # zeros: softmax regression trains from zeros too"
    else:
        draw = "W.normal_(0.0, 0.01)" if scheme == "normal" else INIT_CALLS[scheme].format(w="W")
    note = INIT_NOTES.get(scheme, "W starts at zero.").split(":")[0]
    step = ["grad = p.grad"]
    if config.weight_decay:
        step = ["grad = p.grad + WEIGHT_DECAY * p  # weight decay: a pull towards zero"]
    if config.optimizer == "momentum":
        step += ["v.mul_(MOMENTUM).add_(grad)  # momentum: a running sum of past steps", "grad = v"]
    momentum = config.optimizer == "momentum"
    loop = "for p, v in zip(params, velocities, strict=True):" if momentum else "for p in params:"
    return _code(
        '''
        PIXELS, CLASSES = 28 * 28, 10


        def init_parameters(device: torch.device) -> list[torch.Tensor]:
            """W [784, 10]: one column of weights per class, a 28x28 template; b [10]: one bias
            per class. W is drawn on the CPU ($note), then both move to ``device``."""
            W = torch.zeros(PIXELS, CLASSES)
            b = torch.zeros(CLASSES)
            $draw
            return [W.to(device).requires_grad_(), b.to(device).requires_grad_()]


        def forward(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
            """The logits, one score per class: each image as a row of 784 pixels, @ W, + b."""
            return x.reshape(-1, PIXELS) @ W + b


        def softmax(logits: torch.Tensor) -> torch.Tensor:
            """Scores -> probabilities: exp, divided by the row's sum. Each row's max is taken
            off first: the result is the same, and exp cannot overflow."""
            shifted = logits - logits.max(dim=1, keepdim=True).values
            exp = shifted.exp()
            return exp / exp.sum(dim=1, keepdim=True)


        def cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
            """The mean of -log(probability of the true class), picked per row with gather. The
            probability is floored at 1e-12: log(0) would be -inf and the gradient NaN."""
            probs = softmax(logits)
            picked = probs.gather(1, labels.view(-1, 1)).squeeze(1)
            return -picked.clamp_min(1e-12).log().mean()


        @torch.no_grad()
        def sgd_step($args, lr: float) -> None:
            """One step of stochastic gradient descent by hand: p -= lr * gradient."""
            $loop
        $step
                p.sub_(lr * grad)
        ''',
        note=note,
        draw=draw,
        loop=loop,
        args="params, velocities" if momentum else "params",
        step=_indent("\n".join(step), 2),
    )


def optimizer(config: TrainConfig) -> str:
    """``make_optimizer`` (nn models) and the one-cycle schedule, when the run used one."""
    code = ""
    if not hand_written(config):
        decay = ", weight_decay=WEIGHT_DECAY" if config.weight_decay else ""
        if config.optimizer == "adam" and config.weight_decay:
            note = (
                "    # AdamW: weight decay pulls the weights straight towards zero, outside "
                "Adam's\n    # per-weight step sizes (Adam's own weight_decay would be scaled "
                "by them).\n"
            )
            make = f"{note}    return torch.optim.AdamW(model.parameters(), lr=LR{decay})"
        elif config.optimizer == "adam":
            make = "    # Adam: a step size per weight, from running averages of its gradients.\n"
            make += "    return torch.optim.Adam(model.parameters(), lr=LR)"
        elif config.optimizer == "momentum":
            make = "    # SGD with momentum: each step carries on MOMENTUM of the one before.\n"
            make += (
                f"    return torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM{decay})"
            )
        else:
            make = "    # SGD: every weight takes a step against its gradient, w -= LR * grad.\n"
            make += f"    return torch.optim.SGD(model.parameters(), lr=LR{decay})"
        code = f"def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:\n{make}\n"
    if config.schedule == "onecycle":
        code += ("\n\n" if code else "") + inspect.getsource(onecycle_lr)
    return code
