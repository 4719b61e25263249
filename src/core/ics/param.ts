/**
 * Parameter values as callink writes them (CN, LABEL, …): RFC 6868 encoding, so a name can
 * hold a double quote or a line break without ending the parameter. iCalendar has no backslash
 * escape inside parameters (ical-generator's `\"` is read as the end of the value, which let a
 * name inject ";ROLE=CHAIR" or a second address), so a backslash is never written.
 */

/**
 * RFC 6868: `^` → `^^`, `"` → `^'`, a line break → `^n`; controls and backslashes dropped,
 * and `;` written as `,`: node-ical splits parameters at every semicolon, even inside quotes,
 * so `Bob";ROLE=CHAIR` would still make Bob a chair there.
 */
export function encodeParam(value: string): string {
  return (
    value
      .replace(/;/g, ',')
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f\\]/g, '')
      .replace(/[\^"\n]/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'))
  );
}

/** The value as it goes after `NAME=`: encoded, and quoted when it holds `:`, `;` or `,`. */
export function paramText(value: string): string {
  const encoded = encodeParam(value);
  return /[:;,]/.test(encoded) ? `"${encoded}"` : encoded;
}

/** Reads an RFC 6868 value back (`^^`, `^'`, `^n`; any other `^` stays as it is). */
export function decodeParam(value: string): string {
  return value.replace(/\^([\^'n])/g, (_m, c: string) =>
    c === '^' ? '^' : c === "'" ? '"' : '\n',
  );
}
