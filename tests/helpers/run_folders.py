"""Run folders written by hand, as a killed, edited or foreign program could leave them."""

from __future__ import annotations

import json

ROW = dict(epoch=1, train_loss=0.5, train_acc=0.8, test_loss=0.4, test_acc=0.85, lr=0.1)
CONFIG = {"model": "softmax", "dataset": "mnist", "epochs": 2, "lr": 0.1}


def make_run(root, name, config=CONFIG, rows=(ROW,), status=None):
    path = root / name
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps(config))
    (path / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (path / "status.json").write_text(json.dumps(status or {"state": "completed"}))
    return path
