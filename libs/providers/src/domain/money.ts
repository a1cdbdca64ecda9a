/** Money in integer minor units (cents for USD, yen for JPY) with an ISO 4217 code. Never floats. */
export interface Money {
  amount: number;
  currency: string;
}

/** ISO 4217 currencies whose minor unit is not 2 digits (the rest use 2). */
const MINOR_UNIT_DIGITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export const minorUnitDigits = (currency: string): number => MINOR_UNIT_DIGITS[currency.toUpperCase()] ?? 2;

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`Money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency: currency.toUpperCase() };
}

/**
 * Parses a decimal amount ("12.3", "-0.05", 12.30) into minor units exactly, by string arithmetic
 * (12.3 * 100 in floating point is 1229.9999…). More fraction digits than the currency has are an
 * error rather than a silent rounding.
 */
export function decimalToMinorUnits(value: string | number, currency: string): number {
  const text = typeof value === 'number' ? value.toString() : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`Not a decimal amount: "${text}"`);
  const [, sign, whole, fraction = ''] = match;
  const digits = minorUnitDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) throw new RangeError(`${text} has more precision than ${currency} allows`);
  const minor = Number(`${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  return sign ? -minor : minor;
}
