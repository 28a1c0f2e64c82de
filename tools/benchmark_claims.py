"""The paper's claims as a table over the labs' finished runs.

Runs :mod:`benchmark.claims` (tools/benchmark/claims.py: claims, verdict
rule). Example:

    python tools/benchmark_claims.py \
        --lab-a work_dirs/benchmark_accuracy \
        --lab-b work_dirs/benchmark_accuracy_lab_b
"""
import argparse

from benchmark.claims import claims_table, supervised_table


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--lab-a', default='work_dirs/benchmark_accuracy')
    p.add_argument('--lab-b', default='work_dirs/benchmark_accuracy_lab_b')
    p.add_argument('-o', '--out', help='also write the table here')
    args = p.parse_args(argv)
    labs = {'lab A': args.lab_a, 'lab B': args.lab_b}
    text = (supervised_table(labs) + '\n\n' + claims_table(labs))
    print(text)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
