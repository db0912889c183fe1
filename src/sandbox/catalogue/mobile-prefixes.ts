import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import examples from 'libphonenumber-js/mobile/examples';

/** Visiting variants in steps of 37 (mod 100) reaches all hundred and spreads the prefixes out. */
const STRIDE = 37;

/**
 * National-number prefixes, all of one length, that make valid mobile numbers in the country (ascending).
 * Starting from libphonenumber's example mobile number, variants of the last two digits of its first
 * `length` digits are tried from the example's own digits in steps of `STRIDE`, and kept when the full
 * number (variant prefix + the example's remaining digits) is a valid mobile number of that same country
 * in libphonenumber's mobile metadata, until `needed` are found. The length starts at 3; North American
 * territories share a 3-digit area code, so theirs start at 6 (area code + exchange), and a length grows
 * while too few exist.
 *
 * Validating thousands of numbers is too slow for every generation, so `reference/write-mobile-prefixes.ts`
 * stores the result in `reference/mobile-prefixes.ts`, which the catalogue reads.
 */
export function findMobilePrefixes(alpha2: string, callingCode: string, needed: number): string[] {
  const example = getExampleNumber(alpha2 as CountryCode, examples);
  if (!example) return [];
  const national = example.nationalNumber;
  const sharesAreaCodes = callingCode === '1' && alpha2 !== 'US' && alpha2 !== 'CA';
  for (let length = sharesAreaCodes ? 6 : 3; length <= national.length - 3; length++) {
    const found = prefixesOfLength(alpha2, national, length, needed);
    if (found.length >= needed) return found.sort();
  }
  return [];
}

function prefixesOfLength(alpha2: string, national: string, length: number, needed: number) {
  const head = national.slice(0, length - 2);
  const own = Number(national.slice(length - 2, length));
  const rest = national.slice(length);
  const found: string[] = [];
  for (let step = 0; step < 100 && found.length < needed; step++) {
    const variant = (own + step * STRIDE) % 100;
    const prefix = `${head}${String(variant).padStart(2, '0')}`;
    const phone = parsePhoneNumberFromString(`${prefix}${rest}`, alpha2 as CountryCode);
    if (phone?.country === alpha2 && phone.isValid()) found.push(prefix);
  }
  return found;
}
