"""The arms of the accuracy benchmark: config, whether semi-supervised,
label, and the overrides that make each one differ from its control.

Hard-view patch sizes come from the quick-start base (its ``patch``: the
papers' 32 px at this crop size), so every method's patches are alike."""
import os.path as osp

from mmengine.config import Config

Q = 'configs/quickstart/'
ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
#: the quick start's scaled hard-view augmentations (one definition)
QUICK = Config.fromfile(
    osp.join(ROOT, 'configs/_base_/synthetic_quickstart.py'))
PATCH = QUICK.patch
ARMS = {
    'supervised':
    dict(
        config=Q + 'supervised_res18-half_synthetic-labeled.py',
        semi=False,
        label='Supervised (labeled only)'),
    'dual':
    dict(
        config=Q + 'dual_res18-half_synthetic.py',
        semi=True,
        label='Dual (Xie et al.)'),
    'trs':
    dict(
        config=Q + 'trs_res18-half_synthetic.py',
        semi=True,
        label='TRS: + reviewers'),
    'trs_mfl':
    dict(
        config=Q + 'trs-mfl-km_res18-half_synthetic.py',
        semi=True,
        model=dict(pre_affine_aug=None),
        label='TRS: + reviewers + MFL'),
    'trs_mfl_km':
    dict(
        config=Q + 'trs-mfl-km_res18-half_synthetic.py',
        semi=True,
        label='TRS: + reviewers + MFL + KM'),
    'trs_mfl3_km':
    dict(
        config=Q + 'trs-mfl-n3-km_res18-half_synthetic.py',
        semi=True,
        label='TRS: + reviewers + MFL (3 levels) + KM'),
    # the two readings of MFL the paper leaves open (lab B): unlabeled
    # targets from the guide's final level for every student level, and
    # test-time prediction from the mean of the levels (the full method's
    # own weights tested again: paired exactly)
    'trs_mfl_km_final_target':
    dict(
        config=Q + 'trs-mfl-km_res18-half_synthetic.py',
        semi=True,
        model=dict(unsup_target_level='final'),
        label="TRS full, every level from the guide's final level"),
    'trs_mfl_km_mean_test':
    dict(
        config=Q + 'trs-mfl-km_res18-half_synthetic.py',
        semi=True,
        retest_of='trs_mfl_km',
        options={
            f'model.{net}.head.test_level': 'mean'
            for net in ('net_f', 'net_g')
        },
        label='TRS full, tested on the mean of the levels'),
    # Table VI's MFL + KM without reviewers (the paper's ablation config:
    # the same weights, no reviewer guide and no reviewer hook)
    'trs_mfl_km_no_reviewers':
    dict(
        config=Q + 'trs-mfl-km_res18-half_synthetic.py',
        semi=True,
        model=dict(use_reviewers=False),
        options=dict(custom_hooks=QUICK.quick_semi_hooks),
        label='TRS: MFL + KM without reviewers'),
    # Table VIII: Keypoint-Mix's k on the full method
    **{
        f'trs_mfl_km_k{k}': dict(
            config=Q + 'trs-mfl-km_res18-half_synthetic.py',
            semi=True,
            model=dict(
                pre_affine_aug=dict(QUICK.keypoint_mix.to_dict(), k=k)),
            label=f'TRS full, Keypoint-Mix k = {k}')
        for k in (3, 7, 9)
    },
    # keypoint-space targets (SimCC networks and a mixed pair, issue 26):
    # the quick start's ResNet with a SimCC head
    'supervised_simcc':
    dict(
        config=Q + 'supervised-simcc_res18-half_synthetic-labeled.py',
        semi=False,
        label='Supervised SimCC (labeled only)'),
    'dual_simcc':
    dict(
        config=Q + 'dual_res18-half_synthetic.py',
        semi=True,
        model=dict(
            net_f=QUICK.simcc_net.to_dict(), net_g=QUICK.simcc_net.to_dict()),
        label='Dual, SimCC networks'),
    'trs_simcc':
    dict(
        config=Q + 'trs-simcc_res18-half_synthetic.py',
        semi=True,
        label='TRS, SimCC networks'),
    'trs_mixed':
    dict(
        config=Q + 'trs-mixed_res18-half_synthetic.py',
        semi=True,
        label='TRS, heatmap f + SimCC g'),
    'trs_eq12_alt':
    dict(
        config=Q + 'trs_res18-half_synthetic.py',
        semi=True,
        model=dict(sup_weight=1.0, unsup_weight=0.5),
        label='TRS, eq. 12 as L_s + 0.5 L_u'),
    'trs_wd':
    dict(
        config=Q + 'trs_res18-half_synthetic.py',
        semi=True,
        options={'optim_wrapper.optimizer.weight_decay': 1e-4},
        label='TRS, Adam weight decay 1e-4'),
    'trs_separate':
    dict(
        config=Q + 'trs_res18-half_synthetic.py',
        semi=True,
        model=dict(student_forward='separate'),
        label='TRS, separate student forwards'),
    'sspcm':
    dict(
        config=Q + 'sspcm_res18-half_synthetic.py',
        semi=True,
        report='s',
        label='SSPCM (student s)'),
    'single':
    dict(
        config=Q + 'single_res18-half_synthetic.py',
        semi=True,
        report='f',
        label='Single (PoseCons, JC)'),
    'multiaugs':
    dict(
        config=Q + 'multiaugs_res18-half_synthetic.py',
        semi=True,
        label='MultiAugs (Dual, JOCO + JCCM views)'),
    'trs_mfl_multipath':
    dict(
        config=Q + 'trs-mfl-multipath_res18-half_synthetic.py',
        semi=True,
        label='TRS + MFL, views KM and JC + CutMix'),
    **{
        f'trs_{name}': dict(
            config=Q + 'trs_res18-half_synthetic.py',
            semi=True,
            model=dict(pre_affine_aug=dict(type=aug, **kw)),
            label=f'TRS, {name} hard views (Table IX)')
        for name, aug, kw in (
            ('cutout', 'RandomCutout', dict(num=1, patch_size=PATCH)),
            ('jc', 'TeacherJointCutout',
             dict(k=5, patch_size=PATCH, score_thr=None)),
            ('km', 'TeacherKeypointMix',
             dict(k=5, patch_size=PATCH, score_thr=0.1)),
            ('mixup', 'RandomMixup', {}),
            ('cutmix', 'RandomCutMix', dict(num=2, half_size=(3, 7))),
            ('randaugment', 'BatchRandAugment', dict(num_ops=2, magnitude=9)),
            ('ssco', 'TeacherCutOcclude', dict(k=2, patch_size=PATCH)))
    },
    # the supervised baseline's weight decay, chosen on val (the protocol's
    # setting is none: the 'supervised' arm)
    **{
        f'supervised_wd{wd:g}': dict(
            config=Q + 'supervised_res18-half_synthetic-labeled.py',
            semi=False,
            options={'optim_wrapper.optimizer.weight_decay': wd},
            label=f'Supervised, Adam weight decay {wd:g}')
        for wd in (1e-4, 1e-3)
    },
    'pseudopose':
    dict(
        config=Q + 'supervised_res18-half_synthetic-labeled.py',
        semi=False,
        pseudo=dict(scales=[1.0], flip=False),
        label='PseudoPose (labels + pseudo-labels)'),
    'datadistill':
    dict(
        config=Q + 'supervised_res18-half_synthetic-labeled.py',
        semi=False,
        pseudo=dict(scales=[0.8, 0.9, 1.0, 1.1, 1.2], flip=True),
        label='DataDistill (flip + 5-scale pseudo-labels)'),
    'all_labels':
    dict(
        config=Q + 'supervised_res18-half_synthetic-all-labels.py',
        semi=False,
        label='Supervised (all labels, ceiling)'),
}
# each rival with TRS's hard-view augmentation (Keypoint-Mix) in place of
# its paper's, so that method and augmentation effects separate
ARMS.update({
    f'{rival}_km':
    dict(
        ARMS[rival],
        model=dict(pre_affine_aug=QUICK.keypoint_mix.to_dict()),
        label=ARMS[rival]['label'] + ', with Keypoint-Mix')
    for rival in ('dual', 'sspcm', 'single')
})
#: lab A's main arms: the ablation ladder and the all-labels ceiling
LAB_A_ARMS = ('supervised', 'dual', 'trs', 'trs_mfl', 'trs_mfl_km',
              'all_labels')
#: lab B's main arms: the supervised baseline with its weight decay choices,
#: and the ablation ladder from Dual to the full method (one, two and three
#: MFL levels)
LAB_B_ARMS = ('supervised', 'supervised_wd0.0001', 'supervised_wd0.001',
              'dual', 'trs_mfl_km', 'trs_km', 'trs_mfl',
              'trs_mfl_km_no_reviewers', 'trs_mfl3_km', 'trs_mfl_km_mean_test',
              'trs_mfl_km_final_target', 'trs')
AB_ARMS = ('trs_eq12_alt', 'trs_wd', 'trs_separate')
#: the supervised baseline's weight decay, 0 (the protocol's) or chosen on val
SUPERVISED_WD_ARMS = ('supervised', 'supervised_wd0.0001',
                      'supervised_wd0.001')
#: keypoint-space targets: SimCC networks and a mixed pair (with the
#: heatmap baselines they compare with)
SIMCC_ARMS = ('supervised', 'supervised_simcc', 'dual', 'dual_simcc', 'trs',
              'trs_simcc', 'trs_mixed')
#: the rivals with their paper's and with TRS's hard-view augmentation
RIVAL_AUG_ARMS = ('dual', 'dual_km', 'sspcm', 'sspcm_km', 'single',
                  'single_km')
#: the rivals and the multi-path views (docs/benchmarks.md section 1)
METHOD_ARMS = ('sspcm', 'single', 'multiaugs', 'trs_mfl_multipath')
#: the two-stage pseudo-labelling baselines of Table II
PSEUDO_ARMS = ('pseudopose', 'datadistill')
#: Table IX: one hard-view augmentation each, on the reviewers-only TRS
TABLE_IX_ARMS = ('trs_cutout', 'trs_jc', 'trs_km', 'trs_mixup', 'trs_cutmix',
                 'trs_randaugment', 'trs_ssco')
# the config that trains a burn-in: TRS on the arm's own networks, supervised
# for all its iterations (every arm starts from a burn-in of its networks)
BURN_IN_CONFIG = ARMS['trs']['config']

#: the labs test an MFL network from its final level, the reading of every
#: kept run (the configs predict from the mean of the levels since
#: 2026-12-03, as lab B measured it: the ``trs_mfl_km_mean_test`` retest)
LAB_TEST_LEVEL = 'final'


def pin_test_level(cfg: Config) -> None:
    """Set every multi-level head of ``cfg``'s model (a plain model's, each
    ``net_*``'s) to :data:`LAB_TEST_LEVEL`, in place; the arm's options
    may set another (:func:`apply_arm`)."""
    model = cfg.model
    nets = [model] + [v for k, v in model.items() if k.startswith('net_')]
    for net in nets:
        head = net.get('head') if hasattr(net, 'get') else None
        if head is not None and head.get('type') == 'MultiLevelHeatmapHead':
            head['test_level'] = LAB_TEST_LEVEL


def apply_arm(cfg, spec: dict) -> None:
    """An arm's model overrides and config options, on its config. A model
    override replaces the config's value (an augmentation is swapped whole,
    not merged with the one it replaces)."""
    for key, value in spec.get('model', {}).items():
        cfg.model[key] = value
    pin_test_level(cfg)
    cfg.merge_from_dict(spec.get('options', {}))
