// A small DER reader: enough of X.690 to walk an X.509 certificate. Only definite lengths
// in minimal form are accepted (DER forbids the rest), and every element must lie inside
// its parent, so a truncated or padded certificate fails here rather than further on.
import { LifeboatError } from '../../errors';

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

export interface DerElement {
  tag: number;
  /** The contents octets. */
  value: Uint8Array;
  /** The whole element, header included (what a signature covers). */
  raw: Uint8Array;
}

function invalid(reason: string): LifeboatError {
  return new LifeboatError('malformed-response', `The certificate is not valid DER: ${reason}.`);
}

/** The element starting at `offset` and where the next one starts. */
export function readElement(bytes: Uint8Array, offset = 0): { element: DerElement; next: number } {
  if (offset + 2 > bytes.length) throw invalid('an element is cut short');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw invalid('multi-byte tags are not used in certificates');
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw invalid('an element has an unsupported length form');
    if (offset + 2 + count > bytes.length) throw invalid('a length is cut short');
    length = 0;
    for (let i = 0; i < count; i += 1) length = (length << 8) | bytes[offset + 2 + i]!;
    if (bytes[offset + 2] === 0 || length < 0x80) throw invalid('a length is not minimal');
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw invalid('an element runs past its container');
  return {
    element: {
      tag,
      value: bytes.subarray(offset + header, end),
      raw: bytes.subarray(offset, end),
    },
    next: end,
  };
}

/** Exactly one element filling `bytes`. */
export function readSingle(bytes: Uint8Array, tag?: number): DerElement {
  const { element, next } = readElement(bytes);
  if (next !== bytes.length) throw invalid('extra bytes follow the element');
  if (tag !== undefined) expectTag(element, tag);
  return element;
}

/** The elements inside a constructed element's contents. */
export function children(element: DerElement): DerElement[] {
  if ((element.tag & 0x20) === 0) throw invalid('a primitive element was read as constructed');
  const out: DerElement[] = [];
  let offset = 0;
  while (offset < element.value.length) {
    const { element: child, next } = readElement(element.value, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

export function expectTag(element: DerElement | undefined, tag: number): DerElement {
  if (!element) throw invalid('an expected element is missing');
  if (element.tag !== tag)
    throw invalid(`expected tag ${tag.toString(16)}, found ${element.tag.toString(16)}`);
  return element;
}

/** Dotted form of an OBJECT IDENTIFIER. */
export function oidText(element: DerElement): string {
  const bytes = expectTag(element, TAG.oid).value;
  if (bytes.length === 0) throw invalid('an empty object identifier');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if (value === 0 && byte === 0x80) throw invalid('an object identifier is not minimal');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128)
      throw invalid('an object identifier arc is too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === bytes.length - 1) {
      throw invalid('an object identifier is cut short');
    }
  }
  const first = arcs[0]!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** The bits of a BIT STRING without unused bits (keys and signatures are whole bytes). */
export function bitStringBytes(element: DerElement): Uint8Array {
  const value = expectTag(element, TAG.bitString).value;
  if (value.length === 0 || value[0] !== 0) throw invalid('a bit string has unused bits');
  return value.subarray(1);
}

/** The text of a UTF8String or PrintableString. */
export function stringText(element: DerElement): string {
  if (element.tag !== TAG.utf8String && element.tag !== TAG.printableString)
    throw invalid('a name attribute is not a string');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(element.value);
  } catch {
    throw invalid('a name attribute is not valid text');
  }
}
