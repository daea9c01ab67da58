// resource.Quantity parsing: "100m", "1.5", "2Gi", "1e3", "512Mi", 3.
// The scheduler works in integers: cpu in millicores (MilliValue, rounded up) and everything
// else in base units (Value, rounded up). Both round away from zero like the apimachinery code.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export class QuantityError extends Error {}

/** Parses a quantity to a float in base units. Throws QuantityError on malformed input. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(`quantity ${q} is not finite`);
    return q;
  }
  const s = String(q).trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': "${s}"`);
  const num = Number(m[1]);
  if (m[2] !== undefined) {
    if (m[2] in BINARY) return num * BINARY[m[2]];
    return scaleDecimal(m[1], DECIMAL[m[2]]);
  }
  if (m[3] !== undefined) return scaleDecimal(m[1], Number(m[3]));
  return num;
}

// Scaling by a power of ten through the decimal string avoids 0.1 * 1000 = 100.00000000000001.
function scaleDecimal(digits: string, exp: number): number {
  return Number(`${digits}e${exp}`);
}

/** Value() in the API's sense: base units rounded up to an integer. */
export function quantityValue(q: string | number): number {
  return ceilAway(parseQuantity(q));
}

/** MilliValue(): thousandths rounded up to an integer (cpu in millicores). */
export function quantityMilliValue(q: string | number): number {
  return ceilAway(parseQuantity(q) * 1000);
}

function ceilAway(x: number): number {
  // Tiny float noise (e.g. 1.0000000000000002) must not round up to the next integer.
  const r = Math.round(x);
  if (Math.abs(x - r) < 1e-9) return r;
  return x > 0 ? Math.ceil(x) : Math.floor(x);
}
