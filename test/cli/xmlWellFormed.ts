// A small XML well-formedness check for the SVG the CLI writes (no XML parser is a dependency):
// one root element, every tag closed in order, attributes quoted and not repeated, no raw `<` or
// bare `&` in text or attribute values, only the five predefined or numeric entity references, and
// nothing but whitespace, comments or processing instructions outside the root. Enough to tell
// whether a viewer will open the file; it does not validate against the SVG schema.

export interface XmlRoot {
  name: string;
  attributes: Record<string, string>;
  /** Every element name, in document order (the root first). */
  elements: string[];
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/y;

function checkText(text: string, where: number): void {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`offset ${where + i}: '&' that starts no entity reference`);
  }
  const lt = text.indexOf('<');
  if (lt >= 0) throw new Error(`offset ${where + lt}: raw '<' in text or attribute`);
}

/** Throws with the offset of the first problem; returns the root element. */
export function parseXml(xml: string): XmlRoot {
  const stack: string[] = [];
  const elements: string[] = [];
  let root: XmlRoot | undefined;
  let closedRoot = false;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim()) throw new Error(`offset ${i}: text outside the root element`);
    checkText(text, i);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new Error(`offset ${lt}: unterminated comment`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new Error(`offset ${lt}: unterminated processing instruction`);
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw new Error(`offset ${lt}: DOCTYPE or CDATA not expected`);
    const closing = xml[lt + 1] === '/';
    const nameMatch = NAME.exec(xml.slice(lt + (closing ? 2 : 1)));
    if (!nameMatch) throw new Error(`offset ${lt}: '<' without an element name`);
    const name = nameMatch[0];
    let j = lt + (closing ? 2 : 1) + name.length;
    if (closing) {
      while (/\s/.test(xml[j] ?? '')) j++;
      if (xml[j] !== '>') throw new Error(`offset ${j}: '>' expected after </${name}`);
      const open = stack.pop();
      if (open !== name) throw new Error(`offset ${lt}: </${name}> closes <${open ?? 'nothing'}>`);
      if (stack.length === 0) closedRoot = true;
      i = j + 1;
      continue;
    }
    if (closedRoot || (stack.length === 0 && root)) throw new Error(`offset ${lt}: a second root element <${name}>`);
    const attributes: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(j))![0].length;
      j += ws;
      if (xml.startsWith('/>', j) || xml[j] === '>') break;
      if (ws === 0) throw new Error(`offset ${j}: whitespace expected before an attribute`);
      const attr = NAME.exec(xml.slice(j));
      if (!attr) throw new Error(`offset ${j}: attribute name expected in <${name}>`);
      j += attr[0].length;
      const eq = /^\s*=\s*/.exec(xml.slice(j));
      if (!eq) throw new Error(`offset ${j}: '=' expected after ${attr[0]}`);
      j += eq[0].length;
      const quote = xml[j];
      if (quote !== '"' && quote !== "'") throw new Error(`offset ${j}: unquoted value of ${attr[0]}`);
      const end = xml.indexOf(quote, j + 1);
      if (end < 0) throw new Error(`offset ${j}: unterminated value of ${attr[0]}`);
      const value = xml.slice(j + 1, end);
      checkText(value, j + 1);
      if (Object.hasOwn(attributes, attr[0])) throw new Error(`offset ${j}: attribute ${attr[0]} repeated in <${name}>`);
      attributes[attr[0]] = value;
      j = end + 1;
    }
    elements.push(name);
    if (!root) root = { name, attributes, elements };
    if (xml.startsWith('/>', j)) {
      if (stack.length === 0) closedRoot = true;
      i = j + 2;
    } else {
      stack.push(name);
      i = j + 1;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
