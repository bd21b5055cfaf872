"""What the program twins (polynomial_fit.py, mlp.py) share: arguments and the timing line."""
import sys


def args(default_steps):
    """--steps N (default default_steps), --threads N (default: PyTorch's own)."""
    steps, threads = default_steps, None
    argv = sys.argv[1:]
    for i in range(0, len(argv) - 1, 2):
        if argv[i] == "--steps":
            steps = int(argv[i + 1])
        elif argv[i] == "--threads":
            threads = int(argv[i + 1])
        else:
            sys.exit(f"unknown option {argv[i]}; usage: [--steps N] [--threads N]")
    return steps, threads


def report(blocks):
    """stderr: first100_ns (the first 100-step block) and steady_ns (median ns/step of blocks after 500 steps)."""
    steady = sorted(blocks[5:])
    first = blocks[0] if blocks else 0
    per_step = steady[len(steady) // 2] / 100 if steady else float("nan")
    print(f"timing: first100_ns={first} steady_ns={per_step:.0f}", file=sys.stderr)
