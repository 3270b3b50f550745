"""Writes world.svg, the country outlines of the events map, from Natural
Earth's 1:110m Admin 0 boundaries as the `world-atlas` npm package (2.0.2)
ships them in TopoJSON (countries-110m.json).

    npm install world-atlas@2.0.2
    python3 make_world.py node_modules/world-atlas/countries-110m.json > world.svg

The projection is equirectangular in degrees: x = longitude + 180,
y = 90 - latitude, so the map can place a point without any library.
Natural Earth is in the public domain; world-atlas is ISC-licensed.
"""
import json
import sys


def main(path):
    topo = json.load(open(path))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    paths = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        d = []
        for poly in polys:
            for r in poly:
                pts = ring(r)
                last = None
                seg = []
                for lon, lat in pts:
                    p = (round(lon + 180, 1), round(90 - lat, 1))
                    if p != last:
                        seg.append(p)
                        last = p
                if len(seg) < 3:
                    continue
                d.append("M" + "L".join(f"{x:g} {y:g}" for x, y in seg) + "Z")
        if d:
            paths.append("".join(d))
    sys.stdout.write(
        "<!-- Country outlines: Natural Earth 1:110m Admin 0 (public domain), via world-atlas 2.0.2"
        " (ISC); equirectangular, x = lon + 180, y = 90 - lat. Made by make_world.py. -->\n"
    )
    sys.stdout.write('<path class="land" d="' + "".join(paths) + '"/>\n')


main(sys.argv[1])
