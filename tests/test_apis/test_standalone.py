"""Every public function that reads a checkpoint loads it safely by itself:
in a fresh interpreter that never called ``setup_process()`` (a config
without the opt-in import), export, pseudo-labelling's model loader and
``describe_checkpoint`` read an MMEngine checkpoint holding numpy values
and a ``HistoryBuffer``, while a bare ``torch.load`` there refuses it, and
torch's process-wide allow-list stays as it was."""
import json
import subprocess
import sys

import numpy as np
import pytest
import torch
from helpers import QUICKSTART_TRS, dump_config, tiny_config
from mmengine.config import Config
from mmengine.logging import HistoryBuffer
from mmengine.registry import init_default_scope

from mmpose.registry import MODELS

# starts trainings or processes: not in the fast loop (run_tests.sh --fast)
pytestmark = pytest.mark.e2e

PROBE = '''
import json, sys, torch, pickle
# torch/_dynamo/__init__.py adds torch's own _DimRange to the allow-list as
# it loads (here lazily, inside export): loaded first, it is in `before`
import torch._dynamo
import mmpose_trs
from mmpose_trs.apis import export_network
from mmpose_trs.apis.pseudo_label import load_pose_model
from mmpose_trs.safety.checkpoint_info import describe_checkpoint
cfg, ckpt, out = sys.argv[1:4]
before = list(torch.serialization.get_safe_globals())
try:
    torch.load(ckpt, weights_only=True)
    bare = 'loaded'
except pickle.UnpicklingError:
    bare = 'refused'
paths = export_network(cfg, ckpt, 'g', out)
model = load_pose_model(cfg, ckpt, net='f')
info = describe_checkpoint(ckpt)
print(json.dumps(dict(
    bare=bare, paths=list(paths), model=type(model).__name__,
    iter=info['iter'],
    opted_in='mmpose_trs.safety.process_setup' in sys.modules,
    added=[str(g) for g in torch.serialization.get_safe_globals()
           if g not in before])))
'''


def test_checkpoint_readers_need_no_opt_in(synthetic_root, tmp_path):
    cfg = Config.fromfile(
        tiny_config(QUICKSTART_TRS, synthetic_root, str(tmp_path / 'a.py')))
    cfg.custom_imports = dict(imports=['mmpose_trs'])  # no process_setup
    cfg_path = str(tmp_path / 'plain_imports.py')
    dump_config(cfg, cfg_path)
    init_default_scope('mmpose')
    model = MODELS.build(cfg.model)
    ckpt = str(tmp_path / 'iter_7.pth')
    loss = HistoryBuffer()
    loss.update(1.0)
    torch.save(
        dict(
            meta=dict(iter=7, seed=np.int64(3), sizes=np.array([9, 12])),
            state_dict=model.state_dict(),
            message_hub=dict(
                log_scalars=dict(loss=loss), runtime_info=dict(max_iters=10))),
        ckpt)
    proc = subprocess.run(
        [sys.executable, '-c', PROBE, cfg_path, ckpt,
         str(tmp_path / 'out')],
        capture_output=True,
        text=True,
        timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got['bare'] == 'refused'  # the control: torch alone refuses it
    assert got['paths'][0].endswith('g.py') and got['model'] != ''
    assert got['iter'] == 7
    assert got['opted_in'] is False
    assert got['added'] == []  # the process-wide allow-list unchanged
