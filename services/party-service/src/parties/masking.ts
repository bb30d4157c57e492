/** How ID numbers and phones look to everyone who did not get a reveal: enough to tell people apart, no more. */

/** First 6 (region) and last 4 characters: `110105********002X`. The birth date is hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** Mobile: `138****8000`; landline: area code kept, `0851-****1234`. */
export function maskPhone(phone: string): string {
  const hyphen = phone.indexOf('-');
  if (hyphen > 0) {
    const local = phone.slice(hyphen + 1);
    return `${phone.slice(0, hyphen + 1)}${'*'.repeat(Math.max(local.length - 4, 0))}${local.slice(-4)}`;
  }
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
