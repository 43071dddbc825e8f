/** Whether an exact decimal string from the API is zero ("0.000000", "-0.000000", "0"). */
export function isZero(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value.trim());
}
