"""Export one network of a TRS checkpoint as a plain MMPose config +
checkpoint, loadable by ``mmpose.apis.init_model`` without this plugin.

Example:
    python tools/export_model.py \
        configs/quickstart/trs_res18-half_synthetic.py \
        work_dirs/trs/iter_600.pth --net f --out-dir exported/

An MFL network (``configs/quickstart/trs-mfl-km_*``) predicts from the mean
of its levels, which needs this plugin's head: ``--test-level final``
exports its final level as a plain MMPose ``HeatmapHead`` instead.
"""
import argparse
from typing import List, Optional

from mmpose_trs.apis import export_network
from mmpose_trs.utils.cli import add_net_argument


def main(argv: Optional[List[str]] = None) -> tuple:
    from mmpose_trs.safety.process_setup import setup_process
    setup_process()  # safe checkpoint loading, annotation errors
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        'config',
        help='the TRS / Dual / SSPCM / Single config the '
        'checkpoint was trained with')
    p.add_argument('checkpoint', help='checkpoint of that config')
    add_net_argument(p)
    p.add_argument('--out-dir', default='exported')
    p.add_argument(
        '--test-level',
        choices=('final', 'mean'),
        help="an MFL network's reading in place of the config's: 'final' "
        'exports its final level as a plain HeatmapHead (no plugin needed; '
        "the configs' default, 'mean', keeps this plugin's head)")
    args = p.parse_args(argv)
    cfg_path, ckpt_path = export_network(args.config, args.checkpoint,
                                         args.net, args.out_dir,
                                         args.test_level)
    print(f'wrote {cfg_path} and {ckpt_path}')
    return cfg_path, ckpt_path


if __name__ == '__main__':
    main()
