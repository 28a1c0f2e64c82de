"""The paper's claims as a table over the labs' finished runs.

Runs :mod:`benchmark.claims` (tools/benchmark/claims.py: claims, verdict
rule). Example:

    python tools/benchmark_claims.py \
        --lab-a docs/benchmark_runs/lab_a \
        --lab-b docs/benchmark_runs/lab_b docs/benchmark_runs/lab_b_m2 \
        --simcc work_dirs/benchmark_accuracy_simcc
    # the arms of the claims lab B has no verdict on: what to train next
    python tools/benchmark_claims.py --unanswered b

The defaults are the runs kept in the repository (tools/run_lab.sh), each
lab as its blocks (``lab_a lab_a_m2``, ``lab_b lab_b_m2 lab_b_m3``: the runs
of one machine each; a claim's pair comes from one block,
tools/benchmark/pairs.py);
``--lab-a work_dirs/benchmark_accuracy`` reads a work dir instead.

After the claims: the two readings of MFL the paper leaves open, each
against the default (lab B); then each arm's final val AP and how much the
last fifth of its schedule moved it (the labs' convergence rule), and the
arms that break the rule.

``--simcc`` adds the keypoint-space rows (SimCC pairs and a mixed pair
against the heatmap arms of the same run) and each network's AP.
"""
import argparse

from benchmark.claims import (MFL_READINGS, SIMCC_CLAIMS, claims_table,
                              networks_table, supervised_table,
                              unanswered_arms)
from benchmark.convergence import convergence_table
from benchmark.runs import KEPT_RUNS


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for lab in ('a', 'b'):
        p.add_argument(
            f'--lab-{lab}',
            nargs='+',
            default=KEPT_RUNS[lab],
            help=f"lab {lab.upper()}'s folder of runs, or its blocks (each "
            "one machine's runs, the first first; default the kept ones)")
    p.add_argument(
        '--simcc',
        help='work dir of the SimCC arms (lab A geometry) to tabulate too')
    p.add_argument('-o', '--out', help='also write the table here')
    p.add_argument(
        '--unanswered',
        choices=('a', 'b'),
        help='print only the arms (arm and control) of the claims this lab '
        'has no 3-seed verdict on, for --arms of tools/benchmark_accuracy.py')
    args = p.parse_args(argv)
    if args.unanswered:
        print(' '.join(
            unanswered_arms(getattr(args, f'lab_{args.unanswered}'))))
        return
    labs = {'lab A': args.lab_a, 'lab B': args.lab_b}
    text = (
        supervised_table(labs) + '\n\n' + claims_table(labs) + '\n\n' +
        claims_table(labs, MFL_READINGS) + '\n\n' + convergence_table(labs))
    if args.simcc:
        arms = [a for row in SIMCC_CLAIMS for a in row[2:4]]
        text += ('\n\n' + claims_table({'lab A': args.simcc}, SIMCC_CLAIMS) +
                 '\n\n' + networks_table(args.simcc, dict.fromkeys(arms)))
    print(text)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
