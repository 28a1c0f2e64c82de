# Table IV: MPII 10K labeled + AI Challenger 100K unlabeled, PCKh@0.5 on MPII
# val. Paper: 85.7 (Dual 85.3). Splits: docs/reproduce.md.
_base_ = ['../../_base_/semi_mpii_256x256.py']
