"""Writes reference.txt: x (hex double) and erf(x) to 25 digits, computed in 120-bit arithmetic (mpmath).
Points: the erfc branch's start [1, 2] densely, all of [0, 6], and tiny values down to subnormals."""
import random
import mpmath as mp

mp.mp.prec = 120
random.seed(12)
xs = [random.uniform(1.0, 2.0) for _ in range(1500)]
xs += [random.uniform(0.0, 6.0) for _ in range(1500)]
xs += [10 ** random.uniform(-320, 0) for _ in range(300)]
with open('reference.txt', 'w') as f:
    for x in xs:
        f.write('%s %s\n' % (float(x).hex(), mp.nstr(mp.erf(mp.mpf(x)), 25)))
