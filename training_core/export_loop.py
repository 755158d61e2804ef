"""The exported script's loop: ``train_epoch``, ``evaluate``, ``train`` and ``main``.

The loop of ``training_core.training`` written out for one run's settings (the rest of the
script is in ``training_core.export_templates``): per-epoch reseeding from the seed, the
one-cycle learning rate per step, channels-last and bf16 autocast where the run used them,
and the same per-epoch line as ``digit-lab train``.
"""

from __future__ import annotations

from string import Template

from training_core.config import TrainConfig
from training_core.data import dataset_info
from training_core.export_templates import channels_last, hand_written, initialisation


def training(config: TrainConfig) -> str:
    """``train_epoch`` and ``evaluate``: the loop of training_core.training, for this run."""
    scratch = hand_written(config)
    onecycle = config.schedule == "onecycle"
    head = "params, velocities" if scratch and config.optimizer == "momentum" else "params"
    head = head if scratch else "model, optimizer"
    lines = [
        f"def train_epoch({head}, images, labels, epoch, generator):",
        '    """One pass over the shuffled training set: (mean loss, accuracy, seconds)."""',
    ]
    if not scratch:
        lines.append("    torch.manual_seed(SEED * 1009 + epoch)  # dropout draws from this one")
    lines.append(
        "    generator.manual_seed(SEED * 1009 + epoch)  # the shuffle draws from this one"
    )
    if not scratch:
        lines.append("    model.train()  # dropout on; batch norm uses each batch's statistics")
    lines += [
        "    started = time.perf_counter()",
        "    device = labels.device",
        "    # Running sums stay on the device: reading a number from a GPU waits for it.",
        "    loss_sum = torch.zeros((), device=device)",
        "    correct = torch.zeros((), device=device, dtype=torch.long)",
    ]
    if onecycle:
        lines.append("    steps = math.ceil(len(labels) / BATCH_SIZE)")
    body = []
    if onecycle:
        body.append("lr = onecycle_lr(epoch * steps + step, steps * EPOCHS, LR)")
        if not scratch:
            body += ["for group in optimizer.param_groups:", '    group["lr"] = lr']
    if channels_last(config):
        body += [
            'if CHANNELS_LAST and x.device.type == "cpu":',
            "    x = x.contiguous(memory_format=torch.channels_last)",
        ]
    forward = ["logits = forward(x, *params)" if scratch else "logits = model(x)"]
    forward += [
        "# The logits go to cross_entropy as they are: it applies log-softmax itself, so a",
        "# softmax layer before it would squash twice and slow learning down.",
        f"loss = {'cross_entropy' if scratch else 'F.cross_entropy'}(logits.float(), y"
        + (", label_smoothing=LABEL_SMOOTHING)" if config.label_smoothing else ")"),
    ]
    if config.precision == "bf16":
        autocast = "with torch.autocast(x.device.type, dtype=torch.bfloat16, enabled=BF16):"
        forward = [autocast, *("    " + line for line in forward)]
    body += forward
    if scratch:
        step_args = "params, velocities" if config.optimizer == "momentum" else "params"
        lr = "lr" if onecycle else "LR"
        body += [
            "for p in params:",
            "    p.grad = None",
            "loss.backward()  # autograd: dL/dW = x.T @ (softmax - one_hot(y)) / batch size",
            f"sgd_step({step_args}, {lr})",
        ]
    else:
        body += [
            "optimizer.zero_grad()",
            "loss.backward()  # the gradient of the loss for every weight",
            "optimizer.step()  # one step against it",
        ]
    if onecycle:
        lines.append(
            "    for step, (x, y) in enumerate(batches(images, labels, BATCH_SIZE, generator)):"
        )
    else:
        lines.append("    for x, y in batches(images, labels, BATCH_SIZE, generator):")
    lines += ["        " + line for line in body]
    lines += [
        "        loss_sum.add_(loss.detach(), alpha=len(y))",
        "        correct.add_((logits.detach().argmax(dim=1) == y).sum())",
        "    n = len(labels)",
        "    return float(loss_sum) / n, float(correct) / n, time.perf_counter() - started",
    ]
    return "\n".join(lines) + "\n\n\n" + _evaluate(scratch)


def _evaluate(scratch: bool) -> str:
    what = "params" if scratch else "model"
    lines = [
        "@torch.no_grad()  # measuring needs no gradients: faster, and less memory",
        f"def evaluate({what}, images, labels):",
        '    """Mean loss and accuracy over a whole split, in batches."""',
    ]
    if not scratch:
        lines.append("    model.eval()  # dropout off; batch norm uses its running averages")
    logits = "forward(x, *params).float()" if scratch else "model(x).float()"
    loss = (
        "cross_entropy(logits, y) * len(y)"
        if scratch
        else 'F.cross_entropy(logits, y, reduction="sum")'
    )
    probabilities = "softmax(logits)" if scratch else "torch.softmax(logits, dim=1)"
    lines += [
        "    loss_sum = torch.zeros((), device=labels.device)",
        "    correct = 0",
        "    # 500 images at a time on a CPU (a conv net's feature maps stay in its cache),",
        "    # 4096 on a GPU (fewer, bigger steps).",
        '    batch_size = 500 if labels.device.type == "cpu" else 4096',
        "    for x, y in batches(images, labels, batch_size):",
        f"        logits = {logits}",
        f"        loss_sum += {loss}",
        f"        probabilities = {probabilities}  # the model's belief in each class",
        "        correct += int((probabilities.argmax(dim=1) == y).sum())",
        "    return float(loss_sum) / len(labels), correct / len(labels)",
    ]
    return "\n".join(lines) + "\n"


def run(config: TrainConfig) -> str:
    """``train``: data on the device, the seeded model and optimizer, the epochs printed."""
    scratch = hand_written(config)
    momentum = scratch and config.optimizer == "momentum"
    lines = [
        "def pick_device(name: str) -> torch.device:",
        '    """The device "auto" means: a CUDA GPU if there is one, else Apple\'s MPS, else',
        '    the CPU."""',
        '    if name == "auto":',
        "        if torch.cuda.is_available():",
        '            return torch.device("cuda")',
        "        if torch.backends.mps.is_available():",
        '            return torch.device("mps")',
        '        return torch.device("cpu")',
        "    return torch.device(name)",
        "",
        "",
        'def train(data_root: str = DATA_ROOT, device_name: str = "auto"):',
        '    """Load the data, build the model, train EPOCHS epochs printing each, return it."""',
        "    device = pick_device(device_name)",
        "    train_images, train_labels = (t.to(device) for t in load_split(data_root, True))",
        "    test_images, test_labels = (t.to(device) for t in load_split(data_root, False))",
        "    torch.manual_seed(SEED)  # the first weights, and so the whole run, follow from SEED",
    ]
    if scratch:
        lines += ["    params = init_parameters(device)"]
        if momentum:
            lines += ["    velocities = [torch.zeros_like(p) for p in params]"]
        lines += ["    parameters = sum(p.numel() for p in params)"]
        state = "params, velocities" if momentum else "params"
        evaluated = "params"
    else:
        lines.append("    model = build_model()")
        if initialisation(config):
            lines.append("    initialise(model)")
        lines.append("    model = model.to(device)")
        if channels_last(config):
            lines += [
                '    if CHANNELS_LAST and device.type == "cpu":',
                "        model = model.to(memory_format=torch.channels_last)",
            ]
        lines += [
            "    optimizer = make_optimizer(model)",
            "    parameters = sum(p.numel() for p in model.parameters())",
        ]
        state, evaluated = "model, optimizer", "model"
    lines += [
        '    print(f"training on {device}: {len(train_labels)} images, {parameters:,} parameters")',
        "    generator = torch.Generator(device=device)",
        "    for epoch in range(EPOCHS):",
        "        train_loss, train_acc, seconds = train_epoch(",
        f"            {state}, train_images, train_labels, epoch, generator",
        "        )",
        f"        test_loss, test_acc = evaluate({evaluated}, test_images, test_labels)",
        "        if not (math.isfinite(train_loss) and math.isfinite(test_loss)):",
        "            raise SystemExit(",
        '                f"the loss became NaN or infinite in epoch {epoch + 1}: try a smaller LR"',
        "            )",
        "        print(",
        '            f"epoch {epoch + 1}/{EPOCHS}: train loss {train_loss:.4f} "',
        '            f"acc {train_acc:.4f} | "',
        '            f"test loss {test_loss:.4f} acc {test_acc:.4f} | {seconds:.1f}s"',
        "        )",
        f"    return {evaluated}",
    ]
    return "\n".join(lines) + "\n"


MAIN = """def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-root",
        default=DATA_ROOT,
        help="the folder holding $folder/raw/ (default: %(default)s)",
    )
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda", "mps"])
    args = parser.parse_args()
    train(args.data_root, args.device)


if __name__ == "__main__":
    main()
"""


def main(config: TrainConfig) -> str:
    """The script's command line: --data-root and --device."""
    return Template(MAIN).substitute(folder=dataset_info(config.dataset).folder)
