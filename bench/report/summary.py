"""One block per report build: runs, points, wall and CPU time, pages, sizes, ratios to the Python floor, the goal."""
import json, sys

r = json.loads(sys.argv[1])
wall, cpu, py, py_cpu = (int(a) for a in sys.argv[2:6])
label, runs, points, load = sys.argv[6], int(sys.argv[7]), int(sys.argv[8]), sys.argv[9]
largest = r["largest_page_bytes"]
print(f"pipeline report ({label}): {runs} runs × {points} points; {wall / 1000:.1f} s wall, {cpu / 1000:.1f} s CPU (user+sys) "
      f"at load {load}; {r['pages']} pages, {r['bytes'] / 2**20:.1f} MiB; largest {r['largest_page']} {largest} bytes")
print(f"  ratio report/python floor: wall {wall / py:.2f}, CPU {cpu / py_cpu:.2f}")
# < 20 CPU-s is what lets 2 idle cores finish under 10 s wall; the wall figure itself depends on the machine's load.
print(f"  {'PASS' if wall < 10000 else 'FAIL'} wall < 10 s ({wall / 1000:.1f} s); "
      f"{'PASS' if cpu < 20000 else 'FAIL'} CPU < 20 s on 2 cores ({cpu / 1000:.1f} s); "
      f"{'PASS' if largest <= 2 * 2**20 else 'FAIL'} largest page <= 2 MiB ({largest / 2**20:.2f} MiB)")
