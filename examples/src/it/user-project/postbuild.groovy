// The program printed d/dx sum(sin(x)) = cos(x) on the SIMD backend.
def log = new File(basedir, 'build.log').text
assert log.contains('tensor([ 1.0000,  0.5403, -0.4161, -0.9900])') : log
assert log.readLines().contains('simd') : log
