// Converts Natural Earth country shapes (npm world-atlas, public domain) into the small SVG map the decision
// room draws: the Allies, Ukraine and their neighbours, projected for the North Atlantic area.
//
// Run once, when the shapes or the list below change; the output is committed:
//   npm install --prefix /tmp/mapbuild world-atlas topojson-client
//   node scripts/build-map.mjs /tmp/mapbuild/node_modules
// Writes src/Concord.Web/wwwroot/map/allies.json: { viewBox, frames: [{ name, x, y, width, height }],
// shapes: [{ code, name, member, partOf?, d, x, y, area }] }. Coordinates are SVG user units (600 high),
// simplified and rounded to whole units.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const modules = resolve(process.argv[2] ?? "/tmp/mapbuild/node_modules");
const require = createRequire(join(modules, "noop.js"));
const { feature } = require("topojson-client");
const atlasFile = join(modules, "world-atlas", "countries-50m.json");
const topology = JSON.parse(readFileSync(atlasFile, "utf8"));
const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, "..", "src", "Concord.Web", "wwwroot", "map", "allies.json");

// ISO 3166-1 numeric → alpha-3, only for the countries drawn. Members are NATO's 32 Allies.
const MEMBERS = {
  "056": "BEL", "124": "CAN", "208": "DNK", "250": "FRA", "352": "ISL", "380": "ITA", "442": "LUX", "528": "NLD",
  "578": "NOR", "620": "PRT", "826": "GBR", "840": "USA", "300": "GRC", "792": "TUR", "276": "DEU", "724": "ESP",
  "203": "CZE", "348": "HUN", "616": "POL", "100": "BGR", "233": "EST", "428": "LVA", "440": "LTU", "642": "ROU",
  "703": "SVK", "705": "SVN", "008": "ALB", "191": "HRV", "499": "MNE", "807": "MKD", "246": "FIN", "752": "SWE",
};
const CONTEXT = {
  "804": "UKR", "304": "GRL", "234": "FRO", "643": "RUS", "112": "BLR", "498": "MDA", "268": "GEO", "051": "ARM",
  "031": "AZE", "688": "SRB", "070": "BIH", "040": "AUT", "756": "CHE", "438": "LIE", "372": "IRL", "196": "CYP",
  "470": "MLT", "484": "MEX", "192": "CUB", "044": "BHS", "760": "SYR", "368": "IRQ", "364": "IRN", "422": "LBN",
  "376": "ISR", "400": "JOR", "818": "EGY", "434": "LBY", "788": "TUN", "012": "DZA", "504": "MAR", "398": "KAZ",
  "020": "AND", "492": "MCO", "674": "SMR", "336": "VAT", "275": "PSE", "682": "SAU", "795": "TKM", "860": "UZB",
  "732": "ESH", "478": "MRT", "466": "MLI", "562": "NER", "148": "TCD", "729": "SDN",
};
// Shapes without a numeric code in Natural Earth, keyed by their name there.
const BY_NAME = { "Kosovo": "XKX", "N. Cyprus": "CYN" };
// Territories drawn in their sovereign's colour.
const PART_OF = { GRL: "DNK", FRO: "DNK" };
const NAMES = {
  BEL: "Belgium", CAN: "Canada", DNK: "Denmark", FRA: "France", ISL: "Iceland", ITA: "Italy", LUX: "Luxembourg",
  NLD: "Netherlands", NOR: "Norway", PRT: "Portugal", GBR: "United Kingdom", USA: "United States", GRC: "Greece",
  TUR: "Türkiye", DEU: "Germany", ESP: "Spain", CZE: "Czech Republic", HUN: "Hungary", POL: "Poland", BGR: "Bulgaria",
  EST: "Estonia", LVA: "Latvia", LTU: "Lithuania", ROU: "Romania", SVK: "Slovakia", SVN: "Slovenia", ALB: "Albania",
  HRV: "Croatia", MNE: "Montenegro", MKD: "North Macedonia", FIN: "Finland", SWE: "Sweden", UKR: "Ukraine",
  GRL: "Greenland (Denmark)", FRO: "Faroe Islands (Denmark)", RUS: "Russia", BLR: "Belarus", MDA: "Moldova",
  GEO: "Georgia", ARM: "Armenia", AZE: "Azerbaijan", SRB: "Serbia", BIH: "Bosnia and Herzegovina", XKX: "Kosovo",
  AUT: "Austria", CHE: "Switzerland", LIE: "Liechtenstein", IRL: "Ireland", CYP: "Cyprus", CYN: "Northern Cyprus",
  MLT: "Malta", MEX: "Mexico", CUB: "Cuba", BHS: "Bahamas", SYR: "Syria", IRQ: "Iraq", IRN: "Iran", LBN: "Lebanon",
  ISR: "Israel", JOR: "Jordan", EGY: "Egypt", LBY: "Libya", TUN: "Tunisia", DZA: "Algeria", MAR: "Morocco",
  KAZ: "Kazakhstan", AND: "Andorra", MCO: "Monaco", SMR: "San Marino", VAT: "Vatican City", PSE: "Palestine",
  SAU: "Saudi Arabia", TKM: "Turkmenistan", UZB: "Uzbekistan", ESH: "Western Sahara", MRT: "Mauritania", MLI: "Mali",
  NER: "Niger", TCD: "Chad", SDN: "Sudan",
};

// Two panels side by side, each in a Lambert azimuthal equal-area projection centred on it so that north stays
// up: North America (with Greenland) and Europe (with Türkiye and Ukraine's neighbours). One projection for both
// would turn Türkiye and the United States on their sides.
const RAD = Math.PI / 180;
const PANELS = [
  { name: "North America", centre: [-96, 52], area: ([lon, lat]) => lon > -170 && lon < -10 && lat > 24 && lat < 84,
    codes: new Set(["USA", "CAN", "GRL", "MEX", "CUB", "BHS"]), fit: new Set(["USA", "CAN", "GRL"]), height: 0.6 },
  { name: "Europe", centre: [12, 52], area: ([lon, lat]) => lon > -32 && lon < 60 && lat > 26 && lat < 72, codes: null, fit: null, height: 1 },
];
function projector([lon0, lat0]) {
  const [l0, p0] = [lon0 * RAD, lat0 * RAD];
  return ([lon, lat]) => {
    const l = lon * RAD - l0, p = lat * RAD;
    const k = Math.sqrt(2 / (1 + Math.sin(p0) * Math.sin(p) + Math.cos(p0) * Math.cos(p) * Math.cos(l)));
    return [k * Math.cos(p) * Math.sin(l), -k * (Math.cos(p0) * Math.sin(p) - Math.sin(p0) * Math.cos(p) * Math.cos(l))];
  };
}

// A member's parts far from its panel (Hawaii, French Guiana, Svalbard) are dropped by their centre; a neighbour
// is kept wherever it touches the panel (Russia's centre lies in Asia), then clipped to the frame.
function rings(geometry, inArea, member) {
  if (!geometry) return [];
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const keep = poly => member ? inArea(centre(poly[0])) : poly[0].some(inArea);
  return polygons.filter(keep).map(poly => poly[0]); // outer rings; holes are not needed at this scale
}

function centre(ring) {
  let [x, y] = [0, 0];
  for (const [a, b] of ring) { x += a; y += b; }
  return [x / ring.length, y / ring.length];
}

function area(ring) {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return Math.abs(s / 2);
}

function centroid(ring) {
  let [x, y, a] = [0, 0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    x += (ring[j][0] + ring[i][0]) * f; y += (ring[j][1] + ring[i][1]) * f; a += f;
  }
  return a === 0 ? centre(ring) : [x / (3 * a), y / (3 * a)];
}

// Sutherland–Hodgman against the view rectangle: shapes reaching far outside (Russia) stay small.
function clip(ring, [x0, y0, x1, y1]) {
  const edges = [
    [p => p[0] >= x0, (a, b) => cut(a, b, 0, x0)], [p => p[0] <= x1, (a, b) => cut(a, b, 0, x1)],
    [p => p[1] >= y0, (a, b) => cut(a, b, 1, y0)], [p => p[1] <= y1, (a, b) => cut(a, b, 1, y1)],
  ];
  let out = ring;
  for (const [inside, intersect] of edges) {
    const input = out; out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) { if (!inside(prev)) out.push(intersect(prev, cur)); out.push(cur); }
      else if (inside(prev)) out.push(intersect(prev, cur));
    }
    if (out.length === 0) break;
  }
  return out;
}
function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), value];
}

// Douglas–Peucker, iterative.
function simplify(points, tolerance) {
  if (points.length < 4) return points;
  const keep = new Uint8Array(points.length); keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop();
    let [best, index] = [0, -1];
    for (let i = s + 1; i < e; i++) {
      const d = distance(points[i], points[s], points[e]);
      if (d > best) [best, index] = [d, i];
    }
    if (best > tolerance) { keep[index] = 1; stack.push([s, index], [index, e]); }
  }
  return points.filter((_, i) => keep[i]);
}
function distance([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const len = dx * dx + dy * dy;
  if (len === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function path(ring) {
  const pts = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x), Math.round(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  if (pts.length < 3) return "";
  let d = `M${pts[0][0]} ${pts[0][1]}l`;
  for (let i = 1; i < pts.length; i++) d += `${i > 1 ? " " : ""}${pts[i][0] - pts[i - 1][0]} ${pts[i][1] - pts[i - 1][1]}`;
  return d.replace(/ -/g, "-") + "z";
}

const all = feature(topology, topology.objects.countries).features
  .map(f => ({ f, code: MEMBERS[f.id] ?? CONTEXT[f.id] ?? BY_NAME[f.properties?.name] }))
  .filter(x => x.code);
const isMember = code => Object.values(MEMBERS).includes(code);

// Crimea is drawn as part of Ukraine, as the Allies recognise it (Natural Earth draws the line of control).
const crimea = ([lon, lat]) => lon > 32 && lon < 37 && lat > 44 && lat < 46.2;
const russia = all.find(x => x.code === "RUS"), ukraine = all.find(x => x.code === "UKR");
if (russia && ukraine && russia.f.geometry.type === "MultiPolygon") {
  const moved = russia.f.geometry.coordinates.filter(poly => crimea(centre(poly[0])));
  russia.f.geometry.coordinates = russia.f.geometry.coordinates.filter(poly => !crimea(centre(poly[0])));
  const own = ukraine.f.geometry.type === "Polygon" ? [ukraine.f.geometry.coordinates] : ukraine.f.geometry.coordinates;
  ukraine.f.geometry = { type: "MultiPolygon", coordinates: [...own, ...moved] };
  console.log(`Crimea: ${moved.length} polygon(s) drawn with Ukraine`);
}

// Each panel: project its countries, fit the frame around the Allies in it, clip the rest to that frame.
const HEIGHT = 600, GAP = 12;
const shapes = [];
const frames = [];
let left = 0;
for (const panel of PANELS) {
  const project = projector(panel.centre);
  const countries = all
    .filter(({ code }) => panel.codes ? panel.codes.has(code) : !PANELS[0].codes.has(code))
    .map(({ f, code }) => ({ code, member: isMember(code), rings: rings(f.geometry, panel.area, isMember(code) || PART_OF[code]).map(r => r.map(project)) }))
    .filter(c => c.rings.length > 0);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of countries.filter(c => panel.fit ? panel.fit.has(c.code) : c.member))
    for (const r of c.rings) for (const [x, y] of r) { minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y); }
  const margin = 0.02 * (maxY - minY);
  [minX, minY, maxX, maxY] = [minX - margin, minY - margin, maxX + margin, maxY + margin];
  const height = Math.round(HEIGHT * panel.height);
  const scale = height / (maxY - minY);
  const width = Math.round((maxX - minX) * scale);
  const toView = ([x, y]) => [left + (x - minX) * scale, (y - minY) * scale];
  const frame = [left, 0, left + width, height];
  frames.push({ name: panel.name, x: left, y: 0, width, height });
  for (const c of countries) {
    const drawn = c.rings.map(r => simplify(clip(r.map(toView), frame), 0.45)).filter(r => r.length >= 3 && area(r) > 0);
    if (drawn.length === 0) continue;
    const largest = drawn.reduce((a, b) => (area(b) > area(a) ? b : a));
    const kept = drawn.filter(r => area(r) >= 2 || r === largest);
    const d = kept.map(path).filter(Boolean).join("");
    if (!d) continue;
    const [x, y] = centroid(largest);
    shapes.push({
      code: c.code, name: NAMES[c.code], member: c.member, ...(PART_OF[c.code] ? { partOf: PART_OF[c.code] } : {}),
      d, x: Math.round(x), y: Math.round(y), area: Math.round(kept.reduce((s, r) => s + area(r), 0)),
    });
  }
  left += width + GAP;
}
shapes.sort((a, b) => a.code.localeCompare(b.code));

const result = {
  source: "Natural Earth 1:50m admin-0 countries (public domain) via npm world-atlas 2; two Lambert azimuthal equal-area panels; scripts/build-map.mjs",
  viewBox: [0, 0, left - GAP, HEIGHT],
  frames,
  shapes,
};
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(result) + "\n");
console.log(`${shapes.length} shapes, ${JSON.stringify(result).length} bytes → ${output}`);
