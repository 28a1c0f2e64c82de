"""Markdown summary of the result of benchmark_speed.py."""


def report(r: dict) -> str:
    """Markdown summary of :func:`measure`'s result."""
    s, mem, inf = r['seconds'], r['memory'], r['inference']
    lines = [
        f"Device: {r['device']}, torch {r['torch']}, {r['threads']} threads; "
        f"batch {r['labeled']} labeled + {r['unlabeled']} unlabeled; median "
        f"of {r['timed_steps']} timed steps.", '', '| measure | value |',
        '|---|---|', f"| vanilla MMPose step ({r['labeled']} labeled) | "
        f"{s['vanilla'] * 1e3:.1f} ms |",
        f"| TRS step | {s['trs'] * 1e3:.1f} ms |",
        f"| TRS / vanilla | {r['trs_over_vanilla']:.2f}x |",
        f"| compute floor / vanilla (nominal {r['nominal_floor']:.2f}x) | "
        f"{r['floor_over_vanilla']:.2f}x |",
        f"| **TRS / floor** (target <= 1.05) | {r['trs_over_floor']:.3f} |",
        f"| hard-view warp + Keypoint-Mix share (target <= 2%) | "
        f"{100 * (r['warp_share'] + r['keypoint_mix_share']):.2f}% "
        f"(warp {100 * r['warp_share']:.2f}%, KM "
        f"{100 * r['keypoint_mix_share']:.2f}%) |"
    ]
    for arm in ('vanilla', 'trs'):
        m = mem[arm]
        lines.append(f"| peak memory of a {arm} step ({m['method']}) | "
                     f"+{m['step_peak_mib']} MiB over "
                     f"{m['weights_and_optimizer_mib']} MiB of weights and "
                     'optimizer state |')
    d = r['data_seconds_per_step']
    lines += [
        f"| data loading per step, main process (TRS / vanilla) | "
        f"{d['trs'] * 1e3:.1f} / {d['vanilla'] * 1e3:.1f} ms |",
        f"| inference, exported f / vanilla ({inf['batch']} crops, "
        f"flip test) | {inf['seconds']['exported'] * 1e3:.1f} / "
        f"{inf['seconds']['vanilla'] * 1e3:.1f} ms = "
        f"{inf['exported_over_vanilla']:.3f}x |"
    ]
    return '\n'.join(lines)


def variants_report(result: dict) -> str:
    """Markdown table of :func:`benchmark.speed.variants`."""
    lines = [
        f"{result['device']}, torch {result['torch']}, {result['threads']} "
        f"threads, {result['trs_config']}, median of "
        f"{result['timed_steps']} steps", '',
        '| variant | step s | / default | first-step loss rel. diff |',
        '|---|---|---|---|'
    ]
    for name, row in result['variants'].items():
        if 'error' in row:
            lines.append(f"| {name} | - | - | did not run: {row['error']} |")
            continue
        ratio = row.get('over_default')
        diff = row.get('loss_rel_diff')
        lines.append(f"| {name} | {row['step_s']:.3f} | " +
                     ('-' if ratio is None else f'{ratio:.2f}') + ' | ' +
                     ('-' if diff is None else f'{diff:.1e}') + ' |')
    return '\n'.join(lines)
