// resource.Quantity parsing: "100m", "1.5", "2Gi", "1e3", "512Mi", 3.
// The scheduler works in integers: cpu in millicores (MilliValue) and everything else in base
// units (Value). Both round away from zero like apimachinery's Quantity.
//
// Grammar (apimachinery resource/quantity.go, parseQuantityString):
//   <quantity> ::= <signedNumber><suffix>
//   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | (e|E)<signedInt>
// "K" (upper case) is not a suffix; "E" alone means exa, "E3" is an exponent.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export class QuantityError extends Error {}

/**
 * Parses a quantity and returns it multiplied by 10^exp10, as a float.
 * Scaling happens on the decimal string (Number("1.5e3")), so "100m" at exp10 = 3 is exactly 100
 * rather than 0.1 * 1000 = 100.00000000000001.
 */
export function parseQuantityScaled(q: string | number, exp10: number): number {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(`quantity ${q} is not finite`);
    return Number(`${q}e${exp10}`);
  }
  const s = String(q).trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': "${s}"`);
  const digits = m[1];
  if (m[2] !== undefined && m[2] in BINARY) return Number(`${digits}e${exp10}`) * BINARY[m[2]];
  const exp = m[2] !== undefined ? DECIMAL[m[2]] : m[3] !== undefined ? Number(m[3]) : 0;
  return Number(`${digits}e${exp + exp10}`);
}

/** Parses a quantity to a float in base units. Throws QuantityError on malformed input. */
export function parseQuantity(q: string | number): number {
  return parseQuantityScaled(q, 0);
}

/** Value() in the API's sense: base units rounded up to an integer. */
export function quantityValue(q: string | number): number {
  return roundUp(parseQuantityScaled(q, 0));
}

/** MilliValue(): thousandths rounded up to an integer (cpu in millicores). */
export function quantityMilliValue(q: string | number): number {
  return roundUp(parseQuantityScaled(q, 3));
}

/**
 * Rounds to an integer like Quantity.Value()/MilliValue(): away from zero (inf.RoundUp), so 1.2 -> 2
 * and -1.2 -> -2 (negative requests are rejected by the API server anyway).
 * Float noise (1.0000000000000002 from a sum of parsed values) must not round up to the next
 * integer, so values within a relative 1e-12 of an integer snap to it.
 */
export function roundUp(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - r) <= 1e-12 * Math.max(1, Math.abs(r))) return r === 0 ? 0 : r;
  return x > 0 ? Math.ceil(x) : Math.floor(x);
}
