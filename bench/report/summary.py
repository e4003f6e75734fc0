"""One line per report build: wall time, pages, sizes, the ratio to the Python floor, and the goal."""
import json, sys

r, report, py, label = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"pipeline report ({label}): {report} ms wall ({r['pages']} pages, {r['bytes'] / 2**20:.1f} MiB; "
      f"largest {r['largest_page']} {r['largest_page_bytes'] / 2**20:.2f} MiB)")
print(f"  ratio report/python floor = {report / py:.2f}; goal < 10 s and no page > 2 MiB: "
      f"{'met' if report < 10000 and r['largest_page_bytes'] <= 2 * 2**20 else 'NOT met'}")
