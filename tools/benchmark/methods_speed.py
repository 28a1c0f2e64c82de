"""Training step of every method against its own compute floor.

For each method's quick-start config (same data, batch of 16 labeled + 16
unlabeled crops, networks of the config) in one process, on the same inputs:

- the method's training step (``train_step``: forward, losses, backward,
  update);
- its compute floor, built from passes of its own networks run alone: for
  each trained network one supervised train step on ``B_l + P * B_u``
  labeled samples (what a student sees with P hard-view paths), plus a
  no-grad forward on the ``B_u`` unlabeled crops for every network that
  predicts targets (``guide_names``: teachers, reviewers, snapshots; train-
  mode BatchNorm except reviewers).

``step / floor`` is the method's overhead over the passes it cannot avoid
(hard views, augmentations, pseudo-labels, loss bookkeeping). Medians over
``--rounds`` x ``--iters`` steps, all arms interleaved (reverse order every
other round).

Example:
    python tools/benchmark_methods_speed.py              # cuda if present
    python tools/benchmark_methods_speed.py --device cpu --quick
"""
import argparse
import json
import os
import os.path as osp

import torch

from . import speed as bs

Q = 'configs/quickstart/'
METHODS = dict(
    dual=Q + 'dual_res18-half_synthetic.py',
    trs=Q + 'trs_res18-half_synthetic.py',
    trs_mfl_km=Q + 'trs-mfl-km_res18-half_synthetic.py',
    sspcm=Q + 'sspcm_res18-half_synthetic.py',
    single=Q + 'single_res18-half_synthetic.py',
    multiaugs=Q + 'multiaugs_res18-half_synthetic.py',
    trs_mfl_multipath=Q + 'trs-mfl-multipath_res18-half_synthetic.py',
    # keypoint-space targets: SimCC networks, a heatmap f with a SimCC g
    trs_simcc=Q + 'trs-simcc_res18-half_synthetic.py',
    trs_mixed=Q + 'trs-mixed_res18-half_synthetic.py')


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        '--methods', nargs='+', choices=list(METHODS), default=list(METHODS))
    p.add_argument('--data-root', default='data/synthetic')
    p.add_argument(
        '--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--iters', type=int, default=3, help='timed steps/round')
    p.add_argument('--rounds', type=int, default=4)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--quick', action='store_true', help='1 step, 2 rounds')
    p.add_argument(
        '--out', default='work_dirs/benchmark_methods_speed/result.json')
    args = p.parse_args(argv)
    if args.quick:
        args.iters, args.rounds, args.warmup = 1, 2, 1
    return args


def labeled_pool(codec: dict, data_root: str, size: int) -> dict:
    """``size`` labeled crops with targets of ``codec`` (every label of
    the synthetic dataset), for the students' floor passes."""
    cfg = bs.load_config(Q + 'supervised_res18-half_synthetic-all-labels.py',
                         data_root)
    for t in cfg.train_dataloader.dataset.pipeline:
        if t['type'] == 'GenerateTarget':
            t['encoder'] = codec
    return next(iter(bs.loader(cfg, 'train_dataloader', size)))


def method_arms(name: str, cfg, pools, device) -> dict:
    """``{<name>: step, <name>/<part>: floor part}`` for one method;
    ``pools(codec)`` gives labeled crops with that codec's targets."""
    cfg.model.update(burn_in_iters=0, unsup_rampup_iters=0)
    model, opt = bs.build_trainable(cfg.model, cfg.optim_wrapper, device)
    batch = next(iter(bs.loader(cfg, 'train_dataloader')))
    n_l, n_u = bs.batch_parts(cfg)
    big = n_l + model.num_paths * n_u
    unlabeled = dict(
        inputs=batch['inputs'][n_l:], data_samples=batch['data_samples'][n_l:])
    arms = {name: lambda: model.train_step(batch, opt)}
    nets = {}
    for net in model.trained_names:
        net_cfg = bs.net_config(cfg, net)
        pool = pools(net_cfg['head']['decoder'])
        student_batch = dict(
            inputs=pool['inputs'][:big],
            data_samples=pool['data_samples'][:big])
        nets[net] = bs.build_trainable(net_cfg, cfg.optim_wrapper, device)
        arms[f'{name}/{net}_sup'] = (
            lambda n=nets[net], b=student_batch: n[0].train_step(b, n[1]))
    from mmpose_trs.utils.networks import source_name
    for guide in model.guide_names:
        arms[f'{name}/{guide}_guide'] = bs.forward_probe(
            nets[source_name(guide)][0], unlabeled,
            not guide.startswith('reviewer_'))
    return arms


def measure(args) -> dict:
    import mmpose_trs  # noqa: F401
    bs.init_default_scope('mmpose')
    cfgs = {
        m: bs.load_config(METHODS[m], args.data_root)
        for m in args.methods
    }
    pool_cfg = cfgs[args.methods[0]]
    n_l, n_u = bs.batch_parts(pool_cfg)
    # labeled crops for the students' floor passes: up to B_l + 3 B_u, with
    # the targets of each network's codec (heatmaps, SimCC labels)
    made = {}

    def pools(codec: dict) -> dict:
        key = json.dumps(codec, sort_keys=True, default=str)
        if key not in made:
            made[key] = labeled_pool(codec, args.data_root, n_l + 3 * n_u)
        return made[key]

    arms = {}
    for m in args.methods:
        arms.update(method_arms(m, cfgs[m], pools, args.device))
    t = bs.median_times(arms, args)
    rows = {}
    for m in args.methods:
        floor = sum(v for k, v in t.items() if k.startswith(m + '/'))
        rows[m] = dict(
            step_s=t[m],
            floor_s=floor,
            step_over_floor=t[m] / floor,
            parts={
                k.split('/')[1]: v
                for k, v in t.items() if k.startswith(m + '/')
            })
    return dict(
        device=bs._device_name(args.device),
        torch=torch.__version__,
        threads=torch.get_num_threads(),
        labeled=n_l,
        unlabeled=n_u,
        timed_steps=args.iters * args.rounds,
        methods=rows)


def report(result: dict) -> str:
    lines = [
        f"{result['device']}, torch {result['torch']}, "
        f"{result['threads']} threads, batch {result['labeled']} + "
        f"{result['unlabeled']}, median of {result['timed_steps']} steps", '',
        '| method | step s | floor s | step / floor | floor parts |',
        '|---|---|---|---|---|'
    ]
    for m, r in result['methods'].items():
        parts = ', '.join(f'{k} {v:.3f}' for k, v in r['parts'].items())
        lines.append(f"| {m} | {r['step_s']:.3f} | {r['floor_s']:.3f} | "
                     f"{r['step_over_floor']:.2f} | {parts} |")
    return '\n'.join(lines)


def main(argv=None):
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()
    args = parse_args(argv)
    from mmpose_trs.synthetic import ensure_dataset
    ensure_dataset(args.data_root)
    result = measure(args)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(result, f, indent=1)
    print(report(result))
    print(f'\nwrote {args.out}')
    return result


if __name__ == '__main__':
    main()
