"""What unlabeled pools of 10k to millions of boxes cost in build time and
memory, per DataLoader worker too (:mod:`benchmark.data_pool`: design,
options, example)."""
from benchmark.data_pool import main

if __name__ == '__main__':
    main()
