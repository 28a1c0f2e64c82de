"""Which weights a checkpoint holds: final, best or intermediate."""
import torch

from mmpose_trs.safety.checkpoint_info import describe_checkpoint


def _ckpt(path, it, max_iters):
    torch.save(
        dict(
            meta=dict(iter=it),
            message_hub=dict(runtime_info=dict(max_iters=max_iters))), path)
    return str(path)


def test_final_best_and_intermediate(tmp_path):
    final = describe_checkpoint(_ckpt(tmp_path / 'iter_10.pth', 10, 10))
    assert (final['kind'], final['iter'], final['max_iters']) == ('final', 10,
                                                                  10)
    assert 'final weights (iteration 10 of 10)' in final['text']
    best = describe_checkpoint(_ckpt(tmp_path / 'best_AP_iter_5.pth', 5, 10))
    assert best['kind'] == 'best' and 'best validation' in best['text']
    mid = describe_checkpoint(_ckpt(tmp_path / 'iter_5.pth', 5, 10))
    assert mid['kind'] == 'intermediate'
    unknown = describe_checkpoint(_ckpt(tmp_path / 'x.pth', 5, None))
    assert unknown['kind'] == 'intermediate' and unknown['max_iters'] is None
